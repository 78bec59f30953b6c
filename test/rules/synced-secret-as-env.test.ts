import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'synced-secret-as-env';

const spc = (namespace = 'shop') => yaml`
  apiVersion: secrets-store.csi.x-k8s.io/v1
  kind: SecretProviderClass
  metadata: {name: kv, namespace: ${namespace}}
  spec:
    provider: azure
    secretObjects:
      - secretName: db-credentials
        type: Opaque
        data: [{objectName: db-password, key: password}]
    parameters: {keyvaultName: shop-kv, clientID: 11111111-1111-1111-1111-111111111111}
`;

const deployment = (env: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
          - name: web
            image: app:1.0
            ${env}
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'info' }, others });

test('valid: another Secret as env; the synced Secret mounted as a volume; the class in another namespace or not in the set', () => {
  assert.equal(lint(deployment('env: [{name: KEY, valueFrom: {secretKeyRef: {name: other, key: k}}}]'), { 'spc.yaml': spc() }), []);
  assert.equal(lint(deployment('volumeMounts: [{name: s, mountPath: /s}]'), { 'spc.yaml': spc() }), []);
  assert.equal(lint(deployment('env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db-credentials, key: password}}}]'), { 'spc.yaml': spc('staging') }), []);
  assert.equal(lintOne(rule, deployment('env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db-credentials, key: password}}}]')), []);
});

test('valid: the syncing class is in another directory (a Secret of that name there may be a plain one)', () => {
  const env = 'env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db-credentials, key: password}}}]';
  assert.equal(lintWith(deployment(env), { rules: { [rule]: 'info' }, file: 'prod/web.yaml', others: { 'dev/spc.yaml': spc() } }), []);
  assert.equal(positions(lintWith(deployment(env), { rules: { [rule]: 'info' }, file: 'prod/web.yaml', others: { 'prod/spc.yaml': spc() } })), [[rule, 12, 61]]);
});

test('invalid: env valueFrom.secretKeyRef of a synced Secret, at its name', () => {
  const findings = lint(deployment('env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db-credentials, key: password}}}]'), { 'spc.yaml': spc() });
  assert.equal(positions(findings), [[rule, 12, 61]]);
  assert.is(findings[0].message, 'Container "web" reads Secret "db-credentials" as env "PASSWORD", a copy that SecretProviderClass "kv" syncs from the vault: the vault\'s access control, audit and rotation stop at that Secret; read the mounted file instead.');
});

test('invalid: envFrom.secretRef of a synced Secret, block style', () => {
  const findings = lint(
    deployment(`envFrom:
              - secretRef:
                  name: db-credentials`),
    { 'spc.yaml': spc() },
  );
  assert.equal(positions(findings), [[rule, 14, 17]]);
  assert.match(findings[0].message, /through envFrom/);
});

test('valid: malformed secretObjects and env do not crash', () => {
  const broken = 'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv, namespace: shop}\nspec: {provider: azure, secretObjects: [null, {secretName: [x]}]}\n';
  assert.equal(lint(deployment('env: [null, {name: A, valueFrom: {secretKeyRef: null}}]'), { 'spc.yaml': broken }), []);
  assert.equal(lint(deployment('envFrom: {secretRef: {name: db-credentials}}'), { 'spc.yaml': spc() }), []);
});

test.run();
