import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-system-pool-toleration';

const workload = (tolerations: string, kind = 'Deployment') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata: {name: web}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        tolerations: ${tolerations}
        containers: [{name: web, image: app:1.0}]
`;

const node = (labels: string, taints: string) => yaml`
  apiVersion: v1
  kind: Node
  metadata:
    name: aks-pool-1
    labels: ${labels}
  spec:
    taints: ${taints}
`;

test('valid: other taints, a toleration that does not match the NoSchedule taint with value true, a DaemonSet', () => {
  assert.equal(lintOne(rule, workload('[{key: sku, operator: Equal, value: gpu, effect: NoSchedule}]')), []);
  assert.equal(lintOne(rule, workload('[{key: CriticalAddonsOnly, operator: Exists, effect: NoExecute}]')), []);
  assert.equal(lintOne(rule, workload('[{key: CriticalAddonsOnly, operator: Equal, value: "false"}]')), []);
  assert.equal(lintOne(rule, workload('[{operator: Exists}]')), []);
  assert.equal(lintOne(rule, workload('[{key: CriticalAddonsOnly, operator: Exists}]', 'DaemonSet')), []);
});

test('valid: a system-pool Node may carry the taint', () => {
  assert.equal(lintOne(rule, node('{kubernetes.azure.com/mode: system}', '[{key: CriticalAddonsOnly, value: "true", effect: NoSchedule}]')), []);
});

test('invalid: Exists, or Equal "true" with no or the NoSchedule effect, at the toleration key', () => {
  for (const toleration of ['{key: CriticalAddonsOnly, operator: Exists}', '{key: CriticalAddonsOnly, value: "true"}', '{key: CriticalAddonsOnly, operator: Equal, value: "true", effect: NoSchedule}']) {
    const findings = lintOne(rule, workload(`[${toleration}]`));
    assert.equal(positions(findings), [[rule, 9, 22]], toleration);
  }
  const [finding] = lintOne(rule, workload('[{key: CriticalAddonsOnly, operator: Exists}]'));
  assert.is(finding.message, 'Deployment "web" tolerates the CriticalAddonsOnly taint that AKS reserves for the system node pool, so its pods can be scheduled there beside the cluster\'s critical add-ons: remove the toleration unless it is a cluster add-on meant for the system pool (schedule applications onto user pools with their own taints and a nodeSelector).');
});

test('invalid: a Pod, block style, and a configured reserved taint', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      tolerations:
        - key: corp.example/system
          operator: Exists
      containers: [{name: a, image: app:1.0}]
  `, { reservedTaints: ['corp.example/system'] });
  assert.equal(positions(findings), [[rule, 6, 7]]);
});

test('invalid: a Node outside the system pool carrying the reserved taint', () => {
  const findings = lintOne(rule, node('{kubernetes.azure.com/mode: user}', '[{key: x, effect: NoSchedule}, {key: CriticalAddonsOnly, value: "true", effect: NoSchedule}]'));
  assert.equal(positions(findings), [[rule, 7, 43]]);
  assert.match(findings[0].message, /^Node "aks-pool-1" is not a system-pool node/);
});

test('valid: malformed tolerations and taints do not crash', () => {
  assert.equal(lintOne(rule, workload('[null, CriticalAddonsOnly, {key: [CriticalAddonsOnly]}]')), []);
  assert.equal(lintOne(rule, workload('{key: CriticalAddonsOnly}')), []);
  assert.equal(lintOne(rule, node('null', '[null, {key: 7}]')), []);
});

test.run();
