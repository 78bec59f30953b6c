import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const sysAdmin = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
      - name: a
        image: nginx:1.25
        securityContext:
          capabilities:
            add: [SYS_ADMIN]
`;

test('valid: every capability of the baseline allow-list, and drop lists', () => {
  assert.equal(
    lintOne('capabilities-baseline', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            securityContext:
              capabilities:
                add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]
                drop: [ALL, SYS_ADMIN]
          - name: b
            image: nginx:1.25
            securityContext:
              capabilities: {add: []}
    `),
    [],
  );
});

test('valid: malformed capabilities do not crash', () => {
  assert.equal(
    lintOne('capabilities-baseline', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            securityContext:
              capabilities: SYS_ADMIN
          - name: b
            image: nginx:1.25
            securityContext:
              capabilities:
                add: NET_ADMIN
    `),
    [],
  );
});

test('valid: at level restricted (1.22+) the check is left to drop-all-capabilities', () => {
  assert.equal(lintOne('capabilities-baseline', sysAdmin, { level: 'restricted' }), []);
  assert.equal(lintOne('capabilities-baseline', sysAdmin, { level: 'restricted' }, { kubernetesVersion: '1.22' }), []);
});

test('invalid: a capability outside the allow-list, at its list item', () => {
  const findings = lintOne('capabilities-baseline', sysAdmin);
  assert.equal(positions(findings), [['capabilities-baseline', 10, 17]]);
  assert.match(findings[0].message, 'Container "a" adds capability "SYS_ADMIN"');
});

test('invalid: before 1.22 the restricted level still runs the baseline check', () => {
  const findings = lintOne('capabilities-baseline', sysAdmin, { level: 'restricted' }, { kubernetesVersion: '1.21' });
  assert.equal(positions(findings), [['capabilities-baseline', 10, 17]]);
});

test('invalid: the match is exact (NET_RAW, CAP_ prefix, lower case, non-string) in every container list', () => {
  const findings = lintOne('capabilities-baseline', yaml`
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
                capabilities:
                  add:
                    - CAP_CHOWN
          containers:
            - name: app
              image: nginx:1.25
              securityContext:
                capabilities:
                  add:
                    - CHOWN
                    - NET_RAW
                    - chown
                    - 12
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                capabilities:
                  add: [SYS_PTRACE]
  `);
  assert.equal(positions(findings), [
    ['capabilities-baseline', 13, 19],
    ['capabilities-baseline', 21, 19],
    ['capabilities-baseline', 22, 19],
    ['capabilities-baseline', 23, 19],
    ['capabilities-baseline', 29, 21],
  ]);
  assert.match(findings[0].message, 'Init container "init" adds capability "CAP_CHOWN"');
  assert.match(findings[3].message, 'adds capability 12');
  assert.match(findings[4].message, 'Ephemeral container "debug"');
});

test('allowedCapabilities replaces the baseline list, at either level', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: app:1.0
          securityContext:
            capabilities:
              add: [NET_ADMIN, CHOWN]
  `;
  assert.equal(positions(lintOne('capabilities-baseline', pod)), [['capabilities-baseline', 10, 17]]);
  const findings = lintOne('capabilities-baseline', pod, { allowedCapabilities: ['NET_ADMIN'] });
  assert.equal(positions(findings), [['capabilities-baseline', 10, 28]]);
  assert.match(findings[0].message, /adds capability "?CHOWN"?; the allowed capabilities are NET_ADMIN/);
  assert.equal(positions(lintOne('capabilities-baseline', pod, { level: 'restricted', allowedCapabilities: [] })), [
    ['capabilities-baseline', 10, 17],
    ['capabilities-baseline', 10, 28],
  ]);
  assert.equal(lintOne('capabilities-baseline', pod, { allowedCapabilities: ['*'] }), []);
});

test.run();
