import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'image-digest';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

test('valid: images pinned by digest, with or without a tag; unparseable images', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            initContainers:
              - {name: a, image: "busybox@${DIGEST}"}
            containers:
              - {name: b, image: "myacr.azurecr.io/team/app:1.4.2@${DIGEST}"}
              - {name: c, image: "localhost:5000/app@${DIGEST}"}
              - {name: d, image: "{{ .Values.image }}"}
              - {name: e, image: null}
    `),
    [],
  );
});

test('invalid: tags and missing tags are reported at the image, as info', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: nginx
      ephemeralContainers:
        - name: debug
          image: myacr.azurecr.io/tools/debug:v3
  `);
  assert.equal(positions(findings), [
    [RULE, 7, 7],
    [RULE, 10, 7],
    [RULE, 13, 7],
  ]);
  assert.is(findings[0].severity, 'info');
  assert.match(findings[0].message, /Init container "init" uses image "busybox:1\.36" by tag, not by digest: pin it as "busybox:1\.36@sha256:…"/);
  assert.is(findings[1].message, 'Container "app" uses image "nginx" without a tag or digest: pin it as "nginx:<tag>@sha256:…".');
});

test('invalid: a CronJob; a malformed digest makes the reference unparseable, so only valid ones count', () => {
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
              containers:
                - {name: job, image: "app:1.0"}
                - {name: bad, image: "app@sha256:123"}
  `);
  assert.equal(positions(findings), [[RULE, 12, 27]]);
});

test.run();
