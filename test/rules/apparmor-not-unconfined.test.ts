import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

test('valid: RuntimeDefault and Localhost profiles, at pod and container level', () => {
  assert.equal(
    lintOne('apparmor-not-unconfined', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          appArmorProfile: {type: RuntimeDefault}
        containers:
          - name: a
            image: nginx:1.25
            securityContext:
              appArmorProfile:
                type: Localhost
                localhostProfile: k8s-nginx
          - name: b
            image: nginx:1.25
            securityContext:
              appArmorProfile: null
    `),
    [],
  );
});

test('valid: allowed annotation values, and annotations outside the pod template', () => {
  assert.equal(
    lintOne('apparmor-not-unconfined', yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: d
        annotations:
          # The Deployment's own metadata is not the pod's: PSS reads the template.
          container.apparmor.security.beta.kubernetes.io/a: unconfined
      spec:
        template:
          metadata:
            annotations:
              container.apparmor.security.beta.kubernetes.io/a: runtime/default
              container.apparmor.security.beta.kubernetes.io/b: localhost/k8s-nginx
              container.apparmor.security.beta.kubernetes.io/c: ""
              apparmor.example.com/unrelated: unconfined
          spec:
            containers:
              - name: a
                image: nginx:1.25
    `),
    [],
  );
});

test('valid: malformed values do not crash', () => {
  assert.equal(
    lintOne('apparmor-not-unconfined', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations: [container.apparmor.security.beta.kubernetes.io/a]
      spec:
        securityContext: RuntimeDefault
        containers:
          - name: a
            image: nginx:1.25
            securityContext: {appArmorProfile: {type: RuntimeDefault, extra: [1]}}
    `),
    [],
  );
});

test('invalid: Unconfined at pod level and container level', () => {
  const findings = lintOne('apparmor-not-unconfined', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext:
        appArmorProfile:
          type: Unconfined
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            appArmorProfile: {type: Unconfined}
      containers:
        - name: a
          image: nginx:1.25
  `);
  assert.equal(positions(findings), [
    ['apparmor-not-unconfined', 7, 7],
    ['apparmor-not-unconfined', 12, 27],
  ]);
  assert.match(findings[0].message, 'The pod sets appArmorProfile.type to "Unconfined"');
  assert.match(findings[1].message, 'Init container "init"');
});

test('invalid: a profile without a type is reported at appArmorProfile (the type is missing)', () => {
  const findings = lintOne('apparmor-not-unconfined', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            appArmorProfile: {}
  `);
  assert.equal(positions(findings), [['apparmor-not-unconfined', 9, 9]]);
  assert.match(findings[0].message, 'without a type');
});

test('invalid: the legacy annotation on a Deployment pod template, any container name, null is empty', () => {
  const findings = lintOne('apparmor-not-unconfined', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        metadata:
          annotations:
            container.apparmor.security.beta.kubernetes.io/a: unconfined
            container.apparmor.security.beta.kubernetes.io/ghost: runtime/unknown
            container.apparmor.security.beta.kubernetes.io/b: null
        spec:
          containers:
            - name: a
              image: nginx:1.25
  `);
  assert.equal(positions(findings), [
    ['apparmor-not-unconfined', 8, 9],
    ['apparmor-not-unconfined', 9, 9],
  ]);
  assert.match(findings[0].message, 'container "a" is "unconfined"');
  assert.is(findings[0].path, 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]');
});

test('invalid: Unconfined in an ephemeral container of a CronJob', () => {
  const findings = lintOne('apparmor-not-unconfined', yaml`
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
                - name: a
                  image: busybox:1.36
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  securityContext:
                    appArmorProfile:
                      type: Unconfined
  `);
  assert.equal(positions(findings), [['apparmor-not-unconfined', 19, 19]]);
});

test.run();
