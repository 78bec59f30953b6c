import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'pdb';

const deployment = (replicas: string, namespace = 'prod') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: ${namespace}}
  spec:
    ${replicas}
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web, tier: front}}
      spec:
        containers: [{name: web, image: app:1.0}]
`;

// Continuation lines of an interpolated value need the indentation they have in this source (4 spaces).
const budget = (body: string, apiVersion = 'policy/v1', namespace = 'prod') => yaml`
  apiVersion: ${apiVersion}
  kind: PodDisruptionBudget
  metadata: {name: web, namespace: ${namespace}}
  spec:
    ${body.replace(/\n/g, '\n    ')}
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'info' }, others });

test('valid: a matching PodDisruptionBudget (matchLabels, matchExpressions, empty policy/v1 selector)', () => {
  const source = deployment('replicas: 3');
  assert.equal(lint(source, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {matchLabels: {app: web}}') }), []);
  assert.equal(lint(source, { 'pdb.yaml': budget('minAvailable: 50%\nselector: {matchExpressions: [{key: tier, operator: In, values: [front]}]}') }), []);
  assert.equal(lint(source, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {}') }), []);
});

test('valid: single-replica workloads, DaemonSets, Jobs and malformed replicas need no budget', () => {
  assert.equal(lintOne(rule, deployment('replicas: 1')), []);
  assert.equal(lintOne(rule, deployment('')), []);
  assert.equal(lintOne(rule, deployment('replicas: "3"')), []);
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec: {containers: [{name: a, image: agent:1.0}]}
    `),
    [],
  );
});

test('valid: a healthy budget is quiet', () => {
  const source = budget('minAvailable: 2\nselector: {matchLabels: {app: web}}');
  assert.equal(lint(source, { 'web.yaml': deployment('replicas: 3') }), []);
  assert.equal(lintOne(rule, budget('maxUnavailable: 25%\nselector: {matchLabels: {app: web}}')), []);
  assert.equal(lintOne(rule, budget('"broken"')), []);
});

test('invalid: a multi-replica workload without a budget, at metadata.name', () => {
  const findings = lintOne(rule, deployment('replicas: 3'));
  assert.equal(positions(findings), [[rule, 3, 12]]);
  assert.is(findings[0].message, 'Deployment "web" runs 3 replicas without a PodDisruptionBudget: add one (e.g. maxUnavailable: 1) so that node drains and cluster upgrades keep some pods running.');
});

test('invalid: budgets that do not select it (other namespace, other labels, empty v1beta1 selector)', () => {
  const source = deployment('replicas: 2');
  assert.equal(positions(lint(source, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {matchLabels: {app: web}}', 'policy/v1', 'staging') })), [[rule, 3, 12]]);
  assert.equal(positions(lint(source, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {matchLabels: {app: api}}') })), [[rule, 3, 12]]);
  assert.equal(positions(lint(source, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {}', 'policy/v1beta1') })), [[rule, 3, 12]]);
  assert.equal(positions(lint(source, { 'pdb.yaml': budget('maxUnavailable: 1') })), [[rule, 3, 12]]);
});

test('invalid: an autoscaler that can scale to 2 or more makes the workload multi-replica', () => {
  const hpa = yaml`
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web, namespace: prod}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
      maxReplicas: 5
  `;
  const findings = lint(deployment(''), { 'hpa.yaml': hpa });
  assert.equal(positions(findings), [[rule, 3, 12]]);
  assert.match(findings[0].message, 'runs 5 replicas');
});

test('invalid: a budget that allows no eviction (maxUnavailable 0, minAvailable 100% or the replica count)', () => {
  const zero = lintOne(rule, budget('maxUnavailable: 0\nselector: {matchLabels: {app: web}}'));
  assert.equal(positions(zero), [[rule, 5, 3]]);
  assert.is(zero[0].message, 'PodDisruptionBudget "web" sets maxUnavailable 0, so it allows no voluntary eviction: node drains and AKS upgrades hang on its pods; allow at least 1.');
  assert.equal(positions(lintOne(rule, budget('minAvailable: 100%\nselector: {matchLabels: {app: web}}'))), [[rule, 5, 3]]);
  const all = lint(budget('minAvailable: 3\nselector: {matchLabels: {app: web}}'), { 'web.yaml': deployment('replicas: 3') });
  assert.equal(positions(all), [[rule, 5, 3]]);
  assert.is(all[0].message, 'PodDisruptionBudget "web" sets minAvailable 3 while Deployment "web" runs 3 replicas, so it allows no voluntary eviction: node drains and AKS upgrades hang on its pods; use maxUnavailable: 1 instead.');
  const single = lint(budget('minAvailable: 1\nselector: {matchLabels: {app: web}}'), { 'web.yaml': deployment('') });
  assert.match(single[0].message, 'runs 1 replica, so');
});

test('defect: a template without containers or labels is matched by its selector (matchLabels, or the same expressions)', () => {
  const bare = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: prod}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        spec: {}
  `;
  assert.equal(lint(bare, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {matchLabels: {app: web}}') }), []);
  const expressions = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: prod}
    spec:
      replicas: 3
      selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
      template:
        spec: {containers: [{name: web, image: app:1.0}]}
  `;
  assert.equal(lint(expressions, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {matchExpressions: [{key: app, operator: In, values: [web]}]}') }), []);
  // Without the budget it is reported, at metadata.name.
  assert.equal(positions(lint(bare, {})), [[rule, 3, 12]]);
});

test('defect: DeploymentConfig and Argo Rollout are replicated kinds; v1 PodDisruptionBudget is judged as policy/v1', () => {
  const dc = yaml`
    apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata: {name: web, namespace: prod}
    spec:
      replicas: 3
      selector: {app: web}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: app:1.0}]}
  `;
  assert.equal(positions(lint(dc, {})), [[rule, 3, 12]]);
  assert.equal(lint(dc, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {matchLabels: {app: web}}') }), []);
  const rollout = yaml`
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: web, namespace: prod}
    spec:
      replicas: 4
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: app:1.0}]}
      strategy: {canary: {}}
  `;
  assert.equal(positions(lint(rollout, {})), [[rule, 3, 12]]);
  assert.equal(lint(rollout, { 'pdb.yaml': budget('maxUnavailable: 1\nselector: {matchLabels: {app: web}}', 'v1') }), []);
});

test('capability: a budget with neither minAvailable nor maxUnavailable protects nothing, reported at spec', () => {
  const findings = lintOne(rule, budget('selector: {matchLabels: {app: web}}'));
  assert.equal(positions(findings), [[rule, 4, 1]]);
  assert.match(findings[0].message, 'sets neither minAvailable nor maxUnavailable');
  assert.equal(lintOne(rule, budget('minAvailable: null\nmaxUnavailable: 1\nselector: {matchLabels: {app: web}}')), []);
});

test.run();
