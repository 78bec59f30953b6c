import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'pdb-unhealthy-pod-eviction-policy';

const budget = (extra: string, apiVersion = 'policy/v1') => yaml`
  apiVersion: ${apiVersion}
  kind: PodDisruptionBudget
  metadata: {name: web}
  spec:
    maxUnavailable: 1
    selector: {matchLabels: {app: web}}
    ${extra}
`;

test('valid: AlwaysAllow; policy/v1beta1 (no such field); Kubernetes before 1.27; look-alike kinds', () => {
  assert.equal(lintOne(rule, budget('unhealthyPodEvictionPolicy: AlwaysAllow')), []);
  assert.equal(lintOne(rule, budget('', 'policy/v1beta1')), []);
  assert.equal(lintOne(rule, budget(''), undefined, { kubernetesVersion: '1.26' }), []);
  assert.equal(lintOne(rule, budget('', 'example.com/v1')), []);
});

test('invalid: the default policy at spec, IfHealthyBudget at its value', () => {
  const missing = lintOne(rule, budget(''));
  assert.equal(positions(missing), [[rule, 4, 1]]);
  assert.match(missing[0].message, 'keeps the default unhealthyPodEvictionPolicy (IfHealthyBudget)');
  const explicit = lintOne(rule, budget('unhealthyPodEvictionPolicy: IfHealthyBudget'));
  assert.equal(positions(explicit), [[rule, 7, 3]]);
  assert.match(explicit[0].message, 'sets unhealthyPodEvictionPolicy IfHealthyBudget');
});

test.run();
