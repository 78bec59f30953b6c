import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'read-only-root-filesystem';

test('valid: every container list sets readOnlyRootFilesystem true', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - name: init
            image: busybox:1.36
            securityContext: {readOnlyRootFilesystem: true}
        containers:
          - name: app
            image: nginx:1.25
            securityContext:
              readOnlyRootFilesystem: true
        ephemeralContainers:
          - name: debug
            image: busybox:1.36
            securityContext: {readOnlyRootFilesystem: true}
    `),
    [],
  );
});

test('valid: Windows pods (spec.os.name or the kubernetes.io/os node selector) are exempt', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        os: {name: windows}
        containers:
          - name: app
            image: mcr.microsoft.com/windows/servercore:ltsc2022
    `),
    [],
  );
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            nodeSelector:
              kubernetes.io/os: windows
            containers:
              - name: app
                image: mcr.microsoft.com/windows/servercore:ltsc2022
    `),
    [],
  );
});

test('valid: objects without a pod spec and malformed containers do not crash', () => {
  assert.equal(lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: c}
    data: {a: b}
  `), []);
  assert.equal(lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: [null, "text", 3]
  `), []);
});

test('invalid: missing securityContext reports at the container, without a fix by default', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: nginx:1.25
  `);
  assert.equal(positions(findings), [[RULE, 6, 7]]);
  assert.is(findings[0].severity, 'warning');
  assert.is(findings[0].fix, undefined);
  assert.match(findings[0].message, /Container "app" has a writable root filesystem/);
});

test('invalid: explicit false in a Deployment init container and a string "true"', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
              securityContext:
                readOnlyRootFilesystem: false
          containers:
            - name: app
              image: nginx:1.25
              securityContext:
                readOnlyRootFilesystem: "true"
  `);
  assert.equal(positions(findings), [
    [RULE, 11, 13],
    [RULE, 16, 13],
  ]);
  assert.match(findings[0].message, /Init container "init" sets readOnlyRootFilesystem: false/);
});

test('invalid: CronJob and ephemeral containers are checked', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "0 * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: job
                  image: busybox:1.36
                  securityContext: {runAsNonRoot: true}
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
  `);
  assert.equal(positions(findings), [
    [RULE, 14, 15],
    [RULE, 16, 15],
  ]);
});

test('invalid: option fix offers setting a missing readOnlyRootFilesystem to true, never flips an explicit false', () => {
  const findings = lintOne(
    RULE,
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: nginx:1.25
            securityContext:
              runAsNonRoot: true
          - name: writer
            image: nginx:1.25
            securityContext:
              readOnlyRootFilesystem: false
    `,
    { fix: true },
  );
  assert.equal(positions(findings), [
    [RULE, 8, 7],
    [RULE, 13, 9],
  ]);
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'], value: true }]);
  assert.equal(findings[1].fix, undefined, 'an explicit false is the author\'s: reported, not flipped');
});

test('invalid: no fix when securityContext is not a map', () => {
  const findings = lintOne(
    RULE,
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: nginx:1.25
            securityContext: "yes please"
    `,
    { fix: true },
  );
  assert.equal(positions(findings), [[RULE, 8, 7]]);
  assert.is(findings[0].fix, undefined);
});

test.run();
