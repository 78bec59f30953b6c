import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const windowsPod = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    os: {name: windows}
    containers:
      - name: a
        image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`;

test('valid: allowPrivilegeEscalation false on every container of every list', () => {
  assert.equal(
    lintOne('no-privilege-escalation', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - name: init
            image: busybox:1.36
            securityContext: {allowPrivilegeEscalation: false}
        containers:
          - name: a
            image: nginx:1.25
            securityContext:
              allowPrivilegeEscalation: no
        ephemeralContainers:
          - name: debug
            image: busybox:1.36
            securityContext: {allowPrivilegeEscalation: false}
    `),
    [],
  );
});

test('valid: Windows pods are exempt from 1.25; the check starts at 1.8', () => {
  assert.equal(lintOne('no-privilege-escalation', windowsPod), []);
  assert.equal(lintOne('no-privilege-escalation', windowsPod, undefined, { kubernetesVersion: '1.25' }), []);
  assert.equal(lintOne('no-privilege-escalation', windowsPod, undefined, { kubernetesVersion: '1.7' }), []);
});

test('invalid: Windows pods before 1.25, reported at the container (no securityContext) with a fix', () => {
  const findings = lintOne('no-privilege-escalation', windowsPod, undefined, { kubernetesVersion: '1.24' });
  assert.equal(positions(findings), [['no-privilege-escalation', 7, 7]]);
  assert.match(findings[0].message, 'Container "a" does not set allowPrivilegeEscalation');
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false }]);
});

test('invalid: missing, true, or a string; the fix fills in a missing value and corrects "false", never flips true', () => {
  const findings = lintOne('no-privilege-escalation', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            runAsNonRoot: true
        - name: b
          image: nginx:1.25
          securityContext:
            allowPrivilegeEscalation: true
        - name: c
          image: nginx:1.25
          securityContext:
            allowPrivilegeEscalation: "false"
  `);
  assert.equal(positions(findings), [
    ['no-privilege-escalation', 8, 7],
    ['no-privilege-escalation', 13, 9],
    ['no-privilege-escalation', 17, 9],
  ]);
  assert.match(findings[1].message, 'Container "b" sets allowPrivilegeEscalation to true');
  assert.match(findings[2].message, 'to "false"');
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false }]);
  assert.equal(findings[1].fix, undefined, 'an explicit true is the author\'s: reported, not flipped');
  assert.equal(findings[2].fix, [{ op: 'set', path: ['spec', 'containers', 2, 'securityContext', 'allowPrivilegeEscalation'], value: false }]);
});

test('invalid: no fix where false would be rejected (privileged, CAP_SYS_ADMIN) or the securityContext is malformed', () => {
  const findings = lintOne('no-privilege-escalation', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext: {privileged: true}
        - name: b
          image: nginx:1.25
          securityContext:
            capabilities: {add: [SYS_ADMIN]}
        - name: c
          image: nginx:1.25
          securityContext: restricted
  `);
  assert.equal(positions(findings), [
    ['no-privilege-escalation', 8, 7],
    ['no-privilege-escalation', 11, 7],
    ['no-privilege-escalation', 15, 7],
  ]);
  assert.equal(
    findings.map((finding) => finding.fix),
    [undefined, undefined, undefined],
  );
});

test('invalid: a Deployment init container; the fix path includes the template', () => {
  const findings = lintOne('no-privilege-escalation', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
          containers:
            - name: a
              image: nginx:1.25
              securityContext: {allowPrivilegeEscalation: false}
  `);
  assert.equal(positions(findings), [['no-privilege-escalation', 8, 11]]);
  assert.match(findings[0].message, 'Init container "init"');
  assert.equal(findings[0].fix, [
    { op: 'set', path: ['spec', 'template', 'spec', 'initContainers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false },
  ]);
});

test.run();
