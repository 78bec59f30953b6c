// The built CLI end to end: inputs, exit codes, config discovery and errors, output.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
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
const clean = yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
  data:
    color: blue
`;

function json(stdout: string) {
  return JSON.parse(stdout) as { results: Array<{ file: string; ruleId: string; line: number; column: number; severity: string; message: string }>; summary: Record<string, number> };
}

test('--version, --help, --list-rules, --explain', () => {
  const version = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
  assert.equal(runCli(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
  const help = runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: kubeguard/);
  assert.match(help.stdout, /--stdin-filename/);
  const list = runCli(['--list-rules']);
  assert.equal(list.code, 0);
  assert.match(list.stdout, /^no-privileged\s+error\s+pss-baseline/m);
  const explain = runCli(['--explain', 'no-privileged']);
  assert.equal(explain.code, 0);
  assert.match(explain.stdout, /^# no-privileged/);
  const unknown = runCli(['--explain', 'no-privilged']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown rule "no-privilged"; did you mean "no-privileged"\?/);
});

test('usage errors exit 2', () => {
  const bad = runCli(['--formatt', 'json']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown option --formatt; did you mean "--format"\?/);
  assert.equal(runCli(['--format', 'xml', '.'], { cwd: tempDir() }).code, 2);
  assert.equal(runCli(['--max-warnings', 'many'], { cwd: tempDir() }).code, 2);
  assert.equal(runCli(['--rule', 'no-privileged=loud'], { cwd: tempDir() }).code, 2);
  assert.equal(runCli(['--kubernetes-version', '2.0'], { cwd: tempDir() }).code, 2);
});

test('a directory is walked recursively: .yaml, .yml, .json; .gitignore, node_modules and .git are skipped', () => {
  const dir = tempDir({
    'deploy/web.yaml': privileged,
    'deploy/web.yml': privileged,
    'deploy/web.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'a', securityContext: { privileged: true } }] } }),
    'deploy/notes.txt': privileged,
    'generated/out.yaml': privileged,
    'node_modules/pkg/pod.yaml': privileged,
    '.gitignore': 'generated/\n',
  });
  const run = runCli(['--format', 'json', '--rule', 'no-privileged=error', '--preset', 'pss-baseline'], { cwd: dir });
  assert.equal(run.code, 1);
  const files = [...new Set(json(run.stdout).results.map((result) => result.file))];
  assert.equal(files, ['deploy/web.json', 'deploy/web.yaml', 'deploy/web.yml']);
  assert.equal(json(run.stdout).summary.files, 3);
});

test('globs and explicit files; a missing path exits 2 but the other files are still linted', () => {
  const dir = tempDir({ 'a/one.yaml': privileged, 'b/two.yaml': clean });
  const glob = runCli(['--format', 'json', '--preset', 'pss-baseline', 'a/*.yaml'], { cwd: dir });
  assert.equal(glob.code, 1);
  assert.equal(json(glob.stdout).results.map((result) => result.file), ['a/one.yaml']);
  const missing = runCli(['--format', 'json', '--preset', 'pss-baseline', 'a/one.yaml', 'nope.yaml'], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.yaml/);
  assert.equal(json(missing.stdout).results.length, 1);
  // Only a missing path: the stylish report would say "no problems" above the error, so it is left out.
  const onlyMissing = runCli(['nope.yaml'], { cwd: dir });
  assert.equal([onlyMissing.code, onlyMissing.stdout, onlyMissing.stderr], [2, '', 'kubeguard: no such file, directory or matching glob: nope.yaml\n']);
});

test('exit codes: 0 clean, 1 errors, warnings pass unless over --max-warnings', () => {
  const dir = tempDir({ 'clean.yaml': clean, 'bad.yaml': privileged });
  assert.equal(runCli(['clean.yaml'], { cwd: dir }).code, 0);
  assert.equal(runCli(['bad.yaml'], { cwd: dir }).code, 1);
  const warningsOnly = ['--preset', 'pss-baseline', '--rule', 'no-privileged=warning', 'bad.yaml'];
  assert.equal(runCli(warningsOnly, { cwd: dir }).code, 0);
  assert.equal(runCli([...warningsOnly, '--max-warnings', '0'], { cwd: dir }).code, 1);
  assert.equal(runCli([...warningsOnly, '--max-warnings', '1'], { cwd: dir }).code, 0);
});

test('standard input with - or --stdin, named by --stdin-filename', () => {
  const dash = runCli(['--format', 'json', '--preset', 'pss-baseline', '-'], { input: privileged, cwd: tempDir() });
  assert.equal(dash.code, 1);
  assert.equal(json(dash.stdout).results[0].file, '<stdin>');
  const named = runCli(['--format', 'json', '--preset', 'pss-baseline', '--stdin', '--stdin-filename', 'deploy/web.yaml'], { input: privileged, cwd: tempDir() });
  assert.equal(json(named.stdout).results.map((result) => [result.file, result.ruleId, result.line, result.column]), [['deploy/web.yaml', 'no-privileged', 10, 9]]);
});

test('bad input is a parse-error with a position and never stops the other files', () => {
  const dir = tempDir({ 'a-broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [}\n', 'b-binary.yaml': '', 'c-good.yaml': privileged });
  writeFileSync(join(dir, 'b-binary.yaml'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
  mkdirSync(join(dir, 'd-dir.yaml'));
  const run = runCli(['--format', 'json', '--preset', 'pss-baseline', '.'], { cwd: dir });
  assert.equal(run.code, 1);
  const rows = json(run.stdout).results.map((result) => [result.file, result.ruleId, result.line]);
  assert.equal(rows, [
    ['a-broken.yaml', 'parse-error', 3],
    ['b-binary.yaml', 'parse-error', 1],
    ['c-good.yaml', 'no-privileged', 10],
  ]);
  assert.match(json(run.stdout).results[1].message, /binary/);
});

test('an unreadable file is a parse-error naming the file', () => {
  const dir = tempDir({ 'locked.yaml': privileged, 'open.yaml': privileged });
  chmodSync(join(dir, 'locked.yaml'), 0o000);
  const run = runCli(['--format', 'json', '--preset', 'pss-baseline', '.'], { cwd: dir });
  const results = json(run.stdout).results;
  if (process.getuid?.() === 0) {
    // root reads through mode 000; the permission path is covered where tests do not run as root.
    assert.equal(results.filter((result) => result.ruleId === 'no-privileged').length, 2);
  } else {
    assert.equal(results.map((result) => [result.file, result.ruleId]), [['locked.yaml', 'parse-error'], ['open.yaml', 'no-privileged']]);
    assert.match(results[0].message, /permission denied/);
  }
});

test('a file over maxFileSize is a parse-error naming the limit', () => {
  const dir = tempDir({ 'big.yaml': clean + `# ${'x'.repeat(2000)}\n`, 'small.yaml': privileged, '.kubeguardrc.yaml': 'extends: pss-baseline\nmaxFileSize: 1000\n' });
  const run = runCli(['--format', 'json', '.'], { cwd: dir });
  const results = json(run.stdout).results;
  assert.equal(results.map((result) => [result.file, result.ruleId]), [['big.yaml', 'parse-error'], ['small.yaml', 'no-privileged']]);
  assert.match(results[0].message, /over the limit of 1000/);
});

