import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'env-duplicates';

test('valid: distinct names, same name in different containers, case differences, envFrom overlap', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - name: init
            image: busybox:1.36
            env: [{name: MODE, value: a}]
        containers:
          - name: app
            image: app:1.0
            env:
              - {name: MODE, value: b}
              - {name: mode, value: c}
              - {name: LEVEL, valueFrom: {configMapKeyRef: {name: cfg, key: level}}}
            envFrom:
              - configMapRef: {name: cfg}
    `),
    [],
  );
});

test('valid: malformed env entries do not crash', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: app:1.0
            env: [null, {value: x}, {value: y}, {name: 1}, {name: 1}, "A=B", "A=B"]
          - name: b
            image: app:1.0
            env: {A: 1}
    `),
    [],
  );
});

test('invalid: the later duplicate is reported at its name, naming the earlier index', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: app:1.0
          env:
            - name: MODE
              value: a
            - name: LEVEL
              value: debug
            - name: MODE
              valueFrom: {configMapKeyRef: {name: cfg, key: mode}}
            - name: MODE
              value: c
  `);
  assert.equal(positions(findings), [
    [RULE, 13, 11],
    [RULE, 15, 11],
  ]);
  assert.is(findings[0].severity, 'warning');
  assert.match(findings[0].message, /Container "app" sets env "MODE" again \(first at env\[0\]\)/);
  assert.match(findings[1].message, /first at env\[0\]/);
});

test('invalid: Deployment init container and CronJob container', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          initContainers:
            - name: migrate
              image: app:1.0
              env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: A, value: "3"}]
          containers: [{name: app, image: "app:1.0"}]
    ---
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
                - name: job
                  image: app:1.0
                  env:
                    - {name: X, value: "1"}
                    - {name: X, value: "1"}
  `);
  assert.equal(positions(findings), [
    [RULE, 10, 64],
    [RULE, 28, 20],
  ]);
  assert.match(findings[0].message, /Init container "migrate" sets env "A" again \(first at env\[0\]\)/);
  assert.match(findings[1].message, /Container "job" sets env "X" again/);
});

test.run();
