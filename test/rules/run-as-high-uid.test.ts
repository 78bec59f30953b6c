import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'run-as-high-uid';

test('valid: high ids at pod and container level, and unset ids (left to run-as-non-root)', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext: {runAsUser: 10001, runAsGroup: 10001}
        initContainers:
          - name: init
            image: busybox:1.36
        containers:
          - name: app
            image: nginx:1.25
            securityContext: {runAsUser: 65532, runAsGroup: 10000}
          - name: unset
            image: nginx:1.25
    `),
    [],
  );
});

test('valid: a low pod-level id that every container overrides is not reported', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext: {runAsUser: 1000}
        containers:
          - name: app
            image: nginx:1.25
            securityContext: {runAsUser: 20000}
    `),
    [],
  );
});

test('valid: Windows pods, wrong types and option minimum', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        os: {name: windows}
        securityContext: {runAsUser: 0}
        containers: [{name: app, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}]
    `),
    [],
  );
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext: {runAsUser: "0", runAsGroup: null}
        containers: [{name: app, image: "nginx:1.25", securityContext: {runAsUser: [1]}}]
    `),
    [],
  );
  assert.equal(
    lintOne(
      RULE,
      yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: app, image: "nginx:1.25", securityContext: {runAsUser: 1001, runAsGroup: 1001}}]
      `,
      { minimum: 1000 },
    ),
    [],
  );
});

test('invalid: container-level UID and GID below 10000, in every container list', () => {
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
                runAsUser: 0
          containers:
            - name: app
              image: nginx:1.25
              securityContext:
                runAsUser: 1000
                runAsGroup: 9999
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext: {runAsGroup: 5}
  `);
  assert.equal(positions(findings), [
    [RULE, 11, 13],
    [RULE, 16, 13],
    [RULE, 17, 13],
    [RULE, 21, 29],
  ]);
  assert.ok(findings.every((finding) => finding.severity === 'info'));
  assert.match(findings[0].message, /Init container "init" runs as UID 0 \(runAsUser\), below 10000/);
  assert.match(findings[2].message, /Container "app" runs as GID 9999 \(runAsGroup\)/);
});

test('invalid: a pod-level id is reported once, where containers inherit it', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@hourly"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              securityContext:
                runAsUser: 1000
                runAsGroup: 3000
              containers:
                - name: a
                  image: busybox:1.36
                - name: b
                  image: busybox:1.36
                  securityContext: {runAsUser: 20000}
  `);
  assert.equal(positions(findings), [
    [RULE, 12, 13],
    [RULE, 13, 13],
  ]);
  assert.match(findings[0].message, /CronJob "c" runs its pod as UID 1000/);
});

test('invalid: option minimum raises the bar', () => {
  const findings = lintOne(
    RULE,
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: app, image: "nginx:1.25", securityContext: {runAsUser: 10001}}]
    `,
    { minimum: 100000 },
  );
  assert.equal(positions(findings), [[RULE, 5, 67]]);
  assert.match(findings[0].message, /below 100000/);
});

test.run();
