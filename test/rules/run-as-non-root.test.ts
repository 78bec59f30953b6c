import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const userNamespaced = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    hostUsers: false
    securityContext:
      runAsNonRoot: false
      runAsUser: 0
    containers:
      - name: a
        image: nginx:1.25
`;

const rootUser = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    securityContext:
      runAsNonRoot: true
      runAsUser: 0
    containers:
      - name: a
        image: nginx:1.25
        securityContext:
          runAsUser: 0
`;

test('valid: runAsNonRoot true at pod level, or on every container; non-zero UIDs', () => {
  assert.equal(
    lintOne('run-as-non-root', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          runAsNonRoot: true
          runAsUser: 1000
        containers:
          - name: a
            image: nginx:1.25
          - name: b
            image: nginx:1.25
            securityContext: {runAsNonRoot: null, runAsUser: 10001}
    `),
    [],
  );
  assert.equal(
    lintOne('run-as-non-root', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - name: init
            image: busybox:1.36
            securityContext: {runAsNonRoot: true}
        containers:
          - name: a
            image: nginx:1.25
            securityContext: {runAsNonRoot: true}
    `),
    [],
  );
});

test('valid: user-namespaced pods (hostUsers: false) are exempt from 1.35', () => {
  assert.equal(lintOne('run-as-non-root', userNamespaced), []);
  assert.equal(lintOne('run-as-non-root', userNamespaced, undefined, { kubernetesVersion: '1.35' }), []);
});

test('valid: runAsUser 0 is not checked before 1.23', () => {
  assert.equal(lintOne('run-as-non-root', rootUser, undefined, { kubernetesVersion: '1.22' }), []);
});

test('invalid: malformed securityContexts count as missing and never crash', () => {
  const findings = lintOne('run-as-non-root', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext: runAsNonRoot
      containers:
        - name: a
          image: nginx:1.25
          securityContext: [runAsNonRoot]
  `);
  assert.equal(positions(findings), [['run-as-non-root', 9, 7]]);
});

test('invalid: nothing set: each container, at its securityContext or its name', () => {
  const findings = lintOne('run-as-non-root', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            allowPrivilegeEscalation: false
  `);
  assert.equal(positions(findings), [
    ['run-as-non-root', 6, 7],
    ['run-as-non-root', 11, 7],
  ]);
  assert.match(findings[0].message, 'Init container "init" may run as root');
});

test('invalid: an explicit pod-level false is reported once, not for each container that inherits it', () => {
  const findings = lintOne('run-as-non-root', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext:
        runAsNonRoot: false
      containers:
        - name: a
          image: nginx:1.25
        - name: b
          image: nginx:1.25
          securityContext: {runAsNonRoot: true}
  `);
  assert.equal(positions(findings), [['run-as-non-root', 6, 5]]);
  assert.match(findings[0].message, 'The pod sets runAsNonRoot to false');
});

test('invalid: a container false overrides a pod-level true', () => {
  const findings = lintOne('run-as-non-root', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            runAsNonRoot: false
  `);
  assert.equal(positions(findings), [['run-as-non-root', 11, 9]]);
  assert.match(findings[0].message, 'Container "a" sets runAsNonRoot to false');
});

test('invalid: runAsUser 0 at pod and container level (1.23+)', () => {
  for (const version of ['1.23', undefined]) {
    const findings = lintOne('run-as-non-root', rootUser, undefined, { kubernetesVersion: version });
    assert.equal(positions(findings), [
      ['run-as-non-root', 7, 5],
      ['run-as-non-root', 12, 9],
    ]);
    assert.match(findings[0].message, 'The pod sets runAsUser to 0');
  }
});

test('invalid: hostUsers false does not exempt before 1.35; Windows pods are not exempt', () => {
  assert.equal(positions(lintOne('run-as-non-root', userNamespaced, undefined, { kubernetesVersion: '1.34' })), [
    ['run-as-non-root', 7, 5],
    ['run-as-non-root', 8, 5],
  ]);
  const windows = lintOne('run-as-non-root', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      os: {name: windows}
      containers:
        - name: a
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022
  `);
  assert.equal(positions(windows), [['run-as-non-root', 7, 7]]);
});

test('invalid: a CronJob ephemeral container', () => {
  const findings = lintOne('run-as-non-root', yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: a
                  image: busybox:1.36
                  securityContext: {runAsNonRoot: true}
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  securityContext: {runAsUser: 0}
  `);
  assert.equal(positions(findings), [
    ['run-as-non-root', 18, 15],
    ['run-as-non-root', 18, 33],
  ]);
  assert.match(findings[0].message, 'Ephemeral container "debug" may run as root');
  assert.match(findings[1].message, 'Ephemeral container "debug" sets runAsUser to 0');
});

test('invalid: runAsUser 10001 without runAsNonRoot says why the check still asks for runAsNonRoot', () => {
  const findings = lintOne('run-as-non-root', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext: {runAsUser: 10001}
      containers:
        - name: app
          image: app:1.0
        - name: root
          image: app:1.0
          securityContext: {runAsUser: 0}
  `);
  assert.equal(positions(findings), [
    ['run-as-non-root', 7, 7],
    ['run-as-non-root', 11, 7],
    ['run-as-non-root', 11, 25],
  ]);
  assert.is(
    findings[0].message,
    'Container "app" runs as uid 10001 but does not set runAsNonRoot: the Pod Security Standards check needs securityContext.runAsNonRoot: true even with a non-zero uid (it also guards images and later edits that switch to root); set it on the pod or the container.',
  );
  assert.match(findings[1].message, /^Container "root" may run as root/);
});

test('acceptNonZeroUser: a non-zero runAsUser (container or pod) stands for runAsNonRoot, as MustRunAsNonRoot', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext: {runAsUser: 10001}
      containers:
        - name: inherits
          image: app:1.0
        - name: root
          image: app:1.0
          securityContext: {runAsUser: 0}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: q}
    spec:
      containers:
        - name: unset
          image: app:1.0
  `;
  assert.equal(positions(lintOne('run-as-non-root', pod)), [
    ['run-as-non-root', 7, 7],
    ['run-as-non-root', 11, 7],
    ['run-as-non-root', 11, 25],
    ['run-as-non-root', 18, 7],
  ]);
  // "inherits" runs as the pod's 10001; "root" still sets UID 0, and q sets no user at all.
  assert.equal(positions(lintOne('run-as-non-root', pod, { acceptNonZeroUser: true })), [
    ['run-as-non-root', 11, 7],
    ['run-as-non-root', 11, 25],
    ['run-as-non-root', 18, 7],
  ]);
});

test.run();
