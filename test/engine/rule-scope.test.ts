// The scope options every rule takes (namespaces, excludedNamespaces, labelSelector, excludedContainers,
// excludedImages), honoured by the engine: the semantics of Azure Policy's Kubernetes parameters.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText, ruleMap } from '../../src/api';
import { validateConfig } from '../../src/config/validate';
import { positions, yaml } from '../helpers';

function lint(text: string, options: Record<string, unknown>, excludedNamespaces?: string[]) {
  return positions(lintText([{ file: 'test.yaml', text }], { rules: { 'no-privileged': ['error', options] }, excludedNamespaces }).findings);
}

const deployment = (namespace: string, labels = 'app: web') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: ${namespace}
  spec:
    template:
      metadata:
        labels: {${labels}}
      spec:
        initContainers:
          - name: setup
            image: busybox:1.36
            securityContext: {privileged: true}
        containers:
          - name: istio-proxy
            image: myacr.azurecr.io/istio/proxyv2:1.22
            securityContext: {privileged: true}
          - name: web
            image: myacr.azurecr.io/web:1.0
            securityContext: {privileged: true}
`;

test('without scope options every container is reported', () => {
  assert.equal(lint(deployment('prod'), {}), [
    ['no-privileged', 14, 29],
    ['no-privileged', 18, 29],
    ['no-privileged', 21, 29],
  ]);
});

test('namespaces: only objects in those namespaces; an object naming none is checked', () => {
  assert.equal(lint(deployment('dev'), { namespaces: ['prod'] }), []);
  assert.equal(lint(deployment('prod'), { namespaces: ['prod'] }).length, 3);
  assert.equal(lint(deployment('prod').replace('  namespace: prod\n', ''), { namespaces: ['prod'] }).length, 3);
  // An empty list is Azure Policy's "all namespaces".
  assert.equal(lint(deployment('dev'), { namespaces: [] }).length, 3);
});

test('excludedNamespaces replaces the config\'s list for that rule', () => {
  assert.equal(lint(deployment('legacy'), { excludedNamespaces: ['legacy'] }), []);
  // kube-system is excluded by the config's default list, but not by the rule's own list.
  assert.equal(lint(deployment('kube-system'), {}), []);
  assert.equal(lint(deployment('kube-system'), { excludedNamespaces: ['legacy'] }).length, 3);
  // Another rule without its own list still skips kube-system.
  const both = lintText([{ file: 'test.yaml', text: deployment('kube-system') }], {
    rules: { 'no-privileged': ['error', { excludedNamespaces: [] }], 'no-latest-tag': 'error', 'allowed-registries': ['error', { registries: ['docker.io/**'] }] },
  }).findings;
  assert.equal([...new Set(both.map((finding) => finding.ruleId))], ['no-privileged']);
});

test('labelSelector matches the pod template labels of a workload', () => {
  const selector = { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }] };
  assert.equal(lint(deployment('prod', 'app: web'), { labelSelector: selector }), []);
  assert.equal(lint(deployment('prod', 'app: web, tier: frontend'), { labelSelector: selector }).length, 3);
  assert.equal(lint(deployment('prod', 'app: web'), { labelSelector: {} }).length, 3);
});

test('excludedContainers and excludedImages leave those containers out', () => {
  assert.equal(lint(deployment('prod'), { excludedContainers: ['setup', 'istio-proxy'] }), [['no-privileged', 21, 29]]);
  assert.equal(lint(deployment('prod'), { excludedImages: ['myacr.azurecr.io/istio/*'] }), [
    ['no-privileged', 14, 29],
    ['no-privileged', 21, 29],
  ]);
  // Without a trailing "*" the image must match exactly.
  assert.equal(lint(deployment('prod'), { excludedImages: ['busybox'] }).length, 3);
  assert.equal(lint(deployment('prod'), { excludedImages: ['busybox:1.36'] }).length, 2);
});

test('excludedContainers holds for any rule that reads containers', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p, namespace: prod}
    spec:
      containers:
        - name: sidecar
          image: nginx:latest
        - name: app
          image: nginx:latest
  `;
  const findings = lintText([{ file: 'test.yaml', text }], { rules: { 'no-latest-tag': ['error', { excludedContainers: ['sidecar'] }] } }).findings;
  assert.equal(positions(findings), [['no-latest-tag', 9, 7]]);
});

test('scope options are validated like other options', () => {
  assert.throws(() => validateConfig('c.yaml', { rules: { 'no-privileged': ['error', { namespaces: 'prod' }] } }, ruleMap), /rules\.no-privileged\.namespaces.*list of strings/);
  assert.throws(
    () => validateConfig('c.yaml', { rules: { 'no-privileged': ['error', { labelSelector: { matchExpressions: [{ key: 'a', operator: 'Is' }] } }] } }, ruleMap),
    /labelSelector.*unknown operator/,
  );
  assert.not.throws(() => validateConfig('c.yaml', { rules: { 'no-privileged': ['error', { excludedImages: ['a*'], labelSelector: { matchLabels: { a: 'b' } } }] } }, ruleMap));
});

test.run();
