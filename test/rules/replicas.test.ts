import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'replicas';

const workload = (kind: string, replicas: string) => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata: {name: web, namespace: prod}
  spec:
    ${replicas}
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: app:1.0}]
`;

const hpa = (min: string, kind = 'Deployment') => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: web-hpa, namespace: prod}
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: web}
    ${min}
    maxReplicas: 10
`;

test('valid: two or more replicas; 0 (scaled down on purpose); other kinds', () => {
  assert.equal(lintOne(rule, workload('Deployment', 'replicas: 2')), []);
  assert.equal(lintOne(rule, workload('StatefulSet', 'replicas: 5')), []);
  assert.equal(lintOne(rule, workload('Deployment', 'replicas: 0')), []);
  assert.equal(lintOne(rule, workload('DaemonSet', '')), []);
  assert.equal(lintOne(rule, workload('ReplicaSet', 'replicas: 1')), []);
});

test('valid: malformed replicas are left to the schema rule', () => {
  assert.equal(lintOne(rule, workload('Deployment', 'replicas: "3"')), []);
  assert.equal(lintOne(rule, workload('Deployment', 'replicas: {{replicas}}')), []);
  assert.equal(lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec: "none"
  `), []);
});

test('valid: an autoscaler with minReplicas >= 2 governs the replica count; KEDA may scale to zero', () => {
  const deployment = workload('Deployment', 'replicas: 1');
  assert.equal(lintWith(deployment, { rules: { [rule]: 'info' }, others: { 'hpa.yaml': hpa('minReplicas: 3') } }), []);
  const keda = yaml`
    apiVersion: keda.sh/v1alpha1
    kind: ScaledObject
    metadata: {name: web-keda, namespace: prod}
    spec:
      scaleTargetRef: {name: web}
  `;
  assert.equal(lintWith(deployment, { rules: { [rule]: 'info' }, others: { 'keda.yaml': keda } }), []);
  assert.equal(lintWith(keda, { rules: { [rule]: 'info' }, others: { 'deploy.yaml': deployment } }), []);
});

test('invalid: one replica, or replicas absent (API default 1), at spec.replicas or spec', () => {
  const findings = lintOne(rule, workload('Deployment', 'replicas: 1'));
  assert.equal(positions(findings), [[rule, 5, 3]]);
  assert.is(findings[0].message, 'Deployment "web" runs 1 replica: run at least 2 so that a node drain or a crash does not take it down.');
  const absent = lintOne(rule, workload('StatefulSet', ''));
  assert.equal(positions(absent), [[rule, 4, 1]]);
  assert.is(absent[0].message, 'StatefulSet "web" sets no replicas, so it runs 1 replica: run at least 2 so that a node drain or a crash does not take it down.');
});

test('invalid: option minimum', () => {
  assert.equal(positions(lintOne(rule, workload('Deployment', 'replicas: 2'), { minimum: 3 })), [[rule, 5, 3]]);
});

test('invalid: an autoscaler whose minimum is below 2 is reported at its minReplicas (default 1)', () => {
  const deployment = workload('Deployment', 'replicas: 3');
  // The Deployment itself is quiet: the HPA decides.
  assert.equal(lintWith(deployment, { rules: { [rule]: 'info' }, others: { 'hpa.yaml': hpa('') } }), []);
  const findings = lintWith(hpa(''), { rules: { [rule]: 'info' }, others: { 'deploy.yaml': deployment } });
  assert.equal(positions(findings), [[rule, 4, 1]]);
  assert.is(findings[0].message, 'HorizontalPodAutoscaler "web-hpa" lets Deployment "web" scale down to 1 replica: set minReplicas to 2 or more.');
  assert.equal(positions(lintWith(hpa('minReplicas: 1'), { rules: { [rule]: 'info' }, others: { 'deploy.yaml': deployment } })), [[rule, 6, 3]]);
  // Issue 13: an HPA whose target is not in the lint set (or is another kind) is judged by its own minimum.
  const alone = lintOne(rule, hpa('minReplicas: 1'));
  assert.equal(positions(alone), [[rule, 6, 3]]);
  assert.is(alone[0].message, 'HorizontalPodAutoscaler "web-hpa" lets Deployment "web" scale down to 1 replica: set minReplicas to 2 or more.');
  assert.equal(positions(lintWith(hpa('minReplicas: 1', 'StatefulSet'), { rules: { [rule]: 'info' }, others: { 'deploy.yaml': deployment } })), [[rule, 6, 3]]);
  assert.equal(positions(lintOne(rule, hpa(''))), [[rule, 4, 1]]);
  assert.equal(lintOne(rule, hpa('minReplicas: 2')), []);
});

test('defect: OpenShift DeploymentConfig (also legacy v1) and Argo Rollout are judged', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata: {name: a}
    spec:
      replicas: 1
      template: {spec: {containers: [{name: a, image: a:1}]}}
    ---
    apiVersion: v1
    kind: DeploymentConfig
    metadata: {name: b}
    spec:
      template: {spec: {containers: [{name: b, image: b:1}]}}
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: c}
    spec:
      replicas: 1
    ---
    apiVersion: example.com/v1
    kind: Rollout
    metadata: {name: d}
    spec:
      replicas: 1
  `);
  assert.equal(positions(findings), [[rule, 5, 3], [rule, 11, 1], [rule, 18, 3]]);
});

test.run();
