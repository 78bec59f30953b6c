// Baselines: --write-baseline records the current findings keyed by file, object, rule and path (never lines);
// --baseline accepts them, so only new problems are reported; rewriting drops what was fixed.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  applyBaseline,
  BaselineError,
  compareBaselines,
  createBaseline,
  objectReference,
  parseBaseline,
  serializeBaseline,
  type Baseline,
} from '../../src/engine/baseline';
import type { Finding, LintResult } from '../../src/engine/types';
import { baselineFileMapper } from '../../src/cli/baseline';
import { runCli, tempDir, yaml } from '../helpers';

const pod = (name: string, privileged = true) => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: ${name}
    namespace: prod
  spec:
    containers:
      - name: app
        image: nginx:1.27
        securityContext:
          privileged: ${privileged}
`;
const RULES = ['--preset', 'pss-baseline'];

function json(stdout: string) {
  return JSON.parse(stdout) as { results: Array<{ file: string; ruleId: string; line: number; path: string }>; summary: Record<string, number> };
}

function readBaseline(file: string): Baseline {
  return JSON.parse(readFileSync(file, 'utf8')) as Baseline;
}

// --- the engine: keys, counts, stable text, validation -------------------------------------------------------

function finding(overrides: Partial<Finding>): Finding {
  return {
    file: 'deploy/web.yaml',
    line: 10,
    column: 9,
    endLine: 10,
    endColumn: 19,
    ruleId: 'no-privileged',
    severity: 'error',
    message: 'm',
    object: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'prod' },
    path: 'spec.containers[0].securityContext.privileged',
    ...overrides,
  };
}

function result(findings: Finding[]): LintResult {
  const count = (severity: string) => findings.filter((entry) => entry.severity === severity).length;
  return { findings, sources: new Map(), summary: { files: 1, objects: 1, errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: 0 } };
}

const same = (file: string) => file;

test('objectReference: Kind/namespace/name, or Kind/name without a namespace', () => {
  assert.is(objectReference({ apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'prod' }), 'Pod/prod/web');
  assert.is(objectReference({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin' }), 'ClusterRole/admin');
  assert.is(objectReference(undefined), undefined);
});

test('createBaseline: sorted entries, identical keys counted, no lines, parse-errors and build problems never recorded', () => {
  const baseline = createBaseline(
    [
      finding({ file: 'z.yaml' }),
      finding({ line: 40 }),
      finding({ line: 80 }),
      finding({ ruleId: 'run-as-non-root', path: 'spec.containers[0].securityContext.runAsNonRoot', severity: 'warning' }),
      finding({ object: undefined, path: undefined, ruleId: 'unused-suppression' }),
      finding({ file: 'broken.yaml', ruleId: 'parse-error', object: undefined, path: undefined }),
      finding({ file: 'overlays/dev/kustomization.yaml', ruleId: 'build-error', severity: 'error', object: undefined, path: undefined }),
      finding({ file: 'chart/Chart.yaml', ruleId: 'build-skipped', severity: 'warning', object: undefined, path: undefined }),
    ],
    same,
  );
  assert.equal(baseline, {
    version: 1,
    findings: [
      { file: 'deploy/web.yaml', ruleId: 'unused-suppression' },
      { file: 'deploy/web.yaml', object: 'Pod/prod/web', ruleId: 'no-privileged', path: 'spec.containers[0].securityContext.privileged', count: 2 },
      { file: 'deploy/web.yaml', object: 'Pod/prod/web', ruleId: 'run-as-non-root', path: 'spec.containers[0].securityContext.runAsNonRoot' },
      { file: 'z.yaml', object: 'Pod/prod/web', ruleId: 'no-privileged', path: 'spec.containers[0].securityContext.privileged' },
    ],
  });
  // The text is stable: fixed key order, two-space indent, a final newline; the same input gives the same bytes.
  const text = serializeBaseline(baseline);
  assert.is(text, serializeBaseline(createBaseline([...result([]).findings, finding({ line: 80 }), finding({ line: 40 }), finding({ file: 'z.yaml' }), finding({ ruleId: 'run-as-non-root', path: 'spec.containers[0].securityContext.runAsNonRoot' }), finding({ object: undefined, path: undefined, ruleId: 'unused-suppression' })], same)));
  assert.ok(text.endsWith('}\n'));
  assert.not.match(text, /"line"|"column"/);
  assert.equal(parseBaseline(text), baseline);
});

test('applyBaseline: each entry accepts up to count findings; the rest, parse-errors and other keys are reported', () => {
  const baseline = createBaseline([finding({}), finding({ line: 30 })], same);
  const input = result([
    finding({ line: 5 }),
    finding({ line: 30 }),
    finding({ line: 60 }),
    finding({ path: 'spec.containers[1].securityContext.privileged' }),
    finding({ ruleId: 'parse-error', object: undefined, path: undefined }),
    finding({ severity: 'warning', ruleId: 'read-only-root-filesystem', path: 'spec.containers[0].securityContext' }),
    finding({ severity: 'warning', ruleId: 'build-skipped', object: undefined, path: undefined }),
  ]);
  // A baseline file written by hand (or by an older kubeguard) that lists a build problem accepts none.
  baseline.findings.push({ file: 'deploy/web.yaml', ruleId: 'build-skipped' });
  const outcome = applyBaseline(input, baseline, same);
  assert.is(outcome.baselined, 2);
  assert.equal(
    outcome.result.findings.map((entry) => [entry.line, entry.ruleId, entry.path]),
    [
      [60, 'no-privileged', 'spec.containers[0].securityContext.privileged'],
      [10, 'no-privileged', 'spec.containers[1].securityContext.privileged'],
      [10, 'parse-error', undefined],
      [10, 'read-only-root-filesystem', 'spec.containers[0].securityContext'],
      [10, 'build-skipped', undefined],
    ],
  );
  assert.equal(
    [outcome.result.summary.errors, outcome.result.summary.warnings, outcome.result.summary.infos, outcome.result.summary.baselined],
    [3, 2, 0, 2],
  );
  // Files are compared through the mapper (the baseline's directory may differ from the working directory).
  const moved = applyBaseline(result([finding({})]), createBaseline([finding({ file: '../deploy/web.yaml' })], same), (file) => `../${file}`);
  assert.is(moved.baselined, 1);
});

test('compareBaselines counts added and removed findings, counts included', () => {
  const before = createBaseline([finding({}), finding({ line: 2 }), finding({ ruleId: 'run-as-non-root', path: 'x' })], same);
  const after = createBaseline([finding({}), finding({ file: 'new.yaml' })], same);
  assert.equal(compareBaselines(before, after), { added: 1, removed: 2 });
  assert.equal(compareBaselines(after, after), { added: 0, removed: 0 });
});

test('parseBaseline rejects what is not a version 1 baseline, saying where', () => {
  const cases: Array<[string, RegExp]> = [
    ['not json', /not valid JSON/],
    ['[]', /expected a JSON object/],
    ['{"version": 2, "findings": []}', /unsupported version 2/],
    ['{"version": 1}', /"findings" must be an array/],
    ['{"version": 1, "findings": [42]}', /findings\[0\] must be an object/],
    ['{"version": 1, "findings": [{"ruleId": "x"}]}', /findings\[0\]\.file/],
    ['{"version": 1, "findings": [{"file": "a", "ruleId": "x", "count": 0}]}', /findings\[0\]\.count/],
    ['{"version": 1, "findings": [{"file": "a", "ruleId": "x", "path": 3}]}', /findings\[0\]\.path/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseBaseline(text), (error: Error) => error instanceof BaselineError && message.test(error.message), text);
  }
});

test('baselineFileMapper: files relative to the baseline directory; <stdin> as it is', () => {
  assert.is(baselineFileMapper('baseline.json', '/repo')('deploy/web.yaml'), 'deploy/web.yaml');
  assert.is(baselineFileMapper('.kubeguard/baseline.json', '/repo')('deploy/web.yaml'), '../deploy/web.yaml');
  assert.is(baselineFileMapper('../baseline.json', '/repo/services')('k8s/a.yaml'), 'services/k8s/a.yaml');
  assert.is(baselineFileMapper('b.json', '/repo')('<stdin>'), '<stdin>');
});

// --- the command line --------------------------------------------------------------------------------------

test('--write-baseline records every finding, exits 0 and reports them as baselined', () => {
  const dir = tempDir({ 'deploy/web.yaml': pod('web'), 'deploy/api.yaml': pod('api') });
  const run = runCli([...RULES, '--write-baseline', 'kubeguard-baseline.json', 'deploy'], { cwd: dir });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /✔ no problems; 2 files, 2 objects checked, 2 baselined/);
  assert.is(run.stderr, 'kubeguard: wrote 2 findings to the baseline kubeguard-baseline.json\n');
  assert.equal(readBaseline(join(dir, 'kubeguard-baseline.json')), {
    version: 1,
    findings: [
      { file: 'deploy/api.yaml', object: 'Pod/prod/api', ruleId: 'no-privileged', path: 'spec.containers[0].securityContext.privileged' },
      { file: 'deploy/web.yaml', object: 'Pod/prod/web', ruleId: 'no-privileged', path: 'spec.containers[0].securityContext.privileged' },
    ],
  });
  // No temporary file is left beside it.
  assert.equal(readdirSync(dir).sort(), ['deploy', 'kubeguard-baseline.json']);
});

test('--baseline accepts the recorded findings, also after lines move; a new finding is reported alone', () => {
  const dir = tempDir({ 'deploy/web.yaml': pod('web') });
  assert.is(runCli([...RULES, '--write-baseline', 'baseline.json', 'deploy'], { cwd: dir }).code, 0);
  const accepted = runCli([...RULES, '--baseline', 'baseline.json', '--format', 'json', 'deploy'], { cwd: dir });
  assert.is(accepted.code, 0, accepted.stdout);
  assert.equal(json(accepted.stdout).results, []);
  assert.is(json(accepted.stdout).summary.baselined, 1);

  // Comments and an unrelated object above: every line shifts, nothing new.
  writeFileSync(join(dir, 'deploy/web.yaml'), `# moved\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${pod('web')}`);
  const shifted = runCli([...RULES, '--baseline', 'baseline.json', '--format', 'json', 'deploy'], { cwd: dir });
  assert.is(shifted.code, 0, shifted.stdout);

  // A second privileged container and a new privileged pod in a new file are new problems.
  writeFileSync(join(dir, 'deploy/web.yaml'), `${pod('web')}    - name: sidecar\n      image: busybox:1.36\n      securityContext: {privileged: true}\n`);
  writeFileSync(join(dir, 'deploy/new.yaml'), pod('new'));
  const grown = runCli([...RULES, '--baseline', 'baseline.json', '--format', 'json', 'deploy'], { cwd: dir });
  assert.is(grown.code, 1);
  assert.equal(
    json(grown.stdout).results.map((entry) => [entry.file, entry.ruleId, entry.path]),
    [
      ['deploy/new.yaml', 'no-privileged', 'spec.containers[0].securityContext.privileged'],
      ['deploy/web.yaml', 'no-privileged', 'spec.containers[1].securityContext.privileged'],
    ],
  );
  assert.is(json(grown.stdout).summary.baselined, 1);
  assert.is(json(grown.stdout).summary.errors, 2);
});

