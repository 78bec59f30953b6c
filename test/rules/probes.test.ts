import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'probes';

test('valid: readiness and liveness probes with any handler (httpGet, tcpSocket, exec, grpc)', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - name: web
                image: app:1.0
                readinessProbe: {httpGet: {path: /ready, port: 8080}}
                livenessProbe: {tcpSocket: {port: 8080}}
              - name: worker
                image: app:1.0
                readinessProbe: {exec: {command: [cat, /tmp/ready]}}
                livenessProbe: {grpc: {port: 9090}}
    `),
    [],
  );
});

test('valid: Jobs, CronJobs and run-to-completion Pods; init and ephemeral containers', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: main, image: app:1.0}]
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: c}
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: main, image: app:1.0}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: once}
      spec:
        restartPolicy: OnFailure
        containers: [{name: main, image: app:1.0}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: served}
      spec:
        initContainers: [{name: init, image: app:1.0}]
        ephemeralContainers: [{name: debug, image: busybox:1.36}]
        containers:
          - name: main
            image: app:1.0
            readinessProbe: {httpGet: {port: 80}}
            livenessProbe: {httpGet: {port: 80}}
    `),
    [],
  );
});

test('valid: option required narrows or widens the probes asked for', () => {
  const source = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: app:1.0
          readinessProbe: {httpGet: {port: 80}}
  `;
  assert.equal(lintOne(rule, source, { required: ['readinessProbe'] }), []);
  const findings = lintOne(rule, source, { required: ['readinessProbe', 'startupProbe', 'bogusProbe'] });
  assert.equal(positions(findings), [[rule, 6, 7]]);
  assert.match(findings[0].message, 'has no startupProbe');
});

test('invalid: one report per missing probe, at the container (its name key)', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: agent}
    spec:
      selector: {matchLabels: {app: agent}}
      template:
        metadata: {labels: {app: agent}}
        spec:
          containers:
            - image: agent:1.0
              name: agent
              readinessProbe: {httpGet: {port: 80}}
            - name: bare
              image: agent:1.0
  `);
  assert.equal(positions(findings), [
    [rule, 11, 11],
    [rule, 13, 11],
    [rule, 13, 11],
  ]);
  assert.is(findings[0].message, 'Container "agent" has no livenessProbe: add one so that a hung process is restarted.');
  assert.is(findings[1].message, 'Container "bare" has no readinessProbe: add one so that it only receives traffic when it can serve it.');
});

test('invalid: a probe without a handler (or of the wrong type) is reported at the probe', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: app:1.0
          readinessProbe: {initialDelaySeconds: 5}
          livenessProbe: "yes"
  `);
  assert.equal(positions(findings), [
    [rule, 8, 7],
    [rule, 9, 7],
  ]);
  assert.is(findings[0].message, 'Container "a" has a readinessProbe without a handler: set one of exec, httpGet, tcpSocket or grpc.');
});

test('invalid: malformed containers and a null probe do not crash', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - 7
        - name: a
          readinessProbe: null
          livenessProbe: {exec: {command: [true]}}
  `);
  assert.equal(positions(findings), [[rule, 8, 7]]);
});

test('valid: a Knative Service gets a default readiness probe from Knative', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: serving.knative.dev/v1
    kind: Service
    metadata: {name: hello}
    spec:
      template:
        spec:
          containers:
            - image: ghcr.io/example/hello:1.0
              livenessProbe: {httpGet: {path: /healthz}}
  `);
  assert.equal(findings, []);
});

test('invalid: a Knative Service without a liveness probe is judged as usual; an unnamed container is #1', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: serving.knative.dev/v1
    kind: Service
    metadata: {name: hello}
    spec:
      template:
        spec:
          containers:
            - image: ghcr.io/example/hello:1.0
  `);
  assert.equal(positions(findings), [[rule, 8, 11]]);
  assert.is(findings[0].message, 'Container #1 has no livenessProbe: add one so that a hung process is restarted.');
});

test.run();
