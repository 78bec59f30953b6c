import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-windows-container-administrator';

const pod = (podContext: string, containerContext: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: win}
  spec:
    os: {name: windows}
    securityContext: ${podContext}
    containers:
      - name: app
        image: mcr.microsoft.com/windows/servercore:ltsc2022
        securityContext: ${containerContext}
`;

test('valid: ContainerUser, no windowsOptions, a container overriding a pod-level ContainerAdministrator', () => {
  assert.equal(lintOne(rule, pod('{windowsOptions: {runAsUserName: ContainerUser}}', '{}')), []);
  assert.equal(lintOne(rule, pod('{}', '{}')), []);
  assert.equal(lintOne(rule, pod('{windowsOptions: {runAsUserName: ContainerAdministrator}}', '{windowsOptions: {runAsUserName: ContainerUser}}')), []);
});

test('invalid: pod level, at runAsUserName', () => {
  const findings = lintOne(rule, pod('{windowsOptions: {runAsUserName: ContainerAdministrator}}', '{}'));
  assert.equal(positions(findings), [[rule, 6, 38]]);
  assert.is(findings[0].message, 'Pod "win" runs its containers as ContainerAdministrator: set runAsUserName to ContainerUser (or a non-administrator account).');
});

test('invalid: container level, in any letter case (Windows account names ignore case)', () => {
  const findings = lintOne(rule, pod('{}', '{windowsOptions: {runAsUserName: containeradministrator}}'));
  assert.equal(positions(findings), [[rule, 10, 42]]);
  assert.is(findings[0].message, 'Container "app" runs as containeradministrator: set runAsUserName to ContainerUser (or a non-administrator account).');
});

test('invalid: an init container of a Deployment template', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          initContainers:
            - name: setup
              image: app:1.0
              securityContext:
                windowsOptions:
                  runAsUserName: ContainerAdministrator
          containers: [{name: web, image: app:1.0}]
  `);
  assert.equal(positions(findings), [[rule, 14, 15]]);
});

test('valid: malformed windowsOptions do not crash', () => {
  assert.equal(lintOne(rule, pod('{windowsOptions: ContainerAdministrator}', '{windowsOptions: {runAsUserName: [ContainerAdministrator]}}')), []);
});

test.run();
