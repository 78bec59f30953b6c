import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-aks-specific-labels';

test('valid: own labels, AKS labels in a nodeSelector or an annotation, a ConfigMap outside the judged kinds', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web, example.com/kubernetes.azure.com: x}
        annotations: {kubernetes.azure.com/set-kube-service-host-fqdn: "true"}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            nodeSelector: {kubernetes.azure.com/mode: user}
            containers: [{name: web, image: app:1.0}]
    `),
    [],
  );
  assert.equal(lintOne(rule, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {kubernetes.azure.com/x: y}\n'), []);
});

test('valid: an empty prefix list turns the rule off', () => {
  assert.equal(lintOne(rule, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: {kubernetes.azure.com/x: y}\n', { labels: [] }), []);
});

test('invalid: the label on a Service, a Node, a Pod and a Deployment\'s own labels, at the label key', () => {
  for (const kind of ['Service', 'Node', 'Pod']) {
    const findings = lintOne(rule, yaml`
      apiVersion: v1
      kind: ${kind}
      metadata:
        name: x
        labels:
          app: x
          kubernetes.azure.com/managedby: aks
    `);
    assert.equal(positions(findings), [[rule, 7, 5]], kind);
  }
  const [finding] = lintOne(rule, 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  labels: {kubernetes.azure.com/mode: system}\n');
  assert.equal([finding.ruleId, finding.line, finding.column], [rule, 5, 12]);
  assert.is(finding.message, 'StatefulSet "db" carries the label "kubernetes.azure.com/mode": labels prefixed kubernetes.azure.com are reserved for AKS\'s own components; use a label of your own domain.');
});

test('invalid: a pod template label of any workload (its Pods carry it), with a configured prefix', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: report}
    spec:
      schedule: "0 * * * *"
      jobTemplate:
        spec:
          template:
            metadata:
              labels: {app: report, kubernetes.azure.com/scalesetpriority: spot}
            spec:
              containers: [{name: a, image: app:1.0}]
  `);
  assert.equal(positions(findings), [[rule, 10, 33]]);
  assert.match(findings[0].message, /^The pod template of CronJob "report" carries the label "kubernetes.azure.com\/scalesetpriority"/);
  const custom = lintOne(rule, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {corp.example/tier: gold}\nspec:\n  containers: [{name: a, image: app:1.0}]\n', { labels: ['corp.example/'] });
  assert.equal(positions(custom), [[rule, 5, 12]]);
});

test('invalid: a Job\'s own labels are not judged (not an Azure kind), its template is', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: j
      labels: {kubernetes.azure.com/a: b}
    spec:
      template:
        metadata:
          labels: {kubernetes.azure.com/a: b}
        spec:
          containers: [{name: a, image: app:1.0}]
  `);
  assert.equal(positions(findings), [[rule, 9, 16]]);
});

test('valid: malformed labels and templates do not crash', () => {
  assert.equal(lintOne(rule, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: [kubernetes.azure.com/x]\n'), []);
  assert.equal(lintOne(rule, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: null}\n    spec: {containers: []}\n'), []);
});

test.run();
