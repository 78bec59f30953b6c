// --fix and --fix-dry-run end to end (the built CLI) and the fix runner's safety rules: never write a file with a
// parse error, writes are atomic and keep the file's mode, a failed write leaves the original intact.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintParsed, ruleMap } from '../../src/api';
import { resolveConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import { runFixes } from '../../src/fix/run';
import { DEFAULT_LIMITS, parseManifest, type ParsedFile } from '../../src/sources/yaml-loader';
import { runCli, tempDir, yaml } from '../helpers';
import { nobodyCannotRunCli } from '../robustness/cli';

const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          allowPrivilegeEscalation: "false"
`;
const podFixed = pod.replace('allowPrivilegeEscalation: "false"', 'allowPrivilegeEscalation: false');
// Only no-privilege-escalation and no-privileged: one fixable finding, one that stays.
const rules = ['--rule', 'no-privilege-escalation=error'];
const config = 'extends: []\nrules:\n  no-privilege-escalation: error\n  no-privileged: error\n';

test('--fix writes the fixed file, reports what remains, exits by what remains', () => {
  const dir = tempDir({ 'pod.yaml': pod, '.kubeguardrc.yaml': config });
  const clean = runCli(['--fix', 'pod.yaml'], { cwd: dir });
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), podFixed);
  assert.is(clean.code, 0, clean.stderr);
  assert.match(clean.stderr, /kubeguard: Fixed 1 problem in 1 file\./);

  const privileged = pod.replace('allowPrivilegeEscalation: "false"', 'privileged: true');
  writeFileSync(join(dir, 'pod.yaml'), privileged);
  const remaining = runCli(['--fix', '--format', 'json', 'pod.yaml'], { cwd: dir });
  // privileged: true makes allowPrivilegeEscalation: false invalid, so no fix is offered: nothing written.
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), privileged);
  assert.is(remaining.code, 1);
  const ids = JSON.parse(remaining.stdout).results.map((finding: { ruleId: string }) => finding.ruleId).sort();
  assert.equal(ids, ['no-privilege-escalation', 'no-privileged']);
  assert.not.match(remaining.stderr, /Fixed/);
});

test('--fix-dry-run prints a unified diff on stdout, the report on stderr, and writes nothing', () => {
  const dir = tempDir({ 'pod.yaml': pod, '.kubeguardrc.yaml': config });
  const result = runCli(['--fix-dry-run', 'pod.yaml'], { cwd: dir });
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod);
  assert.is(
    result.stdout,
    [
      '--- a/pod.yaml',
      '+++ b/pod.yaml',
      '@@ -7,4 +7,4 @@',
      '     - name: web',
      '       image: nginx:1.27',
      '       securityContext:',
      '-        allowPrivilegeEscalation: "false"',
      '+        allowPrivilegeEscalation: false',
      '',
    ].join('\n'),
  );
  assert.match(result.stderr, /Would fix 1 problem in 1 file\./);
  assert.is(result.code, 0);
  // The report lists what would remain: here nothing, so no finding lines.
  assert.not.match(result.stderr, /no-privilege-escalation/);
  // --fix and --fix-dry-run together: the dry run wins.
  runCli(['--fix', '--fix-dry-run', 'pod.yaml'], { cwd: dir });
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod);
});

test('standard input: --fix prints the fixed text, --fix-dry-run the diff; the report goes to stderr', () => {
  const dir = tempDir({ '.kubeguardrc.yaml': config });
  const fixed = runCli(['--fix', '--stdin', '--stdin-filename', 'web.yaml', '--format', 'json'], { cwd: dir, input: pod });
  assert.is(fixed.stdout, podFixed);
  assert.equal(JSON.parse(fixed.stderr.slice(fixed.stderr.indexOf('{'))).results, []);
  assert.is(fixed.code, 0);
  assert.not.ok(existsSync(join(dir, 'web.yaml')), 'stdin was written to a file');

  const dry = runCli(['--fix-dry-run', '-', '--stdin-filename', 'web.yaml'], { cwd: dir, input: pod });
  assert.match(dry.stdout, /^--- a\/web\.yaml\n\+\+\+ b\/web\.yaml\n/);
  assert.match(dry.stdout, /\n\+        allowPrivilegeEscalation: false\n/);

  // Nothing to fix (or a parse error): the input comes back unchanged, so an editor can always take stdout.
  const broken = 'kind: [\n';
  const unparsable = runCli(['--fix', '--stdin'], { cwd: dir, input: broken });
  assert.is(unparsable.stdout, broken);
  assert.is(unparsable.code, 1);
  assert.match(unparsable.stderr, /parse-error/);
});

test('--stdin-filename naming a real file never writes that file', () => {
  const dir = tempDir({ 'pod.yaml': pod, '.kubeguardrc.yaml': config });
  const result = runCli(['--fix', '--stdin', '--stdin-filename', 'pod.yaml'], { cwd: dir, input: pod });
  assert.is(result.stdout, podFixed);
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod);
});

test('a file with a parse error is never written, even when another document could be fixed', () => {
  const source = `${pod}---\nkind: [\n`;
  const dir = tempDir({ 'pod.yaml': source, '.kubeguardrc.yaml': config });
  const result = runCli(['--fix', 'pod.yaml'], { cwd: dir });
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), source);
  assert.match(result.stderr, /pod\.yaml: not fixed: the file has YAML errors\./);
  assert.match(result.stdout, /parse-error/);
  assert.is(result.code, 1);
});

test('--fix with --staged is a usage error', () => {
  const result = runCli(['--fix', '--staged'], { cwd: tempDir() });
  assert.is(result.code, 2);
  assert.match(result.stderr, /--fix cannot be combined with --staged/);
});

test('the file keeps its mode; a symlink is followed and stays a symlink', () => {
  const dir = tempDir({ 'real/pod.yaml': pod, '.kubeguardrc.yaml': config });
  chmodSync(join(dir, 'real/pod.yaml'), 0o640);
  symlinkSync(join(dir, 'real/pod.yaml'), join(dir, 'link.yaml'));
  const result = runCli(['--fix', 'link.yaml'], { cwd: dir });
  assert.is(result.code, 0, result.stderr);
  assert.ok(lstatSync(join(dir, 'link.yaml')).isSymbolicLink());
  assert.is(readlinkSync(join(dir, 'link.yaml')), join(dir, 'real/pod.yaml'));
  assert.is(readFileSync(join(dir, 'real/pod.yaml'), 'utf8'), podFixed);
  assert.is(statSync(join(dir, 'real/pod.yaml')).mode & 0o777, 0o640);
  assert.equal(readdirSync(join(dir, 'real')), ['pod.yaml']);
});

test('a read-only directory: exit 2, the original intact, no temporary file left', () => {
  const dir = tempDir({ 'ro/pod.yaml': pod, 'ok/pod.yaml': pod, '.kubeguardrc.yaml': config });
  chmodSync(dir, 0o777);
  chmodSync(join(dir, 'ok'), 0o777);
  chmodSync(join(dir, 'ok/pod.yaml'), 0o666);
  chmodSync(join(dir, 'ro'), 0o555);
  // Root writes anywhere: run the CLI as nobody then (setpriv, util-linux), or skip and say so.
  let prefix: string[] = [];
  if (process.getuid?.() === 0) {
    const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
    if (probe.status !== 0) {
      console.log('  (skipped: running as root without setpriv, so a read-only directory cannot be tested)');
      return;
    }
    prefix = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    const cannot = nobodyCannotRunCli(prefix);
    if (cannot) {
      console.log(`  (skipped: running as root and ${cannot})`);
      return;
    }
  }
  const bin = join(__dirname, '..', '..', 'bin', 'kubeguard.js');
  const env = { PATH: process.env.PATH, HOME: dir };
  const command = [...prefix, process.execPath, bin, '--fix', 'ro/pod.yaml', 'ok/pod.yaml'];
  const result = spawnSync(command[0], command.slice(1), { cwd: dir, env, encoding: 'utf8' });
  assert.is(result.status, 2, result.stderr);
  assert.match(result.stderr, /cannot write the fixes to ro\/pod\.yaml \(EACCES\); the file is unchanged\./);
  assert.is(readFileSync(join(dir, 'ro/pod.yaml'), 'utf8'), pod);
  assert.equal(readdirSync(join(dir, 'ro')), ['pod.yaml']);
  // The other file was fixed; the report shows the findings of the unchanged one.
  assert.is(readFileSync(join(dir, 'ok/pod.yaml'), 'utf8'), podFixed);
  assert.match(result.stdout, /ro\/pod\.yaml/);
  assert.not.match(result.stdout, /ok\/pod\.yaml/);
});

// The runner directly, for the cases the CLI cannot set up.
function setup(files: Record<string, string>) {
  const dir = tempDir(files);
  const layer = validateConfig('test', { extends: [], rules: { 'no-privilege-escalation': 'error' } }, ruleMap);
  const resolved = resolveConfig(layer, ruleMap, { cwd: dir });
  const parsed = Object.entries(files).map(([name, text]) => parseManifest(name, text, DEFAULT_LIMITS));
  const lint = (list: readonly ParsedFile[]) => lintParsed(list, resolved, dir);
  return { dir, parsed, lint, result: lint(parsed) };
}

test('a failure just before the rename leaves the original and no temporary file', () => {
  const { dir, parsed, lint, result } = setup({ 'pod.yaml': pod });
  const run = runFixes(parsed, result, {
    cwd: dir,
    limits: DEFAULT_LIMITS,
    dryRun: false,
    isStdin: () => false,
    lint,
    writeHooks: {
      beforeRename: (temporary) => {
        assert.ok(existsSync(temporary));
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    },
  });
  assert.equal(run.errors, ['cannot write the fixes to pod.yaml (ENOSPC); the file is unchanged.']);
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod);
  assert.equal(readdirSync(dir).sort(), ['pod.yaml']);
  // The report is of the file as it is on disk: the finding is still there.
  assert.equal(run.result.findings.map((finding) => finding.ruleId), ['no-privilege-escalation']);
});

test('a file changed on disk after it was read is left alone', () => {
  const { dir, parsed, lint, result } = setup({ 'pod.yaml': pod });
  writeFileSync(join(dir, 'pod.yaml'), `${pod}# edited meanwhile\n`);
  const run = runFixes(parsed, result, { cwd: dir, limits: DEFAULT_LIMITS, dryRun: false, isStdin: () => false, lint });
  assert.equal(run.notes, ['pod.yaml: not fixed: the file changed on disk since it was read.']);
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), `${pod}# edited meanwhile\n`);
});

