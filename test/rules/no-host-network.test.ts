import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

test('valid: hostNetwork absent, false, no or null', () => {
  for (const value of ['false', 'no', 'null']) {
    assert.equal(
      lintOne('no-host-network', yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostNetwork: ${value}
          containers:
            - name: a
              image: nginx:1.25
      `),
      [],
      value,
    );
  }
  assert.equal(
    lintOne('no-host-network', yaml`
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
    lintOne('no-host-network', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        hostNetwork: "true"
        containers:
          - name: a
            image: nginx:1.25
    `),
    [],
  );
  assert.equal(
    lintOne('no-host-network', yaml`
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
    lintOne('no-host-network', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        hostPID: true
        hostIPC: true
        containers:
          - name: a
            image: nginx:1.25
    `),
    [],
  );
});

test('invalid: hostNetwork true in a Pod', () => {
  const findings = lintOne('no-host-network', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
      hostNetwork: true
  `);
  assert.equal(positions(findings), [['no-host-network', 8, 3]]);
  assert.is(findings[0].path, 'spec.hostNetwork');
});

test('invalid: hostNetwork yes in a Deployment', () => {
  const findings = lintOne('no-host-network', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          hostNetwork: yes
          containers:
            - name: a
              image: nginx:1.25
  `);
  assert.equal(positions(findings), [['no-host-network', 7, 7]]);
  assert.is(findings[0].path, 'spec.template.spec.hostNetwork');
});

test('invalid: hostNetwork true in a CronJob', () => {
  const findings = lintOne('no-host-network', yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "0 * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              hostNetwork: true
              restartPolicy: Never
              containers:
                - name: a
                  image: busybox:1.36
  `);
  assert.equal(positions(findings), [['no-host-network', 10, 11]]);
});

test.run();
