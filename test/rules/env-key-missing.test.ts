import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintWith, positions, yaml } from '../helpers';

const rule = 'env-key-missing';

const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: app, namespace: shop}
  spec:
    containers:
      - name: app
        image: app:1.0
        env:
          - name: LEVEL
            valueFrom: {configMapKeyRef: {name: settings, key: log-level}}
          - name: PASSWORD
            valueFrom: {secretKeyRef: {name: db, key: password}}
          - name: OPTIONAL
            valueFrom: {configMapKeyRef: {name: settings, key: extra, optional: true}}
`;

const objects = (configKeys: string, secret: string) => yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings, namespace: shop}
  data: {${configKeys}}
  ---
  apiVersion: v1
  kind: Secret
  metadata: {name: db, namespace: shop}
  ${secret}
`;

const lint = (others: Record<string, string>) => lintWith(pod, { rules: { [rule]: 'warning' }, others });

test('valid: keys present (data, stringData); objects outside the set or without data; optional references', () => {
  assert.equal(lint({ 'objects.yaml': objects('log-level: info', 'stringData: {password: x}') }), []);
  assert.equal(lint({}), []);
  assert.equal(lint({ 'objects.yaml': objects('log-level: info', 'type: Opaque') }), []);
});

test('invalid: a key the ConfigMap or Secret does not hold, at the key', () => {
  const findings = lint({ 'objects.yaml': objects('loglevel: info', 'data: {pass: eA==}') });
  assert.equal(positions(findings), [[rule, 10, 57], [rule, 12, 48]]);
  assert.is(
    findings[0].message,
    'Container "app" reads key "log-level" of ConfigMap "settings", which has no such key: the container cannot start; use one of its keys (loglevel) or mark the reference optional.',
  );
  assert.match(findings[1].message, 'key "password" of Secret "db"');
});

test('valid: placeholder names and keys are filled in later', () => {
  const templated = pod.replace('key: log-level', 'key: "${LOG_KEY}"').replace('name: db, key: password', 'name: "${SECRET}", key: password');
  assert.equal(lintWith(templated, { rules: { [rule]: 'warning' }, others: { 'objects.yaml': objects('loglevel: info', 'data: {pass: eA==}') } }), []);
});

test.run();
