import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groupItems, policyRules, resourceItems, ruleGrants, stringItems, verbItems } from '../../src/rules/utils/policy-rules';

const [rule] = policyRules({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  rules: [{ apiGroups: ['', 'apps'], resources: ['pods', '*/scale', 'pods/*'], verbs: ['get', 'Create', 7] }],
});

test('policyRules and stringItems keep paths and skip non-strings', () => {
  assert.equal(rule.path, ['rules', 0]);
  assert.equal(
    stringItems(rule, 'verbs').map((item) => [item.value, item.path]),
    [
      ['get', ['rules', 0, 'verbs', 0]],
      ['Create', ['rules', 0, 'verbs', 1]],
    ],
  );
  assert.equal(policyRules({ rules: 'x' }), []);
  assert.equal(policyRules({ rules: [null, 'x', { verbs: ['get'] }] }).map((ref) => ref.index), [2]);
});

test('RBAC matching: exact or `*`; verbs are case-sensitive; `*/sub` matches a subresource, `pods/*` matches nothing', () => {
  assert.equal(groupItems(rule, 'apps').length, 1);
  assert.equal(groupItems(rule, 'batch').length, 0);
  assert.equal(verbItems(rule, 'create').length, 0);
  assert.equal(resourceItems(rule, 'deployments/scale').map((item) => item.value), ['*/scale']);
  assert.equal(resourceItems(rule, 'pods/exec').map((item) => item.value), []);
  assert.equal(resourceItems(rule, 'scale').map((item) => item.value), []);
  assert.ok(ruleGrants(rule, '', 'pods', 'get'));
  assert.not.ok(ruleGrants(rule, 'batch', 'pods', 'get'));
  const [wild] = policyRules({ rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });
  assert.ok(ruleGrants(wild, 'certificates.k8s.io', 'signers', 'approve'));
  assert.ok(ruleGrants(wild, '', 'nodes/proxy', 'get'));
});

test.run();
