import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'resources-requests';

test('valid: cpu and memory requests on containers and init containers', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        selector: {matchLabels: {app: db}}
        serviceName: db
        template:
          metadata: {labels: {app: db}}
          spec:
            initContainers:
              - name: init
                image: db:1.0
                resources: {requests: {cpu: 50m, memory: 64Mi}}
            containers:
              - name: db
                image: db:1.0
                resources: {requests: {cpu: 0.5, memory: 1Gi}}
    `),
    [],
  );
});

test('valid: limits alone (the API server copies them into the requests), pod-level requests, LimitRange defaults', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      spec:
        containers:
          - name: a
            image: app:1.0
            resources: {limits: {cpu: 1, memory: 1Gi}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: b}
      spec:
        resources: {requests: {cpu: 1, memory: 1Gi}}
        containers: [{name: b, image: app:1.0}]
    `),
    [],
  );
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: [{name: a, image: app:1.0}]
  `;
  // No namespace on either object: both land in "default". defaultRequest, default and min all give requests.
  const limitRange = yaml`
    apiVersion: v1
    kind: LimitRange
    metadata: {name: defaults}
    spec:
      limits:
        - type: Container
          defaultRequest: {cpu: 100m}
          min: {memory: 64Mi}
  `;
  assert.equal(lintWith(pod, { rules: { [rule]: 'warning' }, others: { 'lr.yaml': limitRange } }), []);
});

test('valid: ephemeral containers are skipped; malformed input does not crash', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: {name: a}
        initContainers: "none"
        ephemeralContainers: [{name: debug, image: busybox:1.36}]
    `),
    [],
  );
});

test('invalid: both requests missing is one report at the resources or container key', () => {
  const findings = lintOne(rule, yaml`
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
            - name: sidecar
              image: proxy:1.0
              resources: {}
  `);
  assert.equal(positions(findings), [
    [rule, 10, 11],
    [rule, 14, 11],
  ]);
  assert.is(findings[0].message, 'Container "web" has no cpu or memory request: set resources.requests.cpu and resources.requests.memory so that the scheduler reserves what it needs.');
});

test('invalid: one request missing points at requests; init containers count too', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: batch/v1
    kind: Job
    metadata: {name: j}
    spec:
      template:
        spec:
          restartPolicy: Never
          initContainers:
            - name: fetch
              image: curl:8
              resources:
                requests: {memory: 32Mi}
          containers:
            - name: main
              image: app:1.0
              resources:
                limits: {memory: 1Gi}
                requests: {memory: 512Mi}
  `);
  assert.equal(positions(findings), [
    [rule, 12, 13],
    [rule, 18, 13],
  ]);
  assert.is(findings[0].message, 'Init container "fetch" has no cpu request: set resources.requests.cpu so that the scheduler reserves what it needs.');
});

test('invalid: empty-string quantities do not count', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: app:1.0
          resources: {requests: {cpu: "", memory: 64Mi}}
  `);
  assert.equal(positions(findings), [[rule, 8, 30]]);
});

test.run();