test('Helm output is not written back (a build output without a fix target)', () => {
  const { dir, parsed, lint, result } = setup({ 'pod.yaml': pod });
  parsed[0].documents[0].origin = () => ({ file: 'templates/pod.yaml', via: 'helm' });
  const run = runFixes(parsed, result, { cwd: dir, limits: DEFAULT_LIMITS, dryRun: false, isStdin: () => false, lint });
  assert.match(run.notes[0], /fix not applied: it is generated \(Helm output\)/);
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod);
});

test('fixes in a multi-document file go to the right document', () => {
  const source = `${pod}---\n${pod.replace('name: web\n', 'name: api\n')}`;
  const { dir, parsed, lint, result } = setup({ 'pods.yaml': source });
  const run = runFixes(parsed, result, { cwd: dir, limits: DEFAULT_LIMITS, dryRun: false, isStdin: () => false, lint });
  assert.is(readFileSync(join(dir, 'pods.yaml'), 'utf8'), `${podFixed}---\n${podFixed.replace('name: web\n', 'name: api\n')}`);
  assert.equal(run.result.findings, []);
  assert.is(run.files[0].fixed, 2);
});

test('rules flags: --rule turns on a fixable rule for one run', () => {
  const dir = tempDir({ 'pod.yaml': pod });
  const result = runCli(['--preset', 'pss-baseline', ...rules, '--fix', 'pod.yaml'], { cwd: dir });
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), podFixed);
  assert.is(result.code, 0, result.stderr);
});

test('a directory walk fixes every file under it', () => {
  const dir = tempDir({ 'a/one.yaml': pod, 'a/b/two.yaml': pod, '.kubeguardrc.yaml': config });
  mkdirSync(join(dir, 'empty'));
  const result = runCli(['--fix', '.'], { cwd: dir });
  assert.is(result.code, 0, result.stderr);
  assert.is(readFileSync(join(dir, 'a/one.yaml'), 'utf8'), podFixed);
  assert.is(readFileSync(join(dir, 'a/b/two.yaml'), 'utf8'), podFixed);
  assert.match(result.stderr, /Fixed 2 problems in 2 files\./);
});

test.run();