test('config discovery: .kubeguardrc.yaml, package.json#kubeguard, kubeguard.config.js/.mjs; found from a subdirectory', () => {
  const configs: Record<string, string> = {
    '.kubeguardrc.yaml': 'extends: pss-baseline\nrules:\n  no-privileged: warning\n',
    '.kubeguardrc.json': '{"extends": "pss-baseline", "rules": {"no-privileged": "warning"}}',
    'package.json': '{"name": "x", "kubeguard": {"extends": "pss-baseline", "rules": {"no-privileged": "warning"}}}',
    'kubeguard.config.js': 'module.exports = { extends: "pss-baseline", rules: { "no-privileged": "warning" } };',
    'kubeguard.config.mjs': 'export default { extends: "pss-baseline", rules: { "no-privileged": "warning" } };',
  };
  for (const [name, content] of Object.entries(configs)) {
    const dir = tempDir({ [name]: content, 'deploy/web.yaml': privileged });
    const run = runCli(['--format', 'json', 'web.yaml'], { cwd: join(dir, 'deploy') });
    assert.equal(run.stderr, '', name);
    assert.equal(json(run.stdout).results.map((result) => [result.ruleId, result.severity]), [['no-privileged', 'warning']], name);
    assert.equal(run.code, 0, name);
  }
});

test('no config means recommended; --preset ignores config files; --rule wins over both', () => {
  const dir = tempDir({ '.kubeguardrc.yaml': 'extends: pss-baseline\nrules:\n  no-privileged: off\n', 'web.yaml': privileged });
  assert.equal(json(runCli(['--format', 'json', 'web.yaml'], { cwd: dir }).stdout).results, []);
  const preset = json(runCli(['--format', 'json', '--preset', 'pss-baseline', 'web.yaml'], { cwd: dir }).stdout);
  assert.equal(preset.results.map((result) => result.ruleId), ['no-privileged']);
  const ruleFlag = json(runCli(['--format', 'json', '--rule', 'no-privileged=info', 'web.yaml'], { cwd: dir }).stdout);
  assert.equal(ruleFlag.results.map((result) => [result.ruleId, result.severity]), [['no-privileged', 'info']]);
  const noConfig = json(runCli(['--format', 'json', 'web.yaml'], { cwd: tempDir({ 'web.yaml': privileged }) }).stdout);
  assert.ok(noConfig.results.some((result) => result.ruleId === 'run-as-non-root'), 'recommended includes restricted rules');
});

