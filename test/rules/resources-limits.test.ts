import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'resources-limits';

test('valid: memory limits on every container and init container, as a string or a number', () => {
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
            initContainers:
              - name: migrate
                image: app:1.0
                resources: {limits: {memory: 256Mi}}
            containers:
              - name: web
                image: app:1.0
                resources: {limits: {memory: 536870912}}
    `),
    [],
  );
});

test('valid: ephemeral containers are skipped (the API forbids resources on them)', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: app:1.0
            resources: {limits: {memory: 1Gi}}
        ephemeralContainers:
          - name: debugger
            image: busybox:1.36
    `),
    [],
  );
});

test('valid: a LimitRange of the lint set (same namespace) gives a default limit, from default or max', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p, namespace: prod}
    spec:
      containers: [{name: a, image: app:1.0}]
  `;
  const withDefault = yaml`
    apiVersion: v1
    kind: LimitRange
    metadata: {name: defaults, namespace: prod}
    spec:
      limits:
        - type: Container
          default: {memory: 512Mi}
  `;
  const withMax = yaml`
    apiVersion: v1
    kind: LimitRange
    metadata: {name: defaults, namespace: prod}
    spec:
      limits:
        - type: Container
          max: {memory: 2Gi}
  `;
  assert.equal(lintWith(pod, { rules: { [rule]: 'warning' }, others: { 'limits.yaml': withDefault } }), []);
  assert.equal(lintWith(pod, { rules: { [rule]: 'warning' }, others: { 'limits.yaml': withMax } }), []);
});

test('valid: pod-level limits (Kubernetes 1.32+) bound every container', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        resources: {limits: {memory: 1Gi, cpu: 1}}
        containers: [{name: a, image: app:1.0}]
    `, { cpu: true }),
    [],
  );
});

test('valid: malformed resources do not crash', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: app:1.0
          resources: "lots"
        - name: b
          image: app:1.0
          resources: {limits: [memory]}
        - 42
  `);
  assert.equal(positions(findings), [
    [rule, 8, 7],
    [rule, 11, 19],
  ]);
});

test('invalid: missing memory limit, at the deepest existing key (container, resources, limits)', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          initContainers:
            - name: migrate
              image: app:1.0
          containers:
            - name: web
              image: app:1.0
              resources:
                requests: {memory: 128Mi}
            - name: sidecar
              image: proxy:1.0
              resources:
                limits: {cpu: 100m}
  `);
  assert.equal(positions(findings), [
    [rule, 10, 11],
    [rule, 15, 11],
    [rule, 20, 13],
  ]);
  assert.is(findings[0].message, 'Init container "migrate" has no memory limit: set resources.limits.memory so that a leak or spike cannot exhaust the node\'s memory.');
  assert.is(findings[1].message, 'Container "web" has no memory limit: set resources.limits.memory so that a leak or spike cannot exhaust the node\'s memory.');
});

test('invalid: option cpu also requires a CPU limit (one report per missing resource)', () => {
  const source = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly}
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
                - name: job
                  image: app:1.0
                  resources: {limits: {memory: 1Gi}}
  `;
  assert.equal(lintOne(rule, source), []);
  const findings = lintOne(rule, source, { cpu: true });
  assert.equal(positions(findings), [[rule, 14, 27]]);
  assert.is(findings[0].message, 'Container "job" has no CPU limit: set resources.limits.cpu.');
});

test('invalid: a LimitRange in another namespace, or for Pods, does not count; pod-level limits before 1.32 do not either', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p, namespace: prod}
    spec:
      resources: {limits: {memory: 1Gi}}
      containers: [{name: a, image: app:1.0}]
  `;
  const other = yaml`
    apiVersion: v1
    kind: LimitRange
    metadata: {name: defaults, namespace: staging}
    spec:
      limits:
        - type: Container
          default: {memory: 512Mi}
        - type: Pod
          max: {memory: 2Gi}
  `;
  assert.equal(positions(lintWith(pod, { rules: { [rule]: 'warning' }, kubernetesVersion: '1.31', others: { 'limits.yaml': other } })), [[rule, 6, 17]]);
});

test('maxCpu and maxMemory: a limit above the maximum or not a quantity is reported; maxCpu requires a CPU limit', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: small
          image: app:1.0
          resources: {limits: {cpu: 500m, memory: 1Gi}}
        - name: big
          image: app:1.0
          resources:
            limits:
              cpu: "2"
              memory: 1025Mi
        - name: odd
          image: app:1.0
          resources: {limits: {cpu: lots, memory: 512Mi}}
        - name: nocpu
          image: app:1.0
          resources: {limits: {memory: 512Mi}}
  `;
  const findings = lintOne(rule, pod, { maxCpu: '1', maxMemory: '1Gi' });
  assert.equal(positions(findings), [
    [rule, 13, 11],
    [rule, 14, 11],
    [rule, 17, 28],
    [rule, 20, 19],
  ]);
  assert.match(findings[0].message, /Container "big" sets CPU limit 2, above the maximum of 1/);
  assert.match(findings[1].message, /memory limit 1025Mi, above the maximum of 1Gi/);
  assert.match(findings[2].message, /"lots", which is not a quantity/);
  assert.match(findings[3].message, /"nocpu" has no CPU limit/);
  assert.throws(() => lintOne(rule, pod, { maxMemory: 'a lot' }), /maxMemory.*Kubernetes quantity/);
});

test.run();
