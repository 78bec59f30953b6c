import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-aad-pod-identity';

test('valid: Workload ID labels, other groups with the same kind names, malformed labels', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, labels: {app: web}}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata:
            labels: {app: web, azure.workload.identity/use: "true"}
          spec: {containers: [{name: web, image: app:1.0}]}
      ---
      apiVersion: example.com/v1
      kind: AzureIdentity
      metadata: {name: lookalike}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c, labels: [aadpodidbinding]}
    `),
    [],
  );
});

test('invalid: AAD Pod Identity custom resources, at kind', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: aadpodidentity.k8s.io/v1
    kind: AzureIdentity
    metadata: {name: app-identity}
    spec: {type: 0, resourceID: /subscriptions/x, clientID: y}
    ---
    apiVersion: aadpodidentity.k8s.io/v1
    kind: AzureIdentityBinding
    metadata: {name: app-binding}
    spec: {azureIdentity: app-identity, selector: app}
    ---
    apiVersion: aadpodidentity.k8s.io/v1
    kind: AzurePodIdentityException
    metadata: {name: exception}
  `);
  assert.equal(positions(findings), [
    [rule, 2, 1],
    [rule, 7, 1],
    [rule, 12, 1],
  ]);
  assert.is(findings[1].message, 'AzureIdentityBinding "app-binding" belongs to the deprecated AAD Pod Identity: move to Microsoft Entra Workload ID (a ServiceAccount annotated with azure.workload.identity/client-id and a federated identity credential).');
});

test('invalid: the aadpodidbinding label on a pod template, a Pod and a workload itself', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {aadpodidbinding: app}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata:
          labels:
            app: web
            aadpodidbinding: app
        spec: {containers: [{name: web, image: app:1.0}]}
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      labels: {aadpodidbinding: app}
    spec: {containers: [{name: a, image: app:1.0}]}
  `);
  assert.equal(positions(findings), [
    [rule, 5, 12],
    [rule, 12, 9],
    [rule, 19, 12],
  ]);
  assert.is(findings[1].message, 'The pod template of Deployment "web" carries the AAD Pod Identity label "aadpodidbinding": AAD Pod Identity is deprecated; label the pods azure.workload.identity/use: "true" and use a Workload ID ServiceAccount instead.');
  assert.match(findings[2].message, 'Pod "p" carries');
});

test.run();
