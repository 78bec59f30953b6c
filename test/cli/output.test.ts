// Output for pipelines: every format through the CLI, --output (atomic), --max-warnings, --quiet.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { parseArgs } from '../../src/cli/args';
import { formatterNames } from '../../src/formatters/index';
import { runCli, tempDir, yaml } from '../helpers';

const privileged = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          privileged: true
`;
// Two warnings (read-only-root-filesystem, drop-all-capabilities) and no error under these rules.
const WARNINGS = ['--preset', 'pss-baseline', '--rule', 'read-only-root-filesystem=warning', '--rule', 'drop-all-capabilities=warning', '--rule', 'no-privileged=off'];
const ESC = '\u001b';

test('every format runs through the CLI, without colour even when forced, and exits 1 on an error', () => {
  const dir = tempDir({ 'deploy/web.yaml': privileged });
  const expected: Record<string, RegExp> = {
    compact: /^deploy\/web\.yaml:10:9: error Container "web" .*\[no-privileged\]$/m,
    github: /^::error file=deploy\/web\.yaml,line=10,col=9,endLine=10,endColumn=19,title=no-privileged \(kubeguard\)::/m,
    junit: /<testcase name="deploy\/web\.yaml" classname="kubeguard">\n {6}<failure message="[^"]+" type="no-privileged">/,
    sarif: /"ruleId": "no-privileged"/,
    json: /"ruleId": "no-privileged"/,
  };
  for (const [format, pattern] of Object.entries(expected)) {
    const run = runCli(['--preset', 'pss-baseline', '--format', format, 'deploy'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.is(run.code, 1, `${format}: ${run.stderr}`);
    assert.match(run.stdout, pattern, format);
    assert.not.ok(run.stdout.includes(ESC), `${format} has no escape codes`);
    assert.is(run.stderr, '', format);
  }
  const sarif = JSON.parse(runCli(['--preset', 'pss-baseline', '--format', 'sarif', 'deploy'], { cwd: dir }).stdout);
  assert.is(sarif.runs[0].tool.driver.version, JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  assert.is(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'deploy/web.yaml');
  // compact, github and junit on a clean run: nothing to annotate, a passing testcase.
  const clean = tempDir({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
  assert.equal(runCli(['--format', 'compact', '.'], { cwd: clean }), { code: 0, stdout: '', stderr: '' });
  assert.equal(runCli(['--format', 'github', '.'], { cwd: clean }), { code: 0, stdout: '', stderr: '' });
  assert.match(runCli(['--format', 'junit', '.'], { cwd: clean }).stdout, /<testcase name="ok\.yaml" classname="kubeguard"\/>/);
});

test('--output writes the report to the file, nothing to stdout, no temporary file left; relative to the working directory', () => {
  const dir = tempDir({ 'deploy/web.yaml': privileged });
  mkdirSync(join(dir, 'reports'));
  const run = runCli(['--preset', 'pss-baseline', '--format', 'sarif', '--output', 'reports/kubeguard.sarif', 'deploy'], { cwd: dir });
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  const written = JSON.parse(readFileSync(join(dir, 'reports/kubeguard.sarif'), 'utf8'));
  assert.is(written.runs[0].results.length, 1);
  assert.equal(readdirSync(join(dir, 'reports')), ['kubeguard.sarif']);

  // stylish to a file: no colour codes, even when forced.
  runCli(['--preset', 'pss-baseline', '--output', 'reports/out.txt', 'deploy'], { cwd: dir, env: { FORCE_COLOR: '1' } });
  const text = readFileSync(join(dir, 'reports/out.txt'), 'utf8');
  assert.match(text, /no-privileged/);
  assert.not.ok(text.includes(ESC));
});

test('--output to a path that cannot be written exits 2 and leaves what was there', () => {
  const dir = tempDir({ 'deploy/web.yaml': privileged, 'afile': 'keep', 'reports/old.json': 'old report' });
  const underFile = runCli(['--output', 'afile/report.json', 'deploy'], { cwd: dir });
  assert.is(underFile.code, 2);
  assert.match(underFile.stderr, /^kubeguard: cannot write afile\/report\.json: /);
  assert.is(readFileSync(join(dir, 'afile'), 'utf8'), 'keep');
  // A missing directory is not created: a typo in a path should not scatter directories.
  const missingDirectory = runCli(['--output', 'nowhere/report.json', 'deploy'], { cwd: dir });
  assert.is(missingDirectory.code, 2);
  assert.not.ok(existsSync(join(dir, 'nowhere')));
  // A directory in the way: the rename fails, the directory and its content stay, no temporary file remains.
  const directory = runCli(['--output', 'reports', 'deploy'], { cwd: dir });
  assert.is(directory.code, 2);
  assert.equal(readdirSync(join(dir, 'reports')), ['old.json']);
  assert.equal(readdirSync(dir).sort(), ['afile', 'deploy', 'reports']);
});

test('--output is atomic: a reader polling the file sees the old report or the whole new one, never a part', async () => {
  // A report of a few megabytes takes several writes; a reader of a file written in place would see it grow.
  const pods = Array.from({ length: 500 }, (_, index) => privileged.replace('name: web\n', `name: web-${index}\n`)).join('---\n');
  const dir = tempDir({ 'pods.yaml': pods, 'report.json': '{"old": true}' });
  const child = spawn(process.execPath, [resolve(__dirname, '..', '..', 'bin', 'kubeguard.js'), '--preset', 'strict', '--format', 'json', '--output', 'report.json', 'pods.yaml'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  let running = true;
  void exited.then(() => (running = false));
  const seen = new Set<string>();
  let reads = 0;
  while (running && reads < 200_000) {
    const text = readFileSync(join(dir, 'report.json'), 'utf8');
    reads++;
    if (text === '{"old": true}') seen.add('old');
    else {
      const report = JSON.parse(text); // throws on a partial file
      assert.is(report.version, 1);
      seen.add('new');
    }
    await new Promise((next) => setImmediate(next));
  }
  assert.is(await exited, 1);
  assert.ok(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).results.length > 500);
  assert.ok(seen.has('old') || seen.has('new'));
});

test('--max-warnings: over the limit exits 1 and says so on stderr; at the limit passes; -1 means no limit', () => {
  const dir = tempDir({ 'web.yaml': privileged });
  const base = runCli(['--format', 'json', ...WARNINGS, 'web.yaml'], { cwd: dir });
  const warnings = JSON.parse(base.stdout).summary.warnings as number;
  assert.is(warnings, 2);
  assert.is(base.code, 0);
  const over = runCli([...WARNINGS, '--max-warnings', '1', 'web.yaml'], { cwd: dir });
  assert.equal([over.code, over.stderr], [1, 'kubeguard: too many warnings: 2 (--max-warnings 1)\n']);
  const at = runCli([...WARNINGS, '--max-warnings', '2', 'web.yaml'], { cwd: dir });
  assert.equal([at.code, at.stderr], [0, '']);
  assert.is(runCli([...WARNINGS, '--max-warnings', '-1', 'web.yaml'], { cwd: dir }).code, 0);
  assert.is(runCli([...WARNINGS, '--max-warnings', '1.5', 'web.yaml'], { cwd: dir }).code, 2);
});

test('--quiet reports errors only; hidden warnings still count against --max-warnings', () => {
  const dir = tempDir({ 'web.yaml': privileged });
  const mixed = ['--preset', 'pss-baseline', '--rule', 'read-only-root-filesystem=warning'];
  const quiet = runCli(['--format', 'json', '--quiet', ...mixed, 'web.yaml'], { cwd: dir });
  const report = JSON.parse(quiet.stdout);
  assert.is(quiet.code, 1);
  assert.equal(report.results.map((result: { ruleId: string }) => result.ruleId), ['no-privileged']);
  assert.equal([report.summary.errors, report.summary.warnings], [1, 0]);
  const compact = runCli(['--format', 'compact', '--quiet', ...mixed, 'web.yaml'], { cwd: dir });
  assert.not.match(compact.stdout, /: warning /);
  assert.match(compact.stdout, /: error /);
  const warningsOnly = ['--quiet', ...WARNINGS, 'web.yaml'];
  const hidden = runCli(['--format', 'compact', ...warningsOnly], { cwd: dir });
  assert.equal([hidden.code, hidden.stdout], [0, '']);
  const counted = runCli(['--format', 'compact', '--max-warnings', '0', ...warningsOnly], { cwd: dir });
  assert.equal([counted.code, counted.stdout, counted.stderr], [1, '', 'kubeguard: too many warnings: 2 (--max-warnings 0)\n']);
});

test('no spinner without a terminal: stderr stays empty on a long run', () => {
  const files: Record<string, string> = {};
  for (let index = 0; index < 60; index++) files[`m${index}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${index}}\n`;
  const run = runCli(['.'], { cwd: tempDir(files), env: { CI: undefined, GITHUB_ACTIONS: undefined, TF_BUILD: undefined } });
  assert.equal([run.code, run.stderr], [0, '']);
  assert.match(run.stdout, /60 files/);
});

test('examples/ci: valid YAML whose kubeguard commands use flags and formats that exist', () => {
  const dir = resolve(__dirname, '..', '..', 'examples', 'ci');
  const names = readdirSync(dir).sort();
  assert.equal(names, ['azure-pipelines.yml', 'github-actions.yml', 'github-annotations.yml']);
  const formats = new Set<string>();
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    assert.type(parse(text), 'object', name);
    const commands = text.match(/npx kubeguard [^\n|]*/g) ?? [];
    assert.ok(commands.length > 0, name);
    for (const command of commands) {
      const parsed = parseArgs(command.slice('npx kubeguard '.length).trim().split(/\s+/)); // throws on an unknown flag
      if (typeof parsed.flags.format === 'string') {
        assert.ok(formatterNames().includes(parsed.flags.format), command);
        formats.add(parsed.flags.format);
      }
    }
  }
  assert.equal([...formats].sort(), ['github', 'junit', 'sarif']);
  assert.match(readFileSync(join(dir, 'github-actions.yml'), 'utf8'), /uses: github\/codeql-action\/upload-sarif@v3/);
  assert.match(readFileSync(join(dir, 'azure-pipelines.yml'), 'utf8'), /task: PublishTestResults@2/);
});

test.run();
