import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'workload-identity';

const account = (annotations: string, name = 'app', namespace = 'prod') => yaml`
  apiVersion: v1
  kind: ServiceAccount
  metadata:
    name: ${name}
    namespace: ${namespace}
    annotations: ${annotations}
`;

const deployment = (labels: string, extra = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: prod}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata:
        labels: ${labels}
      spec:
        serviceAccountName: app
        containers:
          - name: web
            image: app:1.0
            ${extra}
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'error' }, others });

test('valid: labelled pods whose ServiceAccount has a client ID; neither side uses Workload ID', () => {
  const annotated = account('{azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000}');
  assert.equal(lint(deployment('{app: web, azure.workload.identity/use: "true"}'), { 'sa.yaml': annotated }), []);
  assert.equal(lint(deployment('{app: web}'), { 'sa.yaml': account('{}') }), []);
});

test('valid: quiet when the ServiceAccount is not in the lint set (other name or namespace)', () => {
  assert.equal(lintOne(rule, deployment('{app: web, azure.workload.identity/use: "true"}')), []);
  assert.equal(lint(deployment('{app: web, azure.workload.identity/use: "true"}'), { 'sa.yaml': account('{}', 'app', 'staging') }), []);
  assert.equal(lint(deployment('{app: web, azure.workload.identity/use: "true"}'), { 'sa.yaml': account('{}', 'other') }), []);
});

test('valid: a container that sets AZURE_CLIENT_ID itself; an explicit opt-out label', () => {
  assert.equal(
    lint(deployment('{app: web, azure.workload.identity/use: "true"}', 'env: [{name: AZURE_CLIENT_ID, value: 11111111-1111-1111-1111-111111111111}]'), {
      'sa.yaml': account('{}'),
    }),
    [],
  );
  assert.equal(lint(deployment('{app: web, azure.workload.identity/use: "false"}'), { 'sa.yaml': account('{azure.workload.identity/client-id: abc}') }), []);
});

test('invalid: labelled pods whose ServiceAccount has no (or an empty) client ID, at the pod label', () => {
  const findings = lint(deployment('{app: web, azure.workload.identity/use: "true"}'), { 'sa.yaml': account('{azure.workload.identity/client-id: ""}') });
  assert.equal(positions(findings), [[rule, 8, 26]]);
  assert.is(findings[0].message, 'Deployment "web" uses Workload ID, but its ServiceAccount "app" has no azure.workload.identity/client-id annotation: annotate the ServiceAccount with the client ID of the managed identity or app registration.');
  assert.is(findings[0].severity, 'error');
});

test('invalid: the default ServiceAccount of a bare Pod, label written as a YAML boolean', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      labels:
        azure.workload.identity/use: true
    spec:
      containers: [{name: a, image: app:1.0}]
  `;
  const findings = lint(pod, { 'sa.yaml': account('null', 'default', 'default') });
  assert.equal(positions(findings), [[rule, 6, 5]]);
});

test('invalid: the reverse, pods of an annotated ServiceAccount without the label, is a warning', () => {
  const findings = lint(deployment('{app: web}'), { 'sa.yaml': account('{azure.workload.identity/client-id: abc}') });
  assert.equal(positions(findings), [[rule, 8, 7]]);
  assert.is(findings[0].severity, 'warning');
  assert.is(findings[0].message, 'Deployment "web" runs as ServiceAccount "app", which has a Workload ID client ID, but its pods lack the label azure.workload.identity/use: "true": without it the webhook injects no token; add the label (or use another ServiceAccount).');
});

test('invalid: the label on the workload instead of its pod template', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: sync
      labels: {azure.workload.identity/use: "true"}
    spec:
      schedule: "@hourly"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers: [{name: sync, image: app:1.0}]
  `);
  assert.equal(positions(findings), [[rule, 5, 12]]);
  assert.match(findings[0].message, 'CronJob "sync" has the azure.workload.identity/use label on itself, not on its pod template');
});

test('invalid: malformed pod specs do not crash', () => {
  assert.equal(
    lint(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, labels: {azure.workload.identity/use: "true"}}
      spec:
        serviceAccountName: [app]
        containers: [{name: a, env: "AZURE_CLIENT_ID"}]
    `, { 'sa.yaml': account('{}', 'default', 'default') }).length,
    1,
  );
});

// Key Vault through the Secrets Store CSI driver in workload identity mode (issue 15).
const secretProviderClass = (parameters: string) => yaml`
  apiVersion: secrets-store.csi.x-k8s.io/v1
  kind: SecretProviderClass
  metadata: {name: kv, namespace: prod}
  spec:
    provider: azure
    parameters: ${parameters}
`;
const csiVolume = `volumes: [{name: secrets, csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: kv}}}]`;
const mountingDeployment = (labels: string) => deployment(labels).replace('      serviceAccountName: app\n', `      serviceAccountName: app\n      ${csiVolume}\n`);

test('valid: a Key Vault CSI pod without the label whose ServiceAccount has the client ID (the driver needs no label)', () => {
  const others = { 'sa.yaml': account('{azure.workload.identity/client-id: 11111111-1111-1111-1111-111111111111}'), 'spc.yaml': secretProviderClass('{keyvaultName: kv, clientID: 11111111-1111-1111-1111-111111111111}') };
  assert.equal(lint(mountingDeployment('{app: web}'), others), []);
});

test('valid: the class uses another mode (node identity, AKS identity binding), is not in the set, or the ServiceAccount is not in the set', () => {
  const plain = { 'sa.yaml': account('{}') };
  assert.equal(lint(mountingDeployment('{app: web}'), { ...plain, 'spc.yaml': secretProviderClass('{keyvaultName: kv, useVMManagedIdentity: "true", userAssignedIdentityID: abc}') }), []);
  assert.equal(lint(mountingDeployment('{app: web}'), { ...plain, 'spc.yaml': secretProviderClass('{keyvaultName: kv, useAzureTokenProxy: "true", clientID: abc}') }), []);
  assert.equal(lint(mountingDeployment('{app: web}'), plain), []);
  assert.equal(lint(mountingDeployment('{app: web}'), { 'spc.yaml': secretProviderClass('{keyvaultName: kv, clientID: abc}') }), []);
});

test('invalid: a Key Vault CSI pod in workload identity mode whose ServiceAccount has no client ID, a warning at the volume', () => {
  const findings = lint(mountingDeployment('{app: web}'), { 'sa.yaml': account('{}'), 'spc.yaml': secretProviderClass('{keyvaultName: kv, clientID: 11111111-1111-1111-1111-111111111111}') });
  assert.equal(positions(findings), [[rule, 11, 108]]);
  assert.is(findings[0].severity, 'warning');
  assert.is(findings[0].message, 'Deployment "web" mounts SecretProviderClass "kv", which reads Key Vault with workload identity (clientID), but runs as ServiceAccount "app", which has no azure.workload.identity/client-id annotation: the driver signs in with that ServiceAccount\'s token, so the identity needs a federated credential for it; run the pod as the ServiceAccount set up for the identity, or annotate this one with the same client ID.');
});

test.run();
