// One small fixture per group of constraint kinds: the finding's id, severity, line and column (the library's own
// cases are in test/gatekeeper-conformance.test.ts; these pin where the findings point).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { lintText } from '../../src/api';
import { yaml } from '../helpers';

function run(source: string, kind: string, spec: Record<string, unknown>, others: Record<string, string> = {}) {
  const constraint = { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind, metadata: { name: 'c' }, spec };
  const result = lintText([{ file: 'test.yaml', text: source }, ...Object.entries(others).map(([file, text]) => ({ file, text }))], {
    rules: {},
    excludedNamespaces: [],
    constraints: [{ object: constraint, file: 'c.yaml' }],
  });
  return result.findings.filter((finding) => finding.file === 'test.yaml').map((finding) => [finding.ruleId, finding.severity, finding.line, finding.column]);
}

const POD_MATCH = { kinds: [{ apiGroups: [''], kinds: ['Pod'] }] };

const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    annotations:
      container.apparmor.security.beta.kubernetes.io/web: unconfined
  spec:
    hostNetwork: true
    securityContext:
      fsGroup: 5
      sysctls:
        - name: kernel.msgmax
          value: "65536"
        - name: net.core.somaxconn
          value: "1024"
    volumes:
      - name: host
        hostPath:
          path: /var/lib/../../etc
      - name: cache
        emptyDir: {}
    containers:
      - name: web
        image: nginx
        stdin: true
        ports:
          - containerPort: 80
            hostPort: 80
        volumeMounts:
          - name: host
            mountPath: /host
        securityContext:
          runAsUser: 0
          seccompProfile:
            type: Unconfined
`;

test('pod-security kinds point at the offending field', () => {
  assert.equal(run(pod, 'K8sPSPHostFilesystem', { match: POD_MATCH, parameters: { allowedHostPaths: [{ pathPrefix: '/var/lib', readOnly: false }] } }), [['K8sPSPHostFilesystem/c', 'error', 19, 9]]);
  assert.equal(run(pod, 'K8sPSPForbiddenSysctls', { match: POD_MATCH, parameters: { forbiddenSysctls: ['kernel.*'], allowedSysctls: ['net.core.somaxconn'] } }), [['K8sPSPForbiddenSysctls/c', 'error', 12, 9]]);
  assert.equal(run(pod, 'K8sPSPHostNetworkingPorts', { match: POD_MATCH, parameters: { hostNetwork: false, min: 8000, max: 9000 } }), [
    ['K8sPSPHostNetworkingPorts/c', 'error', 8, 3],
    ['K8sPSPHostNetworkingPorts/c', 'error', 28, 11],
  ]);
  assert.equal(run(pod, 'K8sPSPAllowedUsers', { enforcementAction: 'warn', match: POD_MATCH, parameters: { runAsUser: { rule: 'MustRunAsNonRoot' } } }), [['K8sPSPAllowedUsers/c', 'warning', 33, 9]]);
  assert.equal(run(pod, 'K8sPSPFSGroup', { match: POD_MATCH, parameters: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 2000 }] } }), [['K8sPSPFSGroup/c', 'error', 10, 5]]);
  assert.equal(run(pod, 'K8sPSPSeccompV2', { match: POD_MATCH, parameters: { allowedProfiles: ['RuntimeDefault'] } }), [['K8sPSPSeccompV2/c', 'error', 34, 9]]);
  assert.equal(run(pod, 'K8sPSPAppArmor', { enforcementAction: 'dryrun', match: POD_MATCH, parameters: { allowedProfiles: ['runtime/default'] } }), [['K8sPSPAppArmor/c', 'info', 6, 5]]);
  assert.equal(run(pod, 'K8sPSPVolumeTypes', { match: POD_MATCH, parameters: { volumes: ['emptyDir', 'configMap'] } }), [['K8sPSPVolumeTypes/c', 'error', 18, 7]]);
  assert.equal(run(pod, 'K8sDisallowInteractiveTTY', { match: POD_MATCH }), [['K8sDisallowInteractiveTTY/c', 'error', 25, 7]]);
  assert.equal(run(pod, 'K8sDisallowedTags', { match: POD_MATCH, parameters: { tags: ['latest'] } }), [['K8sDisallowedTags/c', 'error', 24, 7]]);
  assert.equal(run(pod, 'K8sRequiredProbes', { match: POD_MATCH, parameters: { probes: ['readinessProbe'], probeTypes: ['httpGet'] } }), [['K8sRequiredProbes/c', 'error', 23, 7]]);
});

const ingress = yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: shop
  spec:
    rules:
      - host: "*.example.com"
        http:
          paths:
            - path: /
              pathType: Prefix
              backend: {service: {name: web, port: {number: 80}}}
`;

