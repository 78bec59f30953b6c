import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'rolling-update-strategy';

const deployment = (strategy: string, replicas = 'replicas: 3') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    ${replicas}
    selector: {matchLabels: {app: web}}
    strategy: ${strategy}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: app:1.0}]
`;

test('valid: default strategy, RollingUpdate with safe values, maxUnavailable 0 with a surge', () => {
  assert.equal(lintOne(rule, deployment('null')), []);
  assert.equal(lintOne(rule, deployment('{type: RollingUpdate}')), []);
  assert.equal(lintOne(rule, deployment('{rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}')), []);
  assert.equal(lintOne(rule, deployment('{rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}')), []);
  // 2 of 3 may be down, but not all of them.
  assert.equal(lintOne(rule, deployment('{rollingUpdate: {maxUnavailable: 2}}')), []);
  // 50% of 1 rounds down to 0.
  assert.equal(lintOne(rule, deployment('{rollingUpdate: {maxUnavailable: 50%}}', 'replicas: 1')), []);
});

test('valid: other kinds, malformed strategy, unknown strategy types are left to the schema rule', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        updateStrategy: {type: OnDelete}
    `),
    [],
  );
  assert.equal(lintOne(rule, deployment('"Recreate"')), []);
  assert.equal(lintOne(rule, deployment('{type: Blue}')), []);
  assert.equal(lintOne(rule, deployment('{rollingUpdate: [1]}')), []);
  assert.equal(lintOne(rule, deployment('{rollingUpdate: {maxUnavailable: "many"}}')), []);
});

test('invalid: Recreate, at strategy.type', () => {
  const findings = lintOne(rule, deployment('{type: Recreate}'));
  assert.equal(positions(findings), [[rule, 7, 14]]);
  assert.is(findings[0].message, 'Deployment "web" uses the Recreate strategy: every pod stops before the new ones start, so each rollout is an outage; use RollingUpdate unless two versions can never run side by side.');
});

test('invalid: maxUnavailable 100% or at least the replica count', () => {
  assert.equal(positions(lintOne(rule, deployment('{rollingUpdate: {maxUnavailable: 100%}}'))), [[rule, 7, 30]]);
  assert.equal(positions(lintOne(rule, deployment('{rollingUpdate: {maxUnavailable: 3}}'))), [[rule, 7, 30]]);
  // Without replicas the Deployment runs 1 pod: maxUnavailable 1 takes it down.
  const [single] = lintOne(rule, deployment('{rollingUpdate: {maxUnavailable: 1}}', ''));
  assert.is(single.message, 'Deployment "web" allows maxUnavailable 1, so a rollout may take down its only pod at once: lower maxUnavailable (e.g. 25% or 0 with maxSurge 1).');
});

test('invalid: maxSurge 0 and maxUnavailable 0 can never progress', () => {
  const findings = lintOne(rule, deployment('{rollingUpdate: {maxSurge: 0%, maxUnavailable: 0}}'));
  assert.equal(positions(findings), [[rule, 7, 44]]);
  assert.match(findings[0].message, 'sets maxSurge and maxUnavailable both to 0');
});

test('invalid: with an autoscaler the minimum replicas count', () => {
  const hpa = yaml`
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
      minReplicas: 2
      maxReplicas: 10
  `;
  const source = deployment('{rollingUpdate: {maxUnavailable: 2}}', 'replicas: 5');
  assert.equal(lintOne(rule, source), []);
  assert.equal(positions(lintWith(source, { rules: { [rule]: 'info' }, others: { 'hpa.yaml': hpa } })), [[rule, 7, 30]]);
});

test('defect: DeploymentConfig Recreate and rollingParams, Argo Rollout canary; blueGreen and Custom are left alone', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata: {name: a}
    spec:
      replicas: 2
      strategy: {type: Recreate}
    ---
    apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata: {name: b}
    spec:
      replicas: 2
      strategy:
        type: Rolling
        rollingParams: {maxSurge: 0, maxUnavailable: 0}
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: c}
    spec:
      replicas: 2
      strategy:
        canary: {maxUnavailable: 2}
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: d}
    spec:
      replicas: 2
      strategy:
        blueGreen: {activeService: d}
    ---
    apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata: {name: e}
    spec:
      strategy: {type: Custom, rollingParams: {maxUnavailable: 100%}}
  `);
  assert.equal(positions(findings), [[rule, 6, 14], [rule, 15, 34], [rule, 23, 14]]);
  assert.match(findings[0].message, 'DeploymentConfig "a" uses the Recreate strategy');
  assert.match(findings[0].message, 'use Rolling unless');
});

test.run();