test('identical keys are counted: a third copy of a twice-recorded problem is reported', () => {
  const dir = tempDir({ 'pods.yaml': `${pod('same')}---\n${pod('same')}` });
  // Two objects with one identity: only no-privileged is under test here.
  const rules = [...RULES, '--rule', 'duplicate-object=off'];
  assert.is(runCli([...rules, '--write-baseline', 'b.json', 'pods.yaml'], { cwd: dir }).code, 0);
  assert.equal(readBaseline(join(dir, 'b.json')).findings.map((entry) => entry.count), [2]);
  assert.is(runCli([...rules, '--baseline', 'b.json', 'pods.yaml'], { cwd: dir }).code, 0);
  writeFileSync(join(dir, 'pods.yaml'), `${pod('same')}---\n${pod('same')}---\n${pod('same')}`);
  const run = runCli([...rules, '--baseline', 'b.json', '--format', 'json', 'pods.yaml'], { cwd: dir });
  assert.is(run.code, 1);
  assert.is(json(run.stdout).results.length, 1);
  assert.is(json(run.stdout).summary.baselined, 2);
});

test('rewriting the baseline drops fixed findings and says what changed', () => {
  const dir = tempDir({ 'a.yaml': pod('a'), 'b.yaml': pod('b') });
  runCli([...RULES, '--write-baseline', 'b.json', 'a.yaml', 'b.yaml'], { cwd: dir });
  writeFileSync(join(dir, 'a.yaml'), pod('a', false));
  writeFileSync(join(dir, 'c.yaml'), pod('c'));
  const rewrite = runCli([...RULES, '--write-baseline', 'b.json', 'a.yaml', 'b.yaml', 'c.yaml'], { cwd: dir });
  assert.is(rewrite.code, 0);
  assert.is(rewrite.stderr, 'kubeguard: wrote 2 findings to the baseline b.json (1 new, 1 fixed or gone)\n');
  assert.equal(readBaseline(join(dir, 'b.json')).findings.map((entry) => entry.file), ['b.yaml', 'c.yaml']);
  // The fixed problem coming back is new again.
  writeFileSync(join(dir, 'a.yaml'), pod('a'));
  assert.is(runCli([...RULES, '--baseline', 'b.json', 'a.yaml', 'b.yaml', 'c.yaml'], { cwd: dir }).code, 1);
});

