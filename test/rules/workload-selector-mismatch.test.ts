import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'workload-selector-mismatch';

const workload = (selector: string, labels: string, kind = 'Deployment', apiVersion = 'apps/v1') => yaml`
  apiVersion: ${apiVersion}
  kind: ${kind}
  metadata: {name: web}
  spec:
    selector: ${selector}
    template:
      metadata: {labels: ${labels}}
      spec:
        containers: [{name: web, image: app:1.0}]
`;

test('valid: matching selectors (labels, expressions, extra template labels); nothing to compare; plain maps', () => {
  assert.equal(lintOne(rule, workload('{matchLabels: {app: web}}', '{app: web, tier: front}')), []);
  assert.equal(lintOne(rule, workload('{matchExpressions: [{key: app, operator: In, values: [web, api]}]}', '{app: web}')), []);
  assert.equal(lintOne(rule, workload('{matchLabels: {app: web}}', '{}')), []);
  assert.equal(lintOne(rule, workload('{}', '{app: web}')), []);
  assert.equal(lintOne(rule, workload('{matchExpressions: [{key: app, operator: Bogus}]}', '{app: web}')), []);
  assert.equal(lintOne(rule, workload('{app: web}', '{app: web}', 'ReplicationController', 'v1')), []);
  assert.equal(lintOne(rule, workload('{matchLabels: {app: api}}', '{app: web}', 'Widget', 'example.com/v1')), []);
});

test('invalid: a selector that does not select the template labels, at spec.selector', () => {
  const findings = lintOne(rule, workload('{matchLabels: {app: web-v2}}', '{app: web}'));
  assert.equal(positions(findings), [[rule, 5, 3]]);
  assert.is(findings[0].message, 'Deployment "web" selects app=web-v2 but its pod template labels do not match: the API server rejects it; make the selector and spec.template.metadata.labels agree.');
  assert.equal(positions(lintOne(rule, workload('{matchExpressions: [{key: tier, operator: Exists}]}', '{app: web}', 'StatefulSet'))), [[rule, 5, 3]]);
  const plain = lintOne(rule, workload('{app: api}', '{app: web}', 'DeploymentConfig', 'apps.openshift.io/v1'));
  assert.equal(positions(plain), [[rule, 5, 3]]);
  assert.match(plain[0].message, 'it never owns the pods it creates');
});

test.run();
