import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEPRECATED_APIS, findDeprecatedApi } from '../../src/model/reference/deprecated-apis';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'deprecated-api-version';

test('valid: current API versions, custom resources, a kind the old version never had', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: nightly}
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web}
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web}
      ---
      apiVersion: cert-manager.io/v1beta1
      kind: Certificate
      metadata: {name: tls}
      ---
      apiVersion: extensions/v1beta1
      kind: Scale
      metadata: {name: odd}
    `),
    [],
  );
});

test('valid: an API removed later is fine at an older target version', () => {
  const source = yaml`
    apiVersion: policy/v1beta1
    kind: PodDisruptionBudget
    metadata: {name: web}
  `;
  assert.equal(lintOne(rule, source, undefined, { kubernetesVersion: '1.20' }), []);
});

test('valid: malformed apiVersion or kind does not crash', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: [extensions/v1beta1]
      kind: Deployment
      metadata: {name: a}
      ---
      apiVersion: extensions/v1beta1
      kind: {name: Deployment}
      metadata: {name: b}
    `),
    [],
  );
});

test('invalid: removed APIs at the default (newest) version, at the apiVersion key', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: extensions/v1beta1
    kind: Deployment
    metadata: {name: web}
    ---
    apiVersion: batch/v1beta1
    kind: CronJob
    metadata: {name: nightly}
    ---
    metadata: {name: web}
    kind: PodDisruptionBudget
    apiVersion: policy/v1beta1
    ---
    apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
    kind: FlowSchema
    metadata: {name: fs}
  `);
  assert.equal(positions(findings), [
    [rule, 1, 1],
    [rule, 5, 1],
    [rule, 11, 1],
    [rule, 13, 1],
  ]);
  assert.ok(findings.every((finding) => finding.severity === 'error'));
  assert.is(findings[0].message, 'extensions/v1beta1 Deployment was removed in Kubernetes 1.16: use apps/v1 instead.');
  assert.is(findings[1].message, 'batch/v1beta1 CronJob was removed in Kubernetes 1.25: use batch/v1 instead.');
  assert.match(findings[3].message, 'flowcontrol.apiserver.k8s.io/v1');
});

test('invalid: PodSecurityPolicy has no replacement, the message says what to do', () => {
  const [finding] = lintOne(rule, yaml`
    apiVersion: policy/v1beta1
    kind: PodSecurityPolicy
    metadata: {name: restricted}
  `);
  assert.match(finding.message, 'was removed in Kubernetes 1.25');
  assert.match(finding.message, 'Pod Security Admission');
});

test('invalid: deprecated but still served is a warning; --kubernetes-version selects it', () => {
  const source = yaml`
    apiVersion: policy/v1beta1
    kind: PodDisruptionBudget
    metadata: {name: web}
  `;
  const [finding] = lintOne(rule, source, undefined, { kubernetesVersion: '1.22' });
  assert.equal([finding.ruleId, finding.line, finding.column, finding.severity], [rule, 1, 1, 'warning']);
  assert.is(finding.message, 'policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and is no longer served from Kubernetes 1.25: use policy/v1 instead.');
  const [removed] = lintOne(rule, source, undefined, { kubernetesVersion: '1.25' });
  assert.is(removed.severity, 'error');
});

test('invalid: the replacement named is the newest one the target version serves', () => {
  const source = yaml`
    apiVersion: autoscaling/v2beta1
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
  `;
  assert.match(lintOne(rule, source, undefined, { kubernetesVersion: '1.22' })[0].message, 'use autoscaling/v2beta2 instead');
  assert.match(lintOne(rule, source, undefined, { kubernetesVersion: '1.24' })[0].message, 'use autoscaling/v2 instead');
  const flow = yaml`
    apiVersion: flowcontrol.apiserver.k8s.io/v1beta2
    kind: PriorityLevelConfiguration
    metadata: {name: p}
  `;
  assert.match(lintOne(rule, flow, undefined, { kubernetesVersion: '1.27' })[0].message, 'use flowcontrol.apiserver.k8s.io/v1beta3 instead');
  assert.match(lintOne(rule, flow, undefined, { kubernetesVersion: '1.30' })[0].message, 'use flowcontrol.apiserver.k8s.io/v1 instead');
});

test('invalid: v1 Endpoints is deprecated (no removal) from 1.33, in favour of EndpointSlice', () => {
  const source = yaml`
    apiVersion: v1
    kind: Endpoints
    metadata: {name: external-db}
  `;
  assert.equal(lintOne(rule, source, undefined, { kubernetesVersion: '1.32' }), []);
  const [finding] = lintOne(rule, source);
  assert.is(finding.severity, 'warning');
  assert.is(finding.message, 'v1 Endpoints is deprecated since Kubernetes 1.33: use discovery.k8s.io/v1 EndpointSlice instead.');
});

test('invalid: items of a List are reported at their own apiVersion', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: List
    items:
      - apiVersion: rbac.authorization.k8s.io/v1beta1
        kind: Role
        metadata: {name: r}
  `);
  assert.equal(positions(findings), [[rule, 4, 5]]);
});

test('table: every entry is consistent (removal after deprecation, links, replacements served)', () => {
  for (const api of DEPRECATED_APIS) {
    assert.ok(api.url.startsWith('https://'), api.apiVersion);
    if (api.removedIn !== undefined) assert.ok(api.removedIn >= api.deprecatedIn, `${api.apiVersion} ${api.kind}`);
    assert.ok(api.replacements.length > 0 || api.advice, `${api.apiVersion} ${api.kind} needs a replacement or advice`);
    for (const replacement of api.replacements) assert.ok(replacement.apiVersion !== api.apiVersion || replacement.kind, `${api.apiVersion} ${api.kind}`);
  }
  assert.ok(findDeprecatedApi('extensions/v1beta1', 'Ingress'));
  assert.is(findDeprecatedApi('apps/v1', 'Deployment'), undefined);
});

test('defect: a built-in kind under apiVersion v1, which never served it, names its apiVersion; OpenShift v1 kinds are fine', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Deployment
    metadata: {name: web}
    ---
    apiVersion: v1
    kind: PodDisruptionBudget
    metadata: {name: web}
    ---
    apiVersion: v1
    kind: DeploymentConfig
    metadata: {name: legacy}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web}
  `);
  assert.equal(positions(findings), [[rule, 1, 1], [rule, 5, 1]]);
  assert.equal(findings[0].message, 'apiVersion v1 never served Deployment: Deployment is served by apps/v1; use apiVersion: apps/v1.');
  assert.is(findings[0].severity, 'error');
  assert.match(findings[1].message, 'PodDisruptionBudget is served by policy/v1');
});

test('defect: a v1 Deployment is judged as a Deployment by schema and the pod rules', () => {
  const source = yaml`
    apiVersion: v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: "2"
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          hostPID: true
  `;
  // replicas is a string, and a Deployment's pod template needs containers.
  assert.equal(positions(lintOne('schema', source)), [['schema', 5, 3], ['schema', 9, 5]]);
  assert.equal(positions(lintOne('no-host-pid', source)), [['no-host-pid', 10, 7]]);
});

test.run();
