import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'missing-secret-provider-class';

const spc = (name: string, namespace = 'shop') => yaml`
  apiVersion: secrets-store.csi.x-k8s.io/v1
  kind: SecretProviderClass
  metadata: {name: ${name}, namespace: ${namespace}}
  spec:
    provider: azure
    parameters: {keyvaultName: shop-kv, clientID: 11111111-1111-1111-1111-111111111111}
`;

const deployment = (className: string, driver = 'secrets-store.csi.k8s.io') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: app:1.0}]
        volumes:
          - name: secrets
            csi:
              driver: ${driver}
              readOnly: true
              volumeAttributes: {secretProviderClass: ${className}}
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'warning' }, others });

test('valid: the class is in the set; no class of the namespace in the set; another CSI driver', () => {
  assert.equal(lint(deployment('kv'), { 'spc.yaml': spc('kv') }), []);
  assert.equal(lintOne(rule, deployment('kv')), []);
  assert.equal(lint(deployment('kv'), { 'spc.yaml': spc('other', 'staging') }), []);
  assert.equal(lint(deployment('other', 'file.csi.azure.com'), { 'spc.yaml': spc('kv') }), []);
});

test('valid: the namespace\'s other classes are only in another directory (another environment)', () => {
  const findings = lintWith(deployment('kv-prod'), { rules: { [rule]: 'warning' }, file: 'dev/web.yaml', others: { 'prod/spc.yaml': spc('kv-dev') } });
  assert.equal(findings, []);
  const beside = lintWith(deployment('kv-prod'), { rules: { [rule]: 'warning' }, file: 'dev/web.yaml', others: { 'dev/spc.yaml': spc('kv-dev') } });
  assert.equal(positions(beside), [[rule, 15, 32]]);
});

test('valid: a pod without a namespace and a class of that name in a namespace (applied with kubectl -n)', () => {
  const pod = deployment('kv').replace('namespace: shop', 'labels: {}');
  assert.equal(lint(pod, { 'spc.yaml': spc('kv', 'ratings') + '---\n' + spc('other', 'default') }), []);
});

test('invalid: a class the namespace does not have while it has others, at volumeAttributes.secretProviderClass', () => {
  const findings = lint(deployment('kv-typo'), { 'spc.yaml': spc('kv') + '---\n' + spc('kv', 'staging') });
  assert.equal(positions(findings), [[rule, 15, 32]]);
  assert.is(findings[0].message, 'Deployment "web" mounts SecretProviderClass "kv-typo", which the lint set does not have in namespace "shop" (beside it: "kv"): the volume cannot mount and the pod stays in ContainerCreating; fix the name or add the class.');
});

test('invalid: in the same file, a Pod in the default namespace', () => {
  const source = yaml`
    apiVersion: secrets-store.csi.x-k8s.io/v1alpha1
    kind: SecretProviderClass
    metadata: {name: kv}
    spec: {provider: azure}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: [{name: a, image: app:1.0}]
      volumes:
        - name: s
          csi:
            driver: secrets-store.csi.k8s.io
            volumeAttributes:
              secretProviderClass: vault
  `;
  assert.equal(positions(lintOne(rule, source)), [[rule, 16, 11]]);
});

test('valid: malformed volumes do not crash', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: a, image: app:1.0}]\n  volumes: [null, {csi: null}, {csi: {driver: secrets-store.csi.k8s.io, volumeAttributes: [kv]}}, {csi: {driver: secrets-store.csi.k8s.io, volumeAttributes: {secretProviderClass: 7}}}]\n';
  assert.equal(lint(pod, { 'spc.yaml': spc('kv') }), []);
});

test.run();
