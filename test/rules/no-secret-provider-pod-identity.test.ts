import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-secret-provider-pod-identity';

const spc = (parameters: string, provider = 'azure', apiVersion = 'secrets-store.csi.x-k8s.io/v1') => yaml`
  apiVersion: ${apiVersion}
  kind: SecretProviderClass
  metadata: {name: kv, namespace: shop}
  spec:
    provider: ${provider}
    parameters:
      keyvaultName: shop-kv
      tenantID: 00000000-0000-0000-0000-000000000000
      ${parameters}
`;

test('valid: workload identity, usePodIdentity "false", another provider, another API group', () => {
  assert.equal(lintOne(rule, spc('clientID: 11111111-1111-1111-1111-111111111111')), []);
  assert.equal(lintOne(rule, spc('usePodIdentity: "false"')), []);
  assert.equal(lintOne(rule, spc('usePodIdentity: "true"', 'aws')), []);
  assert.equal(lintOne(rule, spc('usePodIdentity: "true"', 'azure', 'example.com/v1')), []);
});

test('invalid: usePodIdentity "true" (v1 and v1alpha1, any ParseBool spelling, a YAML boolean), at the parameter', () => {
  for (const [value, apiVersion] of [['"true"', 'secrets-store.csi.x-k8s.io/v1'], ['"True"', 'secrets-store.csi.x-k8s.io/v1alpha1'], ['true', 'secrets-store.csi.x-k8s.io/v1']]) {
    const findings = lintOne(rule, spc(`usePodIdentity: ${value}`, 'azure', apiVersion));
    assert.equal(positions(findings), [[rule, 9, 5]], `${value} ${apiVersion}`);
  }
  const [finding] = lintOne(rule, spc('usePodIdentity: "true"'));
  assert.is(finding.message, 'SecretProviderClass "kv" reads Key Vault through the deprecated AAD Pod Identity (usePodIdentity): switch to workload identity: set usePodIdentity: "false" and clientID to an identity federated with the pod\'s ServiceAccount.');
});

test('valid: malformed spec or parameters do not crash', () => {
  assert.equal(lintOne(rule, 'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv}\nspec: [azure]\n'), []);
  assert.equal(lintOne(rule, 'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv}\nspec: {provider: azure, parameters: usePodIdentity}\n'), []);
});

test.run();
