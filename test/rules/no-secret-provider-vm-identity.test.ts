import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-secret-provider-vm-identity';

const spc = (parameters: string, provider = 'azure') => yaml`
  apiVersion: secrets-store.csi.x-k8s.io/v1
  kind: SecretProviderClass
  metadata: {name: kv}
  spec:
    provider: ${provider}
    parameters:
      keyvaultName: shop-kv
      ${parameters}
`;

test('valid: workload identity, useVMManagedIdentity "false", another provider', () => {
  assert.equal(lintOne(rule, spc('clientID: 11111111-1111-1111-1111-111111111111')), []);
  assert.equal(lintOne(rule, spc('useVMManagedIdentity: "false"')), []);
  assert.equal(lintOne(rule, spc('useVMManagedIdentity: "true"', 'gcp')), []);
});

test('invalid: useVMManagedIdentity "true" (with or without a user-assigned identity ID), at the parameter', () => {
  const findings = lintOne(rule, spc('useVMManagedIdentity: "true"'));
  assert.equal(positions(findings), [[rule, 8, 5]]);
  assert.is(findings[0].message, 'SecretProviderClass "kv" reads Key Vault with the node\'s managed identity (useVMManagedIdentity), which every pod on the node can use: switch to workload identity (clientID of an identity federated with the pod\'s ServiceAccount).');
  const userAssigned = lintOne(rule, yaml`
    apiVersion: secrets-store.csi.x-k8s.io/v1alpha1
    kind: SecretProviderClass
    metadata: {name: kv}
    spec:
      provider: azure
      parameters: {keyvaultName: shop-kv, useVMManagedIdentity: "1", userAssignedIdentityID: 22222222-2222-2222-2222-222222222222}
  `);
  assert.equal(positions(userAssigned), [[rule, 6, 39]]);
});

test('valid: malformed parameters do not crash', () => {
  assert.equal(lintOne(rule, spc('useVMManagedIdentity: [true]')), []);
});

test.run();
