import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'secret-as-env';

test('valid: secrets mounted as files, ConfigMap references and literal env', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: app:1.0
            env:
              - {name: MODE, value: production}
              - name: LEVEL
                valueFrom: {configMapKeyRef: {name: cfg, key: level}}
              - name: POD
                valueFrom: {fieldRef: {fieldPath: metadata.name}}
            envFrom:
              - configMapRef: {name: cfg}
            volumeMounts:
              - {name: db, mountPath: /run/secrets/db, readOnly: true}
        volumes:
          - name: db
            secret: {secretName: db}
    `),
    [],
  );
});

test('valid: malformed env and envFrom do not crash', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: app:1.0
            env: [null, {name: A, valueFrom: null}, {name: B, valueFrom: {secretKeyRef: "db"}}]
            envFrom: {secretRef: {name: db}}
    `),
    [],
  );
});

test('invalid: secretKeyRef, at the reference, naming the Secret, key and variable', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: app:1.0
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: password
  `);
  assert.equal(positions(findings), [[RULE, 11, 13]]);
  assert.is(findings[0].severity, 'info');
  assert.match(findings[0].message, /Container "app" exposes Secret "db" key "password" as env "DB_PASSWORD"/);
});

test('invalid: envFrom secretRef, in init containers of a Deployment and a CronJob', () => {
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
              envFrom:
                - configMapRef: {name: cfg}
                - secretRef: {name: db}
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
                    - {name: TOKEN, valueFrom: {secretKeyRef: {name: api, key: token, optional: true}}}
                  envFrom:
                    - secretRef: {}
  `);
  assert.equal(positions(findings), [
    [RULE, 12, 15],
    [RULE, 29, 45],
    [RULE, 31, 19],
  ]);
  assert.match(findings[0].message, /Init container "migrate" exposes every key of Secret "db" as env through envFrom/);
  assert.match(findings[2].message, /Secret \(unnamed\)/);
});

test.run();
