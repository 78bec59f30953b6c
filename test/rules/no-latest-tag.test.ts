import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'no-latest-tag';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

test('valid: version tags, digests (with or without latest), registries with ports', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - {name: a, image: "busybox:1.36"}
        containers:
          - {name: b, image: "myacr.azurecr.io/team/app:2024.05.1"}
          - {name: c, image: "mcr.microsoft.com/azure-cli@${DIGEST}"}
          - {name: d, image: "nginx:latest@${DIGEST}"}
          - {name: e, image: "localhost:5000/app:v1"}
          - {name: f, image: "nginx:Latest"}
          - {name: g, image: "nginx:latest-alpine"}
    `),
    [],
  );
});

test('valid: templates, empty and non-string images are left to the schema rule', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - {name: a, image: "{{ .Values.image }}"}
          - {name: b, image: "app:$(TAG)"}
          - {name: c, image: ""}
          - {name: d, image: 42}
          - {name: e}
    `),
    [],
  );
});

test('invalid: no tag, or latest, in every container list', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: app
          image: docker.io/library/nginx:latest
        - name: registry-port
          image: localhost:5000/app
      ephemeralContainers:
        - name: debug
          image: mcr.microsoft.com/cbl-mariner/busybox:latest
  `);
  assert.equal(positions(findings), [
    [RULE, 7, 7],
    [RULE, 10, 7],
    [RULE, 12, 7],
    [RULE, 15, 7],
  ]);
  assert.is(findings[0].severity, 'error');
  assert.match(findings[0].message, /Init container "init" uses image "busybox" without a tag, which means latest/);
  assert.match(findings[1].message, /Container "app" uses the latest tag of "docker\.io\/library\/nginx"/);
  assert.match(findings[2].message, /"localhost:5000\/app" without a tag/);
});

test('invalid: Deployment and CronJob', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          containers: [{name: app, image: "bitnami/redis:latest"}]
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
              containers: [{name: job, image: "myacr.azurecr.io/jobs/cleanup"}]
  `);
  assert.equal(positions(findings), [
    [RULE, 7, 32],
    [RULE, 19, 36],
  ]);
});

test.run();
