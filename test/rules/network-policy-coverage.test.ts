import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const ID = 'network-policy-coverage';

const deployment = (namespace: string, labels = '{app: web}') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: ${namespace}}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata:
        labels: ${labels}
      spec:
        containers: [{name: web, image: nginx:1.25}]
`;

const policy = (namespace: string, podSelector: string, apiVersion = 'networking.k8s.io/v1') => `---
apiVersion: ${apiVersion}
kind: NetworkPolicy
metadata: {name: p, namespace: ${namespace}}
spec:
  podSelector: ${podSelector}
  policyTypes: [Ingress]
`;

const namespace = (name: string) => `---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

test('valid: the lint set knows nothing of the namespace (one file linted on its own)', () => {
  assert.equal(lintOne(ID, deployment('shop')), []);
  assert.equal(lintOne(ID, deployment('shop') + policy('other', '{}') + namespace('other')), []);
});

test('valid: selected by podSelector {}, matchLabels, matchExpressions, a legacy extensions policy', () => {
  assert.equal(lintOne(ID, deployment('shop') + policy('shop', '{}')), []);
  assert.equal(lintOne(ID, deployment('shop') + policy('shop', '{matchLabels: {app: api}}') + policy('shop', '{matchLabels: {app: web}}')), []);
  assert.equal(
    lintOne(ID, deployment('shop', '{app: web, tier: front}') + policy('shop', '{matchExpressions: [{key: tier, operator: In, values: [front, back]}]}')),
    [],
  );
  assert.equal(lintOne(ID, deployment('shop') + policy('shop', '{}', 'extensions/v1beta1')), []);
});

test('valid: a policy without podSelector (or podSelector: null) selects every pod of its namespace, as the API server decodes it', () => {
  const withoutSelector = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  policyTypes: [Ingress]
`;
  assert.equal(lintOne(ID, deployment('shop') + withoutSelector), []);
  assert.equal(lintOne(ID, deployment('shop') + policy('shop', 'null')), []);
});

test('valid: policyTypes defaulted as the API server does: Ingress when unset, Egress with egress rules', () => {
  const unset = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  egress: [{to: [{podSelector: {}}]}]
`;
  assert.equal(lintOne(ID, deployment('shop') + unset), []);
  assert.equal(lintOne(ID, deployment('shop') + unset, { directions: ['Ingress', 'Egress'] }), []);
});

test('valid: an Egress-only policy covers egress when only Egress is asked for', () => {
  assert.equal(lintOne(ID, deployment('shop') + policy('shop', '{}').replace('[Ingress]', '[Egress]'), { directions: ['Egress'] }), []);
});

test('invalid: an Egress-only policy leaves ingress open (default directions [Ingress])', () => {
  const findings = lintOne(ID, deployment('shop') + policy('shop', '{}').replace('[Ingress]', '[Egress]'));
  assert.equal(positions(findings), [[ID, 8, 7]]);
  assert.is(
    findings[0].message,
    'Deployment "web" in namespace "shop" is selected by no NetworkPolicy with policyTypes Ingress, so its pods accept traffic from every pod; add a policy selecting it (or a default-deny with podSelector: {} and policyTypes: [Ingress]).',
  );
});

test('invalid: directions [Ingress, Egress] (strict): an Ingress-only policy leaves egress open', () => {
  const findings = lintOne(ID, deployment('shop') + policy('shop', '{}'), { directions: ['Ingress', 'Egress'] });
  assert.equal(positions(findings), [[ID, 8, 7]]);
  assert.match(findings[0].message, /no NetworkPolicy with policyTypes Egress, so its pods can open connections to every pod and address/);
  const none = lintOne(ID, deployment('shop') + namespace('shop'), { directions: ['Ingress', 'Egress'] });
  assert.match(none[0].message, /selected by no NetworkPolicy, so its pods accept traffic from every pod and can open connections/);
});

test('invalid: an unnamed Pod named by its generateName', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {generateName: debug-, namespace: shop, labels: {app: debug}}
    spec:
      containers: [{name: a, image: busybox:1.36}]
  ` + namespace('shop'));
  assert.match(findings[0].message, /^Pod generated from "debug-" in namespace "shop"/);
});

test('valid: a policy in another file of the set selects it', () => {
  assert.equal(lintWith(deployment('shop'), { rules: { [ID]: 'warning' }, others: { 'policies.yaml': policy('shop', '{matchLabels: {app: web}}') } }), []);
});

test('valid: CNI or cluster-wide policies the rule cannot evaluate keep it quiet', () => {
  const cilium = `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: c, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
`;
  const calicoGlobal = `---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata: {name: default-deny}
spec:
  selector: all()
`;
  assert.equal(lintOne(ID, deployment('shop') + namespace('shop') + cilium), []);
  assert.equal(lintOne(ID, deployment('shop') + namespace('shop') + calicoGlobal), []);
});

test('valid: a controller template without labels is a kustomize patch or base, not judged', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: controller}
      spec:
        template:
          spec:
            containers: [{name: c, args: [--debug]}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: other}
      spec:
        podSelector: {matchLabels: {app: other}}
    `),
    [],
  );
});

