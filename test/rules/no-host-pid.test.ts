import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

test('valid: hostPID absent, false, no or null', () => {
  for (const value of ['false', 'no', 'null']) {
    assert.equal(
      lintOne('no-host-pid', yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostPID: ${value}
          containers:
            - name: a
              image: nginx:1.25
      `),
      [],
      value,
    );
  }
  assert.equal(
    lintOne('no-host-pid', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
    `),
    [],
  );
});

test('valid: a string "true" is a schema error, and malformed specs do not crash', () => {
  assert.equal(
    lintOne('no-host-pid', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        hostPID: "true"
        containers:
          - name: a
            image: nginx:1.25
    `),
    [],
  );
  assert.equal(
    lintOne('no-host-pid', yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template: just-a-string
    `),
    [],
  );
});

test('valid: the other host namespaces belong to the other rules', () => {
  assert.equal(
    lintOne('no-host-pid', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        hostNetwork: true
        hostIPC: true
        containers:
          - name: a
            image: nginx:1.25
    `),
    [],
  );
});

test('invalid: hostPID true in a Pod', () => {
  const findings = lintOne('no-host-pid', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
      hostPID: true
  `);
  assert.equal(positions(findings), [['no-host-pid', 8, 3]]);
  assert.is(findings[0].path, 'spec.hostPID');
});

test('invalid: hostPID yes in a Deployment', () => {
  const findings = lintOne('no-host-pid', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          hostPID: yes
          containers:
            - name: a
              image: nginx:1.25
  `);
  assert.equal(positions(findings), [['no-host-pid', 7, 7]]);
  assert.is(findings[0].path, 'spec.template.spec.hostPID');
});

test('invalid: hostPID true in a CronJob', () => {
  const findings = lintOne('no-host-pid', yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "0 * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              hostPID: true
              restartPolicy: Never
              containers:
                - name: a
                  image: busybox:1.36
  `);
  assert.equal(positions(findings), [['no-host-pid', 10, 11]]);
});

test('invalid: a known workload kind without containers (a patch target) is still judged; an unknown kind is not', () => {
  const findings = lintOne('no-host-pid', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: patch}
    spec:
      template:
        spec:
          hostPID: true
    ---
    apiVersion: example.com/v1
    kind: Widget
    metadata: {name: w}
    spec:
      template:
        spec:
          hostPID: true
    ---
    apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata: {name: dc}
    spec:
      template:
        spec:
          hostPID: true
  `);
  assert.equal(positions(findings), [['no-host-pid', 7, 7], ['no-host-pid', 23, 7]]);
});

test.run();
