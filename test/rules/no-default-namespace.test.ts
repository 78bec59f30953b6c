import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-default-namespace';

test('valid: an explicit namespace, no namespace (decided at apply time), cluster-scoped objects', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: reader, namespace: default}
      ---
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: fast, namespace: default}
      provisioner: disk.csi.azure.com
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: odd, namespace: [default]}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: null
    `),
    [],
  );
});

test('invalid: metadata.namespace default, for workloads, Services, ServiceAccounts and custom resources', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      namespace: default
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: app, namespace: default}
    ---
    apiVersion: cert-manager.io/v1
    kind: Certificate
    metadata: {namespace: default, name: tls}
  `);
  assert.equal(positions(findings), [
    [rule, 5, 3],
    [rule, 9, 23],
    [rule, 13, 12],
  ]);
  assert.is(findings[0].message, 'Pod "p" is in the default namespace: give the application its own namespace so that RBAC, quotas and network policies can be scoped to it.');
});

test('defect: objects Kubernetes itself creates in default are not reported; look-alikes elsewhere are', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: default, namespace: default}
    automountServiceAccountToken: false
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: kubernetes, namespace: default}
    ---
    apiVersion: v1
    kind: Endpoints
    metadata: {name: kubernetes, namespace: default}
    ---
    apiVersion: discovery.k8s.io/v1
    kind: EndpointSlice
    metadata: {name: kubernetes, namespace: default}
    addressType: IPv4
    endpoints: []
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: kube-root-ca.crt, namespace: default}
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: app, namespace: default}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: kubernetes, namespace: default}
  `);
  assert.equal(positions(findings), [[rule, 26, 23], [rule, 30, 30]]);
});

test.run();
