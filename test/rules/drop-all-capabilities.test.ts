import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const bare = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
      - name: a
        image: nginx:1.25
`;

const windowsBare = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    os: {name: windows}
    containers:
      - name: a
        image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`;

test('valid: drop ALL everywhere, add only NET_BIND_SERVICE', () => {
  assert.equal(
    lintOne('drop-all-capabilities', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - name: init
            image: busybox:1.36
            securityContext:
              capabilities: {drop: [ALL]}
        containers:
          - name: a
            image: nginx:1.25
            securityContext:
              capabilities:
                drop: [NET_RAW, ALL]
                add: [NET_BIND_SERVICE]
    `),
    [],
  );
});

test('valid: Windows pods are exempt from 1.25; the check starts at 1.22', () => {
  assert.equal(lintOne('drop-all-capabilities', windowsBare), []);
  assert.equal(lintOne('drop-all-capabilities', windowsBare, undefined, { kubernetesVersion: '1.25' }), []);
  assert.equal(lintOne('drop-all-capabilities', bare, undefined, { kubernetesVersion: '1.21' }), []);
});

test('invalid: no securityContext: reported at the container, fix sets drop [ALL]', () => {
  for (const version of ['1.22', undefined]) {
    const findings = lintOne('drop-all-capabilities', bare, undefined, { kubernetesVersion: version });
    assert.equal(positions(findings), [['drop-all-capabilities', 6, 7]]);
    assert.match(findings[0].message, 'Container "a" keeps the default capabilities');
    assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] }]);
  }
  assert.equal(positions(lintOne('drop-all-capabilities', windowsBare, undefined, { kubernetesVersion: '1.24' })), [['drop-all-capabilities', 7, 7]]);
});

test('invalid: drop without ALL keeps the existing list in the fix', () => {
  const findings = lintOne('drop-all-capabilities', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            capabilities:
              drop: [NET_RAW]
  `);
  assert.equal(positions(findings), [['drop-all-capabilities', 10, 11]]);
  assert.match(findings[0].message, 'does not drop ALL');
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['NET_RAW', 'ALL'] }]);
});

// Issue 12/16: `all` is ALL written in the wrong case; the fix corrects the item instead of appending [all, ALL].
test('invalid: lower-case all is reported at the item (names are case-sensitive) and its fix corrects the case', () => {
  const findings = lintOne('drop-all-capabilities', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            capabilities:
              drop: [NET_RAW, all]
        - name: b
          image: nginx:1.25
          securityContext:
            capabilities:
              drop:
                - "All"
  `);
  assert.equal(positions(findings), [
    ['drop-all-capabilities', 10, 27],
    ['drop-all-capabilities', 16, 15],
  ]);
  assert.match(findings[0].message, 'Container "a" drops "all" instead of "ALL": capability names are case-sensitive');
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop', 1], value: 'ALL' }]);
  assert.equal(findings[1].fix, [{ op: 'set', path: ['spec', 'containers', 1, 'securityContext', 'capabilities', 'drop', 0], value: 'ALL' }]);
});

test('invalid: added capabilities other than NET_BIND_SERVICE, each at its item', () => {
  const findings = lintOne('drop-all-capabilities', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            capabilities:
              drop: [ALL]
              add:
                - NET_BIND_SERVICE
                - CHOWN
                - SYS_ADMIN
  `);
  assert.equal(positions(findings), [
    ['drop-all-capabilities', 13, 15],
    ['drop-all-capabilities', 14, 15],
  ]);
  assert.match(findings[0].message, 'adds capability "CHOWN"');
  assert.equal(findings[0].fix, undefined);
});

test('invalid: malformed capabilities or drop are reported without a fix', () => {
  const findings = lintOne('drop-all-capabilities', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            capabilities: ALL
        - name: b
          image: nginx:1.25
          securityContext:
            capabilities:
              drop: ALL
  `);
  assert.equal(positions(findings), [
    ['drop-all-capabilities', 9, 9],
    ['drop-all-capabilities', 14, 11],
  ]);
  assert.equal(
    findings.map((finding) => finding.fix),
    [undefined, undefined],
  );
});

test('invalid: a Deployment sidecar init container; fix path includes the template', () => {
  const findings = lintOne('drop-all-capabilities', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          initContainers:
            - name: proxy
              image: envoy:1.30
              restartPolicy: Always
              securityContext:
                capabilities: {add: [NET_ADMIN]}
          containers:
            - name: a
              image: nginx:1.25
              securityContext:
                capabilities: {drop: [ALL]}
  `);
  assert.equal(positions(findings), [
    ['drop-all-capabilities', 12, 13],
    ['drop-all-capabilities', 12, 34],
  ]);
  assert.equal(findings[0].fix, [
    { op: 'set', path: ['spec', 'template', 'spec', 'initContainers', 0, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
  ]);
  assert.match(findings[1].message, 'Init container "proxy" adds capability "NET_ADMIN"');
});

test('allowedCapabilities replaces NET_BIND_SERVICE as what may be added back', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: app:1.0
          securityContext:
            capabilities:
              drop: [ALL]
              add: [NET_ADMIN, NET_BIND_SERVICE]
  `;
  assert.equal(positions(lintOne('drop-all-capabilities', pod)), [['drop-all-capabilities', 11, 17]]);
  const findings = lintOne('drop-all-capabilities', pod, { allowedCapabilities: ['NET_ADMIN'] });
  assert.equal(positions(findings), [['drop-all-capabilities', 11, 28]]);
  assert.match(findings[0].message, /NET_BIND_SERVICE"?; the allowed capabilities are NET_ADMIN/);
});

test.run();
