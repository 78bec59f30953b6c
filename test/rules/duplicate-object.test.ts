import { test } from 'uvu';
import { resolveConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import { DEFAULT_LIMITS, parseManifest } from '../../src/sources/yaml-loader';
import * as assert from 'uvu/assert';
import { lintParsed, lintText, ruleMap } from '../../src/api';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'duplicate-object';

const configMap = (name: string, namespace?: string, apiVersion = 'v1', kind = 'ConfigMap') => yaml`
  apiVersion: ${apiVersion}
  kind: ${kind}
  metadata:
    name: ${name}
    ${namespace ? `namespace: ${namespace}` : ''}
`;

test('valid: different names, namespaces, kinds or groups; generateName; no name', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: a, namespace: prod}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: a, namespace: staging}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: a, namespace: prod}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: b, namespace: prod}
      ---
      apiVersion: example.com/v1
      kind: ConfigMap
      metadata: {name: a, namespace: prod}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {generateName: migrate-}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {generateName: migrate-}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: [a]}
    `),
    [],
  );
});

test('valid: by default, objects of different files are not compared (environments, overlays, install variants)', () => {
  assert.equal(lintWith(configMap('settings'), { rules: { [rule]: 'error' }, file: 'overlays/prod/cm.yaml', others: { 'overlays/dev/cm.yaml': configMap('settings') } }), []);
  const variants = lintText(
    [
      { file: 'deploy/install.yaml', text: configMap('settings') },
      { file: 'deploy/namespace-install.yaml', text: configMap('settings') },
    ],
    { rules: { [rule]: 'error' } },
  );
  assert.equal(variants.findings, []);
});

test('invalid: the second definition in one file, at metadata.name', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings, namespace: prod}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      namespace: prod
      name: settings
  `);
  assert.equal(positions(findings), [[rule, 9, 3]]);
  assert.is(findings[0].message, 'ConfigMap "settings" in namespace "prod" is already defined earlier in this file: keep one definition (applying both makes the last one win).');
});

test('invalid: with scope directory, in another file of the same directory, naming the first file; only the later copy is reported', () => {
  const result = lintText(
    [
      { file: 'deploy/a.yaml', text: configMap('settings') },
      { file: 'deploy/b.yaml', text: configMap('settings', 'default') },
      { file: 'other/c.yaml', text: configMap('settings') },
    ],
    { rules: { [rule]: ['error', { scope: 'directory' }] } },
  );
  const findings = result.findings.filter((finding) => finding.ruleId === rule);
  assert.equal(
    findings.map((finding) => [finding.file, finding.line, finding.column]),
    [['deploy/b.yaml', 4, 3]],
  );
  assert.is(findings[0].message, 'ConfigMap "settings" in namespace "default" is already defined in deploy/a.yaml: keep one definition (applying both makes the last one win).');
});

test('invalid: a missing namespace means default for namespaced kinds; cluster-scoped kinds ignore the namespace', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings, namespace: default}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: reader}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: reader, namespace: prod}
  `);
  assert.equal(positions(findings), [
    [rule, 7, 12],
    [rule, 15, 12],
  ]);
  assert.match(findings[0].message, 'in namespace "default"');
  assert.is(findings[1].message, 'ClusterRole "reader" is already defined earlier in this file: keep one definition (applying both makes the last one win).');
});

test('invalid: versions of one group, and extensions/v1beta1 aliases, name the same object', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    ---
    apiVersion: extensions/v1beta1
    kind: Deployment
    metadata: {name: web}
    ---
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: web}
    ---
    apiVersion: extensions/v1beta1
    kind: Ingress
    metadata: {name: web}
    ---
    apiVersion: autoscaling/v1
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
    ---
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
  `);
  assert.equal(positions(findings), [
    [rule, 7, 12],
    [rule, 15, 12],
    [rule, 23, 12],
  ]);
});

test('invalid: custom resources use the scope of their CRD when it is in the lint set', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: {name: clusterissuers.cert-manager.io}
    spec:
      group: cert-manager.io
      names: {kind: ClusterIssuer, plural: clusterissuers}
      scope: Cluster
    ---
    apiVersion: cert-manager.io/v1
    kind: ClusterIssuer
    metadata: {name: letsencrypt}
    ---
    apiVersion: cert-manager.io/v1
    kind: ClusterIssuer
    metadata: {name: letsencrypt, namespace: cert-manager}
  `);
  assert.equal(positions(findings), [[rule, 15, 12]]);
});

test('invalid: option scope all compares across directories; scope file only within a file', () => {
  const inputs = [
    { file: 'a/cm.yaml', text: configMap('settings') },
    { file: 'z/cm.yaml', text: configMap('settings') },
  ];
  const across = lintText(inputs, { rules: { [rule]: ['error', { scope: 'all' }] } }).findings.filter((finding) => finding.ruleId === rule);
  assert.equal(across.map((finding) => [finding.file, finding.line]), [['z/cm.yaml', 4]]);
  const sameDirectory = [inputs[0], { file: 'a/other.yaml', text: configMap('settings') }];
  assert.equal(lintText(sameDirectory, { rules: { [rule]: ['error', { scope: 'file' }] } }).findings.filter((finding) => finding.ruleId === rule), []);
  const same = lintWith(configMap('settings') + '---\n' + configMap('settings'), { rules: { [rule]: ['error', { scope: 'file' }] } });
  assert.equal(positions(same), [[rule, 9, 3]]);
});

test('invalid: a duplicate inside one build says "earlier in this build" with the defining file, not "in this file"', () => {
  const config = resolveConfig(validateConfig('options', { extends: [], rules: { [rule]: 'error' } }, ruleMap), ruleMap, { cwd: '/' });
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n';
  const build = parseManifest('app (kustomize build)', text, DEFAULT_LIMITS);
  build.buildFile = 'app/kustomization.yaml';
  build.documents[0].sourceFile = 'app/base.yaml';
  build.documents[1].sourceFile = 'app/extra.yaml';
  const findings = lintParsed([build], config, '/').findings;
  assert.equal(positions(findings), [[rule, 7, 12]]);
  assert.is(findings[0].message, 'ConfigMap "settings" in namespace "default" is already defined earlier in this build (app/base.yaml): keep one definition (applying both makes the last one win).');
});

test.run();
