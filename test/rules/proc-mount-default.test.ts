import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const userNamespacedUnmasked = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    hostUsers: false
    containers:
      - name: a
        image: nginx:1.25
        securityContext:
          procMount: Unmasked
`;

test('valid: procMount absent, null or Default', () => {
  assert.equal(
    lintOne('proc-mount-default', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
          - name: b
            image: nginx:1.25
            securityContext:
              procMount: Default
          - name: c
            image: nginx:1.25
            securityContext:
              procMount: null
    `),
    [],
  );
});

test('valid: baseline allows any procMount in a user namespace (hostUsers: false) from 1.35', () => {
  assert.equal(lintOne('proc-mount-default', userNamespacedUnmasked), []);
  assert.equal(lintOne('proc-mount-default', userNamespacedUnmasked, { level: 'baseline' }, { kubernetesVersion: '1.35' }), []);
});

test('valid: malformed securityContext does not crash', () => {
  assert.equal(
    lintOne('proc-mount-default', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            securityContext: [procMount, Unmasked]
    `),
    [],
  );
});

test('invalid: Unmasked in a container and an empty string in an init container', () => {
  const findings = lintOne('proc-mount-default', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      hostUsers: true
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            procMount: ""
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            procMount: Unmasked
  `);
  assert.equal(positions(findings), [
    ['proc-mount-default', 10, 9],
    ['proc-mount-default', 15, 9],
  ]);
  assert.match(findings[0].message, 'Init container "init" sets procMount to ""');
  assert.match(findings[1].message, 'hostUsers: false');
});

test('invalid: hostUsers false does not relax the check before 1.35', () => {
  const findings = lintOne('proc-mount-default', userNamespacedUnmasked, undefined, { kubernetesVersion: '1.34' });
  assert.equal(positions(findings), [['proc-mount-default', 10, 9]]);
  assert.not.match(findings[0].message, 'hostUsers');
});

test('invalid: level restricted (procMount_restricted) never relaxes, in a StatefulSet ephemeral container', () => {
  assert.equal(positions(lintOne('proc-mount-default', userNamespacedUnmasked, { level: 'restricted' })), [['proc-mount-default', 10, 9]]);
  const findings = lintOne(
    'proc-mount-default',
    yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: s}
      spec:
        serviceName: s
        selector: {matchLabels: {app: s}}
        template:
          metadata: {labels: {app: s}}
          spec:
            hostUsers: false
            containers:
              - name: a
                image: nginx:1.25
            ephemeralContainers:
              - name: debug
                image: busybox:1.36
                securityContext: {procMount: Unmasked}
    `,
    { level: 'restricted' },
  );
  assert.equal(positions(findings), [['proc-mount-default', 17, 29]]);
  assert.match(findings[0].message, 'Ephemeral container "debug"');
});

test.run();