test('overrides and ignores match files with micromatch globs relative to the config', () => {
  const dir = tempDir({
    '.kubeguardrc.yaml': 'extends: pss-baseline\noverrides:\n  - files: ["system/**"]\n    rules:\n      no-privileged: off\nignores: ["vendor/**"]\n',
    'apps/web.yaml': privileged,
    'system/agent.yaml': privileged,
    'vendor/thing.yaml': privileged,
  });
  const run = runCli(['--format', 'json', '.'], { cwd: dir });
  assert.equal(json(run.stdout).results.map((result) => result.file), ['apps/web.yaml']);
  // A path named on the command line that the ignores exclude is skipped, and the skip is said (as lint-staged needs).
  const named = runCli(['--format', 'json', 'vendor/thing.yaml', 'apps'], { cwd: dir });
  assert.equal(json(named.stdout).results.map((result) => result.file), ['apps/web.yaml']);
  assert.match(named.stderr, /vendor\/thing\.yaml is excluded by the config's ignores: not linted \(--no-ignore lints it\)/);
  assert.equal(named.code, 1);
  const noIgnore = runCli(['--format', 'json', '--no-ignore', 'vendor'], { cwd: dir });
  assert.equal(json(noIgnore.stdout).results.map((result) => result.file), ['vendor/thing.yaml']);
});

test('a bad config exits 2 naming the file and the key, with did-you-mean', () => {
  const cases: Array<[string, RegExp]> = [
    ['rules:\n  no-privliged: error\n', /\.kubeguardrc\.yaml at "rules\.no-privliged": unknown rule "no-privliged"; did you mean "no-privileged"\?/],
    ['rules:\n  no-privileged: loud\n', /at "rules\.no-privileged": unknown severity "loud"/],
    ['rules:\n  capabilities-baseline: [error, {levl: baseline}]\n', /at "rules\.capabilities-baseline\.levl": unknown option for capabilities-baseline; did you mean "level"\?/],
    ['rules:\n  capabilities-baseline: [error, {level: strict}]\n', /at "rules\.capabilities-baseline\.level": expected one of baseline, restricted/],
    ['extends: recomended\n', /unknown preset "recomended"; did you mean "recommended"\?/],
    ['rulez: {}\n', /at "rulez": unknown setting; did you mean "rules"\?/],
    ['rules: [\n', /\.kubeguardrc\.yaml: cannot read the config/],
  ];
  for (const [config, expected] of cases) {
    const dir = tempDir({ '.kubeguardrc.yaml': config, 'web.yaml': privileged });
    const run = runCli(['web.yaml'], { cwd: dir });
    assert.equal(run.code, 2, config);
    assert.match(run.stderr, /^kubeguard: config error: /, config);
    assert.match(run.stderr, expected, config);
    assert.equal(run.stdout, '', config);
  }
  const missing = runCli(['--config', 'nope.yaml', 'web.yaml'], { cwd: tempDir({ 'web.yaml': privileged }) });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.yaml: config file not found/);
});

test('stylish output: file, line:col, severity, message, rule id, a code frame with a caret, a summary', () => {
  const dir = tempDir({ 'web.yaml': privileged });
  const run = runCli(['--preset', 'pss-baseline', 'web.yaml'], { cwd: dir });
  assert.equal(
    run.stdout,
    [
      'web.yaml',
      '  10:9     error    Container "web" runs privileged: remove securityContext.privileged or set it to false.  no-privileged',
      '           10 |         privileged: true',
      '              |         ^^^^^^^^^^',
      '',
      '✖ 1 problem (1 error, 0 warnings, 0 infos); 1 file, 1 object checked',
      '',
    ].join('\n'),
  );
});

test('colour only on a TTY, honouring NO_COLOR and FORCE_COLOR', () => {
  const dir = tempDir({ 'web.yaml': privileged });
  const escape = /\u001b\[/;
  assert.not.match(runCli(['web.yaml'], { cwd: dir }).stdout, escape);
  assert.match(runCli(['web.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, escape);
  assert.not.match(runCli(['web.yaml'], { cwd: dir, env: { FORCE_COLOR: '0' } }).stdout, escape);
  assert.not.match(runCli(['--no-color', 'web.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, escape);
  assert.not.match(runCli(['--format', 'json', 'web.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, escape);
});

test('the JSON result has the shape RULES.md fixes', () => {
  const dir = tempDir({ 'deploy/web.yaml': privileged.replace('name: web\n', 'name: web\n  namespace: prod\n') });
  const run = runCli(['--format', 'json', '--preset', 'pss-baseline', 'deploy'], { cwd: dir });
  const parsed = JSON.parse(run.stdout);
  assert.equal(parsed, {
    version: 1,
    results: [
      {
        file: 'deploy/web.yaml',
        line: 11,
        column: 9,
        endLine: 11,
        endColumn: 19,
        ruleId: 'no-privileged',
        severity: 'error',
        message: 'Container "web" runs privileged: remove securityContext.privileged or set it to false.',
        object: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'prod' },
        path: 'spec.containers[0].securityContext.privileged',
      },
    ],
    summary: { files: 1, objects: 1, errors: 1, warnings: 0, infos: 0, suppressed: 0 },
  });
});

test.run();
