import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'image-pull-policy';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

test('valid: Always for tags, digests with any policy, and latest/no tag defaulting to Always', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - {name: a, image: "busybox:1.36", imagePullPolicy: Always}
        containers:
          - {name: b, image: "app@${DIGEST}", imagePullPolicy: IfNotPresent}
          - {name: c, image: "app:1.0@${DIGEST}"}
          - {name: d, image: "app"}
          - {name: e, image: "app:latest"}
          - {name: f, image: "{{ .Values.image }}", imagePullPolicy: IfNotPresent}
    `),
    [],
  );
});

test('invalid: a version tag without a policy (defaults to IfNotPresent) points at the container', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          containers:
            - name: app
              image: myacr.azurecr.io/app:1.4.2
  `);
  assert.equal(positions(findings), [[RULE, 8, 11]]);
  assert.is(findings[0].severity, 'info');
  assert.match(findings[0].message, /Container "app" pulls the mutable tag "myacr\.azurecr\.io\/app:1\.4\.2" only if not present/);
});

test('invalid: explicit IfNotPresent or Never, even for latest, at the policy', () => {
  const findings = lintOne(RULE, yaml`
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
              initContainers:
                - name: init
                  image: busybox:latest
                  imagePullPolicy: IfNotPresent
              containers:
                - name: job
                  image: app:2
                  imagePullPolicy: Never
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  imagePullPolicy: always
  `);
  assert.equal(positions(findings), [
    [RULE, 14, 15],
    [RULE, 18, 15],
    [RULE, 22, 15],
  ]);
  assert.match(findings[1].message, /with imagePullPolicy "Never": set it to Always/);
});

test.run();
