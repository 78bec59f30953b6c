// Worker threads (src/sources/parallel.ts): the plain files of a run read, parsed and linted on several threads must
// give exactly the one-thread result, cross-object rules included, through the built CLI and from sources.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ruleMap } from '../../src/api';
import { resolveConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import { lintCollected, lintCollectedWithWorkers } from '../../src/sources/build-results';
import { lintOnWorkers } from '../../src/sources/parallel';
import { readPlainFile } from '../../src/sources/collect';
import { HelmOrigins } from '../../src/sources/helm';
import { DEFAULT_LIMITS, type ParsedFile } from '../../src/sources/yaml-loader';
import type { Finding } from '../../src/engine/types';
import { runCli, tempDir, yaml } from '../helpers';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

// Objects whose findings depend on other files (dealt by size, the Deployment and its policy land on different workers).
const files = {
  'a-deployment.yaml': yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: "registry.example/web:1.0"}]
  `,
  'b-policy.yaml': yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: default-deny, namespace: shop}
    spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
  `,
  'c-service.yaml': yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: orphan, namespace: shop}
    spec: {selector: {app: nothing-matches}, ports: [{port: 80}]}
  `,
  'd-again.yaml': yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: orphan, namespace: shop}
    spec: {selector: {app: web}, ports: [{port: 80}]}
  `,
  'e-broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p\n',
};

const RULES = {
  'network-policy-coverage': 'error',
  'dangling-service': 'error',
  'duplicate-object': ['error', { scope: 'directory' }],
  pdb: 'warning',
  'no-latest-tag': 'error',
};

test('CLI: --threads 2 gives the --threads 1 result byte for byte, cross-file rules included', () => {
  const dir = tempDir({ ...files, '.kubeguardrc.yaml': `extends: []\nrules: ${JSON.stringify(RULES)}\n` });
  const one = runCli(['--threads', '1', '--format', 'json', '.'], { cwd: dir });
  const two = runCli(['--threads', '2', '--format', 'json', '.'], { cwd: dir });
  assert.is(two.stderr, '');
  assert.equal([two.code, two.stdout], [one.code, one.stdout]);
  const rows = (JSON.parse(two.stdout).results as Finding[]).map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`);
  // The policy in b- covers the Deployment in a- (no network-policy-coverage); c- and d- define one Service twice.
  assert.equal(rows, ['a-deployment.yaml:3 pdb', 'c-service.yaml:4 dangling-service', 'd-again.yaml:3 duplicate-object', 'e-broken.yaml:4 parse-error']);
  assert.is(JSON.parse(two.stdout).summary.files, 6, 'the five and .kubeguardrc.yaml (read, no object)');
});

test('CLI: the corpus (real, helm-rendered, kustomize as plain files) with the strict preset, on 2 threads and on 1', () => {
  const args = ['--preset', 'strict', '--no-build', '--format', 'json', 'real', 'helm-rendered', 'kustomize'];
  const one = runCli(['--threads', '1', ...args], { cwd: CORPUS });
  const two = runCli(['--threads', '2', ...args], { cwd: CORPUS });
  assert.equal([two.code, two.stdout, two.stderr], [one.code, one.stdout, one.stderr]);
  assert.ok(JSON.parse(two.stdout).summary.objects > 500);
});

test('--threads expects a whole number from 1', () => {
  const result = runCli(['--threads', '0', '.'], { cwd: tempDir() });
  assert.equal([result.code, result.stdout], [2, '']);
  assert.match(result.stderr, /--threads expects a whole number from 1, got "0"/);
});

test('from sources: lintOnWorkers equals the one-thread lint of the same files', async () => {
  const dir = tempDir(files);
  const config = resolveConfig(validateConfig('test', { extends: [], rules: RULES }, ruleMap), ruleMap, { cwd: dir });
  const inputs = Object.keys(files).map((name) => ({ absolute: join(dir, name), file: name }));
  const origins = new HelmOrigins(dir);
  const parsed: ParsedFile[] = [];
  const problems: Finding[] = [];
  for (const input of inputs) {
    const outcome = readPlainFile(input.absolute, input.file, DEFAULT_LIMITS, origins);
    if ('ruleId' in outcome) problems.push(outcome);
    else parsed.push(outcome);
  }
  const expected = lintCollected({ files: parsed, problems, errors: [], toolTimeMs: 0 }, config, dir);
  const actual = await lintOnWorkers(inputs, config, dir, [], { threads: 3, limits: DEFAULT_LIMITS });
  assert.equal(actual, expected);
});

test('a failure on the workers: the files are linted on this thread, with a note saying so', async () => {
  const dir = tempDir(files);
  const config = resolveConfig(validateConfig('test', { extends: [], rules: RULES }, ruleMap), ruleMap, { cwd: dir });
  const deferred = Object.keys(files).map((name) => ({ absolute: join(dir, name), file: name }));
  const expected = await lintCollectedWithWorkers({ files: [], problems: [], errors: [], toolTimeMs: 0, notes: [], deferred }, config, dir, { threads: 2, limits: DEFAULT_LIMITS });
  // A function cannot be posted to a worker: the first request fails.
  const unclonable = { ...config, sources: { hook: () => undefined } };
  const notes: string[] = [];
  const actual = await lintCollectedWithWorkers({ files: [], problems: [], errors: [], toolTimeMs: 0, notes, deferred }, unclonable, dir, { threads: 2, limits: DEFAULT_LIMITS });
  assert.equal(actual, expected);
  assert.equal(notes.length, 1);
  assert.match(notes[0], /^worker threads failed \(.*could not be cloned.*\); linting on one thread\.$/);
});

test.run();