test('files in the baseline are relative to it: the same baseline works from another directory', () => {
  const dir = tempDir({ 'services/api/k8s/pod.yaml': pod('api') });
  mkdirSync(join(dir, '.kubeguard'));
  assert.is(runCli([...RULES, '--write-baseline', '.kubeguard/baseline.json', 'services'], { cwd: dir }).code, 0);
  assert.equal(readBaseline(join(dir, '.kubeguard/baseline.json')).findings.map((entry) => entry.file), ['../services/api/k8s/pod.yaml']);
  const fromService = runCli([...RULES, '--baseline', '../../.kubeguard/baseline.json', 'k8s'], { cwd: join(dir, 'services/api') });
  assert.is(fromService.code, 0, fromService.stdout);
  assert.match(fromService.stdout, /1 baselined/);
});

test('standard input named by --stdin-filename matches the baseline (editor on save)', () => {
  const dir = tempDir({ 'deploy/web.yaml': pod('web') });
  runCli([...RULES, '--write-baseline', 'b.json', 'deploy'], { cwd: dir });
  const run = runCli([...RULES, '--baseline', 'b.json', '--stdin', '--stdin-filename', 'deploy/web.yaml'], { cwd: dir, input: pod('web') });
  assert.is(run.code, 0, run.stdout);
});

