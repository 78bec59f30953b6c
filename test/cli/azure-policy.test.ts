// The built CLI with --azure-policy and the config's azurePolicy: findings, the note on standard error, the JSON
// summary, and what a bad assignment file gives.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir, yaml } from '../helpers';

const FIXTURES = resolve(__dirname, '..', 'fixtures', 'azure-policy');

const manifest = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: web, namespace: prod}
  spec:
    containers:
      - name: web
        image: nginx:1.27
`;

function setUp(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'web.yaml'), manifest);
  mkdirSync(join(dir, 'policy'));
  copyFileSync(join(FIXTURES, 'allowed-images.json'), join(dir, 'policy', 'assignment.json'));
  copyFileSync(join(FIXTURES, 'not-mirrored.json'), join(dir, 'policy', 'others.json'));
  writeFileSync(join(dir, '.kubeguardrc.yaml'), 'extends: []\n');
  return dir;
}

test('--azure-policy FILE: findings at their line, the summary in JSON', () => {
  const dir = setUp();
  const run = runCli(['--azure-policy', 'policy/assignment.json', '--format', 'json', 'web.yaml'], { cwd: dir });
  assert.is(run.code, 1, run.stderr);
  const output = JSON.parse(run.stdout);
  assert.equal(output.results.map((result: { ruleId: string; severity: string; line: number; column: number }) => [result.ruleId, result.severity, result.line, result.column]), [['allowed-registries', 'error', 7, 7]]);
  assert.equal(output.summary.azurePolicy.assignments[0].name, 'allowed-images-shop');
  assert.equal(output.summary.azurePolicy.rules, [{ ruleId: 'allowed-registries', severity: 'error', definitions: ['febd0533-8e55-448f-b837-bd0e06f16469'] }]);
  assert.is(run.stderr, '');
  // --rule (and overrides) still apply on top of the assignment.
  const off = runCli(['--azure-policy', 'policy/assignment.json', '--rule', 'allowed-registries=off', 'web.yaml'], { cwd: dir });
  assert.is(off.code, 0, off.stdout);
});

test('azurePolicy in the config, relative to the config file; unmirrored definitions in one note on standard error', () => {
  const dir = setUp();
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(join(dir, '.kubeguardrc.yaml'), 'extends: []\nazurePolicy: policy/others.json\n');
  const run = runCli(['deploy/../web.yaml'], { cwd: dir });
  assert.is(run.code, 0, run.stderr);
  const notes = run.stderr.split('\n').filter(Boolean);
  assert.equal(notes.length, 1);
  assert.match(notes[0], /^kubeguard: Azure Policy \(policy\/others\.json\): not mirrored: "Azure Kubernetes Service Private Clusters should be enabled" \(040732e8-d947-40b8-95d6-854c95024bf8: it judges the cluster's Azure resource, not manifests\); "Team labels \(custom\)"/);
  // --azure-policy replaces the config's file.
  const replaced = runCli(['--azure-policy', 'policy/assignment.json', 'web.yaml'], { cwd: dir });
  assert.is(replaced.code, 1);
  assert.is(replaced.stderr, '');
});

test('a missing or broken assignment file is a config error (exit 2) naming it', () => {
  const dir = setUp();
  const missing = runCli(['--azure-policy', 'policy/nope.json', 'web.yaml'], { cwd: dir });
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /config error: policy\/nope\.json: cannot read the Azure Policy assignment/);
  writeFileSync(join(dir, 'policy', 'broken.json'), '{\n  "name": "x",\n  "parameters": {\n}\n');
  const broken = runCli(['--azure-policy', 'policy/broken.json', 'web.yaml'], { cwd: dir });
  assert.is(broken.code, 2);
  assert.match(broken.stderr, /config error: policy\/broken\.json: not valid JSON/);
  writeFileSync(join(dir, '.kubeguardrc.yaml'), 'azurePolicy: [a.json]\n');
  const badKey = runCli(['web.yaml'], { cwd: dir });
  assert.is(badKey.code, 2);
  assert.match(badKey.stderr, /at "azurePolicy": expected the path of an assignment file/);
});

test('the bundle carries no definitions: they are read beside it only with an assignment (start-up stays as it was)', () => {
  const root = resolve(__dirname, '..', '..');
  const bundle = readFileSync(join(root, 'dist', 'kubeguard.js'), 'utf8');
  assert.not.ok(bundle.includes('Deployment safeguards should help guide developers'));
  assert.ok(existsSync(join(root, 'dist', 'azure-policy-definitions.json')));
});

test.run();
