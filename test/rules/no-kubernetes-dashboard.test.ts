import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'no-kubernetes-dashboard';

test('valid: other images, including look-alikes', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            containers:
              - {name: a, image: "grafana/grafana:10.4.0"}
              - {name: b, image: "kubernetesui/metrics-scraper:v1.0.8"}
              - {name: c, image: "example/dashboard:1.0"}
              - {name: d, image: "headlamp-k8s/headlamp:v0.23.0"}
              - {name: e, image: "{{ .Values.dashboard.image }}"}
              - {name: f, image: 42}
    `),
    [],
  );
});

test('invalid: the Dashboard from Docker Hub, with or without docker.io, and from a mirror', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}
    spec:
      template:
        spec:
          containers:
            - name: kubernetes-dashboard
              image: kubernetesui/dashboard:v2.7.0
            - name: api
              image: docker.io/kubernetesui/dashboard-api:1.10.1
            - name: mirrored
              image: myacr.azurecr.io/mirror/kubernetesui/dashboard-web@sha256:0000000000000000000000000000000000000000000000000000000000000000
  `);
  assert.equal(positions(findings), [
    [RULE, 9, 11],
    [RULE, 11, 11],
    [RULE, 13, 11],
  ]);
  assert.is(findings[0].severity, 'warning');
  assert.match(findings[0].message, /Container "kubernetes-dashboard" runs the Kubernetes Dashboard \(kubernetesui\/dashboard:v2\.7\.0\)/);
});

test('invalid: the legacy kubernetes-dashboard-amd64 image in a Pod init container', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      initContainers:
        - name: old
          image: k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1
      containers: [{name: app, image: "nginx:1.25"}]
  `);
  assert.equal(positions(findings), [[RULE, 7, 7]]);
  assert.match(findings[0].message, /Init container "old"/);
});

test('capability: a mirrored or unset image is found by the Dashboard labels or name; look-alike names are not', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: ui, labels: {k8s-app: kubernetes-dashboard}}
    spec:
      template:
        spec:
          containers: [{name: ui, image: registry.example.com/mirror/ui:v2.7.0}]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web-ui}
    spec:
      template:
        metadata: {labels: {app.kubernetes.io/name: kubernetes-dashboard-web}}
        spec:
          containers: [{name: web}]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: kubernetes-dashboard}
    spec:
      template:
        spec:
          containers: [{name: d, image: myacr.azurecr.io/dashboard:v2.7.0}]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: kubernetes-dashboard-exporter, labels: {app: kubernetes-dashboard-exporter}}
    spec:
      template:
        spec:
          containers: [{name: e, image: example/exporter:1.0}]
  `);
  assert.equal(positions(findings), [[RULE, 3, 31], [RULE, 14, 25], [RULE, 20, 12]]);
  assert.match(findings[0].message, 'Deployment "ui" is labelled as the Kubernetes Dashboard');
  assert.match(findings[2].message, 'Deployment "kubernetes-dashboard" is named as the Kubernetes Dashboard');
});

test.run();