test('valid: host-network pods, which no NetworkPolicy can select', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: shop}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            hostNetwork: true
            containers: [{name: agent, image: busybox:1.36}]
    ` + namespace('shop')),
    [],
  );
});

test('valid: malformed objects do not crash', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: shop, labels: "app=web"}
      spec: {containers: [{name: a, image: nginx:1.25}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: p, namespace: shop}
      spec: "deny"
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: q, namespace: shop}
      spec: {podSelector: "app=web"}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: all, namespace: shop}
      spec: {podSelector: {}}
    `),
    [],
  );
});

test('invalid: a Namespace in the set and no policy at all, reported at the template labels', () => {
  const findings = lintOne(ID, deployment('shop') + namespace('shop'));
  assert.equal(positions(findings), [[ID, 8, 7]]);
  assert.match(findings[0].message, /^Deployment "web" in namespace "shop" is selected by no NetworkPolicy/);
  assert.is(findings[0].severity, 'warning');
});

test('invalid: policies of the namespace select other pods; invalid podSelectors select nothing', () => {
  const findings = lintOne(
    ID,
    deployment('shop') +
      policy('shop', '{matchLabels: {app: api}}') +
      policy('shop', '{matchExpressions: [{key: app, operator: In}]}'),
  );
  assert.equal(positions(findings), [[ID, 8, 7]]);
});

test('invalid: objects without a namespace are in default; a CronJob at its job template labels', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: report}
    spec:
      schedule: "0 * * * *"
      jobTemplate:
        spec:
          template:
            metadata:
              labels: {app: report}
            spec:
              restartPolicy: Never
              containers: [{name: r, image: busybox:1.36}]
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: web-only}
    spec:
      podSelector: {matchLabels: {app: web}}
  `);
  assert.equal(positions(findings), [[ID, 10, 11]]);
  assert.match(findings[0].message, /CronJob "report" in namespace "default"/);
});

test('invalid: a Pod without labels falls back to its metadata; an init-only Job', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: debug, namespace: shop}
    spec:
      containers: [{name: a, image: busybox:1.36}]
    ---
    apiVersion: batch/v1
    kind: Job
    metadata: {name: migrate, namespace: shop}
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: m, image: busybox:1.36}]
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: web, namespace: shop}
    spec:
      podSelector: {matchLabels: {app: web}}
  `);
  assert.equal(positions(findings), [
    [ID, 3, 1],
    [ID, 11, 3],
  ]);
});

const unnamespacedWorkload = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: app}
  spec:
    selector: {matchLabels: {app: app}}
    template:
      metadata: {labels: {app: app}}
      spec: {containers: [{name: app, image: nginx:1.25}]}
`;
const unnamespacedPolicy = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: test-only}
  spec:
    podSelector: {matchLabels: {app: test}}
`;

test('valid: a policy without a namespace in a test folder does not judge unrelated samples of other folders', () => {
  const findings = lintWith(unnamespacedWorkload, {
    file: 'samples/app/deployment.yaml',
    rules: { [ID]: 'warning' },
    others: { 'test/e2e/policy.yaml': unnamespacedPolicy },
  });
  assert.equal(findings, []);
});

test('invalid: without a namespace, a policy of the same directory (or anywhere with scope: all) judges the workload', () => {
  const sameDirectory = lintWith(unnamespacedWorkload, {
    file: 'samples/app/deployment.yaml',
    rules: { [ID]: 'warning' },
    others: { 'samples/app/policy.yaml': unnamespacedPolicy },
  });
  assert.equal(positions(sameDirectory), [[ID, 7, 16]]);
  const everywhere = lintWith(unnamespacedWorkload, {
    file: 'samples/app/deployment.yaml',
    rules: { [ID]: ['warning', { scope: 'all' }] },
    others: { 'test/e2e/policy.yaml': unnamespacedPolicy },
  });
  assert.equal(positions(everywhere), [[ID, 7, 16]]);
});

test.run();