test('a parse-error is never baselined: the file was not linted', () => {
  const dir = tempDir({ 'broken.yaml': 'kind: Pod\na: b: c\n', 'ok.yaml': pod('ok') });
  const run = runCli([...RULES, '--write-baseline', 'b.json', '--format', 'json', '.'], { cwd: dir });
  assert.is(run.code, 1);
  assert.equal(json(run.stdout).results.map((entry) => entry.ruleId), ['parse-error']);
  assert.equal(readBaseline(join(dir, 'b.json')).findings.map((entry) => entry.ruleId), ['no-privileged']);
});

test('--quiet and the JSON summary with a baseline', () => {
  const dir = tempDir({ 'a.yaml': pod('a') });
  runCli(['--preset', 'pss-restricted', '--write-baseline', 'b.json', 'a.yaml'], { cwd: dir });
  writeFileSync(join(dir, 'b.yaml'), pod('b'));
  const run = runCli(['--preset', 'pss-restricted', '--baseline', 'b.json', '--quiet', '--format', 'json', 'a.yaml', 'b.yaml'], { cwd: dir });
  assert.is(run.code, 1);
  const output = json(run.stdout);
  assert.ok(output.results.every((entry) => entry.file === 'b.yaml'));
  assert.ok(output.summary.baselined > 1);
  assert.is(output.summary.warnings, 0);
});

test('a missing, unreadable or invalid baseline exits 2 before linting; so does an unwritable --write-baseline', () => {
  const dir = tempDir({ 'a.yaml': pod('a'), 'bad.json': '{"version": 1, "findings": [{"file": "a.yaml"}]}', 'old.json': '{"version": 2, "findings": []}', 'text.json': 'nope', 'afile': 'x' });
  const missing = runCli(['--baseline', 'missing.json', 'a.yaml'], { cwd: dir });
  assert.equal([missing.code, missing.stdout, missing.stderr], [2, '', 'kubeguard: cannot read baseline missing.json: no such file\n']);
  const directory = runCli(['--baseline', '.', 'a.yaml'], { cwd: dir });
  assert.equal([directory.code, directory.stderr], [2, 'kubeguard: cannot read baseline .: it is a directory\n']);
  assert.equal(runCli(['--baseline', 'bad.json', 'a.yaml'], { cwd: dir }).stderr, 'kubeguard: invalid baseline bad.json: findings[0].ruleId must be a non-empty string\n');
  assert.equal(runCli(['--baseline', 'old.json', 'a.yaml'], { cwd: dir }).stderr, 'kubeguard: invalid baseline old.json: unsupported version 2 (expected 1)\n');
  assert.match(runCli(['--baseline', 'text.json', 'a.yaml'], { cwd: dir }).stderr, /^kubeguard: invalid baseline text\.json: not valid JSON/);
  const unwritable = runCli(['--write-baseline', 'afile/b.json', 'a.yaml'], { cwd: dir });
  assert.is(unwritable.code, 2);
  assert.match(unwritable.stderr, /^kubeguard: cannot write baseline afile\/b\.json: /);
  assert.not.ok(existsSync(join(dir, 'afile', 'b.json')));
});

test.run();
