import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const engineType = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
      - name: a
        image: nginx:1.25
        securityContext:
          seLinuxOptions:
            type: container_engine_t
`;

test('valid: the container types, an empty map, a level, null fields', () => {
  assert.equal(
    lintOne('selinux-options', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          seLinuxOptions: {}
        containers:
          - name: a
            image: nginx:1.25
            securityContext:
              seLinuxOptions: {type: container_t, level: "s0:c123,c456"}
          - name: b
            image: nginx:1.25
            securityContext:
              seLinuxOptions: {type: container_init_t, user: "", role: null}
          - name: c
            image: nginx:1.25
            securityContext:
              seLinuxOptions: {type: container_kvm_t}
          - name: d
            image: nginx:1.25
            securityContext:
              seLinuxOptions: {type: null}
    `),
    [],
  );
});

test('valid: container_engine_t from Kubernetes 1.31 (and by default, the newest version)', () => {
  assert.equal(lintOne('selinux-options', engineType), []);
  assert.equal(lintOne('selinux-options', engineType, undefined, { kubernetesVersion: '1.31' }), []);
});

test('valid: malformed options do not crash', () => {
  assert.equal(
    lintOne('selinux-options', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext: {seLinuxOptions: spc_t}
        containers:
          - name: a
            image: nginx:1.25
            securityContext: {seLinuxOptions: [type, spc_t]}
    `),
    [],
  );
});

test('invalid: container_engine_t before 1.31', () => {
  const findings = lintOne('selinux-options', engineType, undefined, { kubernetesVersion: '1.30' });
  assert.equal(positions(findings), [['selinux-options', 10, 11]]);
  assert.not.match(findings[0].message, 'container_engine_t,');
});

test('invalid: pod-level type, user and role, each at its own key', () => {
  const findings = lintOne('selinux-options', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext:
        seLinuxOptions:
          type: spc_t
          user: system_u
          role: system_r
      containers:
        - name: a
          image: nginx:1.25
  `);
  assert.equal(positions(findings), [
    ['selinux-options', 7, 7],
    ['selinux-options', 8, 7],
    ['selinux-options', 9, 7],
  ]);
  assert.match(findings[0].message, 'The pod sets SELinux type "spc_t"');
  assert.match(findings[1].message, 'SELinux user "system_u"');
  assert.match(findings[2].message, 'SELinux role "system_r"');
});

test('invalid: init and ephemeral containers of a Job', () => {
  const findings = lintOne('selinux-options', yaml`
    apiVersion: batch/v1
    kind: Job
    metadata: {name: j}
    spec:
      template:
        spec:
          restartPolicy: Never
          initContainers:
            - name: init
              image: busybox:1.36
              securityContext:
                seLinuxOptions: {type: unconfined_t}
          containers:
            - name: a
              image: busybox:1.36
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                seLinuxOptions:
                  user: sysadm_u
  `);
  assert.equal(positions(findings), [
    ['selinux-options', 12, 30],
    ['selinux-options', 21, 15],
  ]);
  assert.match(findings[0].message, 'Init container "init"');
  assert.match(findings[1].message, 'Ephemeral container "debug"');
});

test.run();
