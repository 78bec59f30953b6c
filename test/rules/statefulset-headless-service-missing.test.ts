import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintWith, positions, yaml } from '../helpers';

const rule = 'statefulset-headless-service-missing';

const statefulSet = (serviceName: string) => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: db, namespace: data}
  spec:
    serviceName: ${serviceName}
    selector: {matchLabels: {app: db}}
    template:
      metadata: {labels: {app: db}}
      spec: {containers: [{name: db, image: db:1.0}]}
`;

const service = (name: string, clusterIP: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: ${name}, namespace: data}
  spec: {${clusterIP}selector: {app: db}, ports: [{port: 5432}]}
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'info' }, others });

test('valid: a headless Service of that name; no Service of the namespace in the set; empty serviceName', () => {
  assert.equal(lint(statefulSet('db'), { 'svc.yaml': service('db', 'clusterIP: None, ') }), []);
  assert.equal(lint(statefulSet('db'), {}), []);
  assert.equal(lint(statefulSet('""'), { 'svc.yaml': service('db-read', '') }), []);
});

test('invalid: the Service is missing while others are there, or it has a cluster IP; at spec.serviceName', () => {
  const missing = lint(statefulSet('db'), { 'svc.yaml': service('db-read', '') });
  assert.equal(positions(missing), [[rule, 5, 3]]);
  assert.match(missing[0].message, 'names the governing Service "db", which is not in namespace "data" of the lint set');
  const notHeadless = lint(statefulSet('db'), { 'svc.yaml': service('db', '') });
  assert.equal(positions(notHeadless), [[rule, 5, 3]]);
  assert.match(notHeadless[0].message, 'which is not headless: set clusterIP: None');
});

test('valid: a placeholder serviceName is filled in later', () => {
  assert.equal(lint(statefulSet('"${SERVICE}"'), { 'svc.yaml': service('db-read', '') }), []);
});

test.run();
