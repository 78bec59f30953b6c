import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'no-dangerous-capabilities';

test('valid: drop ALL, add only harmless capabilities', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: nginx:1.25
            securityContext:
              capabilities:
                drop: [ALL]
                add: [NET_BIND_SERVICE, CHOWN]
    `),
    [],
  );
});

test('valid: dropping NET_RAW alone, or with the CAP_ prefix and lower case, is enough', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            initContainers:
              - name: init
                image: busybox:1.36
                securityContext:
                  capabilities: {drop: [NET_RAW]}
            containers:
              - name: a
                image: nginx:1.25
                securityContext:
                  capabilities: {drop: [cap_net_raw]}
              - name: b
                image: nginx:1.25
                securityContext:
                  capabilities: {drop: [all]}
    `),
    [],
  );
});

test('valid: Windows pods are exempt from the NET_RAW drop', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        os: {name: windows}
        containers:
          - name: app
            image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    `),
    [],
  );
});

test('valid: malformed capabilities do not crash', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: nginx:1.25
            securityContext:
              capabilities:
                add: [null, 3, {SYS_ADMIN: true}]
                drop: [ALL]
          - name: b
            image: nginx:1.25
            securityContext:
              capabilities:
                add: SYS_ADMIN
                drop: [ALL]
    `),
    [],
  );
});

test('invalid: every dangerous capability, with CAP_ prefix and lower case, at the item in add', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: nginx:1.25
          securityContext:
            capabilities:
              drop: [ALL]
              add:
                - SYS_ADMIN
                - CAP_NET_ADMIN
                - sys_ptrace
                - Cap_Sys_Module
                - DAC_READ_SEARCH
                - BPF
                - CHOWN
  `);
  assert.equal(positions(findings), [
    [RULE, 12, 15],
    [RULE, 13, 15],
    [RULE, 14, 15],
    [RULE, 15, 15],
    [RULE, 16, 15],
    [RULE, 17, 15],
  ]);
  assert.ok(findings.every((finding) => finding.severity === 'error'));
  assert.match(findings[1].message, /adds capability NET_ADMIN/);
  assert.match(findings[3].message, /adds capability SYS_MODULE/);
});

test('invalid: adding ALL or NET_RAW is one error, without a second NET_RAW warning', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext:
            capabilities:
              add: [ALL]
        - name: b
          image: nginx:1.25
          securityContext:
            capabilities:
              add: [NET_RAW]
  `);
  assert.equal(positions(findings), [
    [RULE, 10, 17],
    [RULE, 15, 17],
  ]);
  assert.ok(findings.every((finding) => finding.severity === 'error'));
});

test('invalid: NET_RAW not dropped is a warning at drop (or its nearest parent), per container list', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@hourly"
      jobTemplate:
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: busybox:1.36
                  securityContext:
                    capabilities:
                      drop: [CHOWN]
              containers:
                - name: job
                  image: busybox:1.36
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  securityContext: {privileged: false}
  `);
  assert.equal(positions(findings), [
    [RULE, 15, 19],
    [RULE, 17, 15],
    [RULE, 22, 15],
  ]);
  assert.ok(findings.every((finding) => finding.severity === 'warning'));
  assert.match(findings[0].message, /Init container "init" keeps the default NET_RAW capability/);
});

test('invalid: Windows pods are still reported for adding a dangerous capability', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      os: {name: windows}
      containers:
        - name: app
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022
          securityContext:
            capabilities: {add: [SYS_ADMIN]}
  `);
  assert.equal(positions(findings), [[RULE, 10, 30]]);
});

test.run();
