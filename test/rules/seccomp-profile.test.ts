import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const REQUIRE = { require: true };

const noProfile = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    initContainers:
      - name: init
        image: busybox:1.36
    containers:
      - name: a
        image: nginx:1.25
        securityContext:
          runAsNonRoot: true
`;

const windowsUnconfined = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    os: {name: windows}
    securityContext:
      seccompProfile: {type: Unconfined}
    containers:
      - name: a
        image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`;

test('valid: baseline (default) accepts a pod without any seccomp profile', () => {
  assert.equal(lintOne('seccomp-profile', noProfile), []);
  assert.equal(lintOne('seccomp-profile', noProfile, { require: false }), []);
});

test('valid: RuntimeDefault and Localhost, at pod or container level, with require', () => {
  assert.equal(
    lintOne(
      'seccomp-profile',
      yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext:
            seccompProfile: {type: RuntimeDefault}
          containers:
            - name: a
              image: nginx:1.25
            - name: b
              image: nginx:1.25
              securityContext:
                seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}
      `,
      REQUIRE,
    ),
    [],
  );
  assert.equal(
    lintOne(
      'seccomp-profile',
      yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: a
              image: nginx:1.25
              securityContext:
                seccompProfile: {type: RuntimeDefault}
          initContainers:
            - name: init
              image: busybox:1.36
              securityContext:
                seccompProfile: {type: Localhost, localhostProfile: init.json}
      `,
      REQUIRE,
    ),
    [],
  );
});

test('valid: with require, Windows pods are exempt from 1.25 whatever they set', () => {
  assert.equal(lintOne('seccomp-profile', windowsUnconfined, REQUIRE), []);
  assert.equal(lintOne('seccomp-profile', windowsUnconfined, REQUIRE, { kubernetesVersion: '1.25' }), []);
});

test('valid: before 1.19 the field is not checked, only the alpha annotations; their allowed values', () => {
  assert.equal(lintOne('seccomp-profile', windowsUnconfined, REQUIRE, { kubernetesVersion: '1.18' }), []);
  assert.equal(lintOne('seccomp-profile', noProfile, REQUIRE, { kubernetesVersion: '1.18' }), []);
  assert.equal(
    lintOne(
      'seccomp-profile',
      yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: docker/default
            container.seccomp.security.alpha.kubernetes.io/a: runtime/default
            container.seccomp.security.alpha.kubernetes.io/b: localhost/profile.json
            container.seccomp.security.alpha.kubernetes.io/not-a-container: unconfined
        spec:
          containers:
            - name: a
              image: nginx:1.25
            - name: b
              image: nginx:1.25
      `,
      undefined,
      { kubernetesVersion: '1.18' },
    ),
    [],
  );
});

test('valid: malformed values do not crash', () => {
  assert.equal(
    lintOne(
      'seccomp-profile',
      yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, annotations: []}
        spec:
          securityContext: [seccompProfile]
          containers:
            - name: a
              image: nginx:1.25
              securityContext: {seccompProfile: {type: RuntimeDefault, extra: {}}}
      `,
      REQUIRE,
    ),
    [],
  );
});

test('invalid: baseline flags Unconfined at pod and container level, even on Windows pods', () => {
  const findings = lintOne('seccomp-profile', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext:
        seccompProfile:
          type: Unconfined
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            seccompProfile: {type: Unconfined}
  `);
  assert.equal(positions(findings), [
    ['seccomp-profile', 7, 7],
    ['seccomp-profile', 12, 26],
  ]);
  assert.match(findings[0].message, 'The pod sets seccompProfile.type to "Unconfined"');
  assert.match(findings[1].message, 'Container "a"');
  assert.equal(findings[0].fix, undefined);
  assert.equal(positions(lintOne('seccomp-profile', windowsUnconfined)), [['seccomp-profile', 7, 22]]);
});

test('invalid: a profile without a type is reported at seccompProfile', () => {
  const findings = lintOne('seccomp-profile', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            seccompProfile: {}
  `);
  assert.equal(positions(findings), [['seccomp-profile', 9, 9]]);
  assert.match(findings[0].message, 'without a type');
});

test('invalid: with require, each container without a profile when the pod has none, with a pod-level fix', () => {
  const findings = lintOne('seccomp-profile', noProfile, REQUIRE);
  assert.equal(positions(findings), [
    ['seccomp-profile', 6, 7],
    ['seccomp-profile', 11, 7],
  ]);
  assert.match(findings[0].message, 'Init container "init" runs without a seccomp profile');
  const fix = [{ op: 'set', path: ['spec', 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }];
  assert.equal(findings[0].fix, fix);
  assert.equal(findings[1].fix, fix);
});

test('invalid: with require, an Unconfined pod profile is reported once, not again for each inheriting container', () => {
  const findings = lintOne(
    'seccomp-profile',
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          seccompProfile: {type: Unconfined}
        containers:
          - name: a
            image: nginx:1.25
          - name: b
            image: nginx:1.25
            securityContext:
              seccompProfile: {type: RuntimeDefault}
    `,
    REQUIRE,
  );
  assert.equal(positions(findings), [['seccomp-profile', 6, 22]]);
});

test('invalid: with require, Windows pods are not exempt before 1.25', () => {
  const findings = lintOne('seccomp-profile', windowsUnconfined, REQUIRE, { kubernetesVersion: '1.24' });
  assert.equal(positions(findings), [['seccomp-profile', 7, 22]]);
});

test('invalid: with require in a Deployment, the fix targets the template pod spec', () => {
  const findings = lintOne(
    'seccomp-profile',
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            securityContext:
              runAsNonRoot: true
            containers:
              - name: a
                image: nginx:1.25
                securityContext:
                  seccompProfile: {type: RuntimeDefault}
            ephemeralContainers:
              - name: debug
                image: busybox:1.36
    `,
    REQUIRE,
  );
  assert.equal(positions(findings), [['seccomp-profile', 15, 11]]);
  assert.match(findings[0].message, 'Ephemeral container "debug"');
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'template', 'spec', 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }]);
});

test('invalid: before 1.19, forbidden alpha annotations for the pod and for a named container', () => {
  const findings = lintOne(
    'seccomp-profile',
    yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations:
          seccomp.security.alpha.kubernetes.io/pod: ""
          container.seccomp.security.alpha.kubernetes.io/a: unconfined
      spec:
        containers:
          - name: a
            image: nginx:1.25
    `,
    REQUIRE,
    { kubernetesVersion: '1.18' },
  );
  assert.equal(positions(findings), [
    ['seccomp-profile', 6, 5],
    ['seccomp-profile', 7, 5],
  ]);
  assert.match(findings[0].message, 'the pod is ""');
  assert.match(findings[1].message, 'container "a" is "unconfined"');
});

// Issue 16: Knative's default feature flags reject a pod-level securityContext, so the fix goes on each container.
test('invalid: a Knative Service without a profile gets container-level fixes, never a pod-level securityContext', () => {
  const findings = lintOne(
    'seccomp-profile',
    yaml`
      apiVersion: serving.knative.dev/v1
      kind: Service
      metadata: {name: hello}
      spec:
        template:
          spec:
            containers:
              - name: user
                image: example.com/hello:1.0
              - name: sidecar
                image: example.com/sidecar:1.0
                securityContext: {runAsNonRoot: true}
    `,
    REQUIRE,
  );
  assert.equal(positions(findings), [
    ['seccomp-profile', 8, 11],
    ['seccomp-profile', 12, 11],
  ]);
  assert.equal(
    findings.map((finding) => finding.fix),
    [
      [{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }],
      [{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }],
    ],
  );
});

test.run();
