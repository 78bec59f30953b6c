import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'anti-affinity';

const deployment = (podSpec: string, replicas = 'replicas: 3', kind = 'Deployment') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata: {name: web}
  spec:
    ${replicas}
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: app:1.0}]
        ${podSpec}
`;

test('valid: preferred or required pod anti-affinity on its own labels', () => {
  assert.equal(
    lintOne(rule, deployment(`affinity:
          podAntiAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 100
                podAffinityTerm:
                  topologyKey: kubernetes.io/hostname
                  labelSelector: {matchLabels: {app: web}}`)),
    [],
  );
  assert.equal(
    lintOne(rule, deployment(`affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - topologyKey: topology.kubernetes.io/zone
                labelSelector: {matchExpressions: [{key: app, operator: Exists}]}`)),
    [],
  );
});

test('valid: a topology spread constraint on its own labels', () => {
  assert.equal(
    lintOne(rule, deployment(`topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: kubernetes.io/hostname
            whenUnsatisfiable: ScheduleAnyway
            labelSelector: {matchLabels: {app: web}}`, 'replicas: 2', 'StatefulSet')),
    [],
  );
});

test('valid: single replica, DaemonSets, a selector this rule cannot judge', () => {
  assert.equal(lintOne(rule, deployment('', 'replicas: 1')), []);
  assert.equal(lintOne(rule, deployment('', '')), []);
  assert.equal(lintOne(rule, deployment('', '', 'DaemonSet')), []);
  assert.equal(
    lintOne(rule, deployment(`topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: app, operator: Like}]}}`)),
    [],
  );
});

test('invalid: nothing set, at the pod spec key; malformed affinity does not crash', () => {
  const findings = lintOne(rule, deployment(''));
  assert.equal(positions(findings), [[rule, 9, 5]]);
  assert.is(findings[0].message, 'Deployment "web" runs up to 3 replicas without pod anti-affinity or topology spread constraints: add a topologySpreadConstraint (or preferred podAntiAffinity) on kubernetes.io/hostname so that the replicas do not share one node.');
  assert.equal(positions(lintOne(rule, deployment('affinity: "spread please"'))), [[rule, 11, 7]]);
  assert.equal(positions(lintOne(rule, deployment('affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [7]}}'))), [[rule, 11, 18]]);
});

test('invalid: node affinity or pod affinity alone do not spread', () => {
  const findings = lintOne(rule, deployment(`affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [apps]}]}]
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}`));
  assert.equal(positions(findings), [[rule, 11, 7]]);
});

test('invalid: terms that select other pods, or spread constraints without a selector', () => {
  const other = lintOne(rule, deployment(`affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: database}}}`));
  assert.equal(positions(other), [[rule, 12, 9]]);
  assert.is(other[0].message, 'Deployment "web" runs up to 3 replicas, but its pod anti-affinity and topology spread constraints do not select its own pods: use a labelSelector that matches the pod template labels.');
  const noSelector = lintOne(rule, deployment(`topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}`));
  assert.equal(positions(noSelector), [[rule, 11, 7]]);
});

test('invalid: an autoscaler makes a one-replica Deployment multi-replica', () => {
  const hpa = yaml`
    apiVersion: autoscaling/v1
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
    spec:
      scaleTargetRef: {kind: Deployment, name: web}
      minReplicas: 1
      maxReplicas: 4
  `;
  const findings = lintWith(deployment('', 'replicas: 1'), { rules: { [rule]: 'info' }, others: { 'hpa.yaml': hpa } });
  assert.equal(positions(findings), [[rule, 9, 5]]);
  assert.match(findings[0].message, 'runs up to 4 replicas');
});

test('defect: a term scoped to other namespaces does not spread the own pods; the own namespace or an unknown one does', () => {
  const scoped = (term: string, extra = '') => yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: prod}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: app:1.0}]
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname, ${term}}
    ${extra}
  `;
  const lint = (source: string) => lintWith(source, { rules: { [rule]: 'info' } });
  assert.equal(positions(lint(scoped('namespaces: [staging]'))), [[rule, 12, 9]]);
  assert.equal(positions(lint(scoped('namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: staging}}'))), [[rule, 12, 9]]);
  assert.equal(
    positions(lint(scoped('namespaceSelector: {matchLabels: {team: a}}', '---\n    {apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {team: b}}}'))),
    [[rule, 12, 9]],
  );
  assert.equal(lint(scoped('namespaces: [staging, prod]')), []);
  assert.equal(lint(scoped('namespaceSelector: {}')), []);
  assert.equal(lint(scoped('namespaceSelector: {matchLabels: {team: a}}')), []);
  assert.equal(lint(scoped('namespaceSelector: {matchLabels: {team: a}}', '---\n    {apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {team: a}}}')), []);
});

test('defect: DeploymentConfig is a replicated kind; a template without labels spreads by the selector labels', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata: {name: web}
    spec:
      replicas: 2
      selector: {app: web}
      template:
        spec:
          containers: [{name: web, image: app:1.0}]
  `);
  assert.equal(positions(findings), [[rule, 8, 5]]);
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          spec:
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
    `),
    [],
  );
});

test.run();
