import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

test('valid: hostProcess absent, false or null; other windowsOptions', () => {
  assert.equal(
    lintOne('no-windows-host-process', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        os: {name: windows}
        securityContext:
          windowsOptions:
            hostProcess: false
            runAsUserName: ContainerUser
        containers:
          - name: a
            image: mcr.microsoft.com/windows/nanoserver:ltsc2022
            securityContext:
              windowsOptions: {hostProcess: null}
          - name: b
            image: mcr.microsoft.com/windows/nanoserver:ltsc2022
            securityContext:
              windowsOptions: {}
    `),
    [],
  );
});

test('valid: malformed windowsOptions do not crash', () => {
  assert.equal(
    lintOne('no-windows-host-process', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext: {windowsOptions: hostProcess}
        containers:
          - name: a
            image: mcr.microsoft.com/windows/nanoserver:ltsc2022
            securityContext: {windowsOptions: [hostProcess]}
    `),
    [],
  );
});

test('invalid: hostProcess true at pod level', () => {
  const findings = lintOne('no-windows-host-process', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
          runAsUserName: 'NT AUTHORITY\\SYSTEM'
      containers:
        - name: a
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022
  `);
  assert.equal(positions(findings), [['no-windows-host-process', 8, 7]]);
  assert.match(findings[0].message, 'The pod runs');
});

test('invalid: hostProcess true on containers of a DaemonSet (each container, every list)', () => {
  const findings = lintOne('no-windows-host-process', yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: ds}
    spec:
      selector: {matchLabels: {app: ds}}
      template:
        metadata: {labels: {app: ds}}
        spec:
          hostNetwork: true
          initContainers:
            - name: init
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext:
                windowsOptions: {hostProcess: true}
          containers:
            - name: agent
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext:
                windowsOptions:
                  hostProcess: yes
  `);
  assert.equal(positions(findings), [
    ['no-windows-host-process', 14, 30],
    ['no-windows-host-process', 20, 15],
  ]);
  assert.match(findings[0].message, 'Init container "init"');
  assert.match(findings[1].message, 'Container "agent"');
});

test.run();
