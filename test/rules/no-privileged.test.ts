import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

test('valid: no securityContext, privileged false, null', () => {
  assert.equal(
    lintOne('no-privileged', yaml`
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
              privileged: false
          - name: c
            image: nginx:1.25
            securityContext:
              privileged: null
    `),
    [],
  );
});

test('valid: a quoted "true" is a schema error, not a privileged container', () => {
  assert.equal(
    lintOne('no-privileged', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            securityContext:
              privileged: "true"
    `),
    [],
  );
});

test('valid: objects without a pod spec and malformed specs do not crash', () => {
  assert.equal(
    lintOne('no-privileged', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - just-a-string
          - name: a
            securityContext: privileged
          - null
    `),
    [],
  );
  assert.equal(
    lintOne('no-privileged', yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
      data:
        privileged: "true"
    `),
    [],
  );
});

test('invalid: privileged true in a Pod', () => {
  const findings = lintOne('no-privileged', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            privileged: true
  `);
  assert.equal(positions(findings), [['no-privileged', 9, 9]]);
  assert.match(findings[0].message, 'Container "a"');
  assert.is(findings[0].path, 'spec.containers[0].securityContext.privileged');
});

test('invalid: YAML 1.1 `yes` is true, in every container list of a Deployment', () => {
  const findings = lintOne('no-privileged', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
              securityContext: {privileged: yes}
          containers:
            - name: app
              image: nginx:1.25
              securityContext:
                privileged: on
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                privileged: true
  `);
  assert.equal(positions(findings), [
    ['no-privileged', 10, 29],
    ['no-privileged', 15, 13],
    ['no-privileged', 20, 13],
  ]);
  assert.match(findings[0].message, 'Init container "init"');
  assert.match(findings[2].message, 'Ephemeral container "debug"');
});

test('invalid: CronJob job template', () => {
  const findings = lintOne('no-privileged', yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "* * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - image: busybox:1.36
                  securityContext:
                    privileged: true
  `);
  assert.equal(positions(findings), [['no-privileged', 14, 17]]);
  assert.match(findings[0].message, 'Container #1');
});

test.run();