const service = yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: web
  spec:
    type: NodePort
    externalIPs: ["10.0.0.1", "203.0.113.7"]
    selector: {app: web}
    ports: [{port: 80}]
`;

test('network kinds point at the offending field', () => {
  const ingressMatch = { match: { kinds: [{ apiGroups: ['networking.k8s.io'], kinds: ['Ingress'] }] } };
  assert.equal(run(ingress, 'K8sBlockWildcardIngress', ingressMatch), [['K8sBlockWildcardIngress/c', 'error', 7, 7]]);
  assert.equal(run(ingress, 'K8sHttpsOnly', ingressMatch), [['K8sHttpsOnly/c', 'error', 3, 1]]);
  const serviceMatch = { kinds: [{ apiGroups: [''], kinds: ['Service'] }] };
  assert.equal(run(service, 'K8sBlockNodePort', { match: serviceMatch }), [['K8sBlockNodePort/c', 'error', 6, 3]]);
  assert.equal(run(service, 'K8sExternalIPs', { match: serviceMatch, parameters: { allowedIPs: ['10.0.0.1'] } }), [['K8sExternalIPs/c', 'error', 7, 29]]);
  assert.equal(run(service, 'K8sUniqueServiceSelector', { match: serviceMatch }, { 'other.yaml': service.replace('name: web', 'name: web-copy') }), [['K8sUniqueServiceSelector/c', 'error', 8, 3]]);
});

test('object kinds: storage class, PDB, replicas, deprecated APIs', () => {
  const claim = yaml`
    apiVersion: v1
    kind: PersistentVolumeClaim
    metadata:
      name: data
    spec:
      storageClassName: premium
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
  `;
  assert.equal(run(claim, 'K8sStorageClass', { match: { kinds: [{ apiGroups: [''], kinds: ['PersistentVolumeClaim'] }] }, parameters: { allowedStorageClasses: ['managed-csi'] } }), [['K8sStorageClass/c', 'error', 6, 3]]);
  const deployment = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 2
      selector:
        matchLabels: {app: web}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: nginx:1.27}]
  `;
  const budget = yaml`
    apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata:
      name: web
    spec:
      minAvailable: 2
      selector:
        matchLabels: {app: web}
  `;
  assert.equal(run(deployment, 'K8sPodDisruptionBudget', { match: { kinds: [{ apiGroups: ['apps'], kinds: ['Deployment'] }] } }, { 'pdb.yaml': budget }), [['K8sPodDisruptionBudget/c', 'error', 6, 3]]);
  assert.equal(run(deployment, 'K8sReplicaLimits', { match: { kinds: [{ apiGroups: ['apps'], kinds: ['Deployment'] }] }, parameters: { ranges: [{ min_replicas: 3, max_replicas: 50 }] } }), [['K8sReplicaLimits/c', 'error', 6, 3]]);
  const old = deployment.replace('apps/v1', 'extensions/v1beta1');
  assert.equal(
    run(old, 'VerifyDeprecatedAPI', { match: { kinds: [{ apiGroups: ['extensions'], kinds: ['Deployment'] }] }, parameters: { kvs: [{ deprecatedAPI: 'extensions/v1beta1', kinds: ['Deployment'], targetAPI: 'apps/v1' }], k8sVersion: 1.16 } }),
    [['VerifyDeprecatedAPI/c', 'error', 1, 1]],
  );
  assert.ok(parse(old).apiVersion === 'extensions/v1beta1');
});

test.run();
