import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'host-aliases';

test('valid: no hostAliases, an empty list, or null', () => {
  for (const value of ['', 'hostAliases: []', 'hostAliases: null']) {
    assert.equal(
      lintOne(RULE, yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          ${value}
          containers: [{name: app, image: "nginx:1.25"}]
      `),
      [],
      value,
    );
  }
});

test('valid: a hostAliases field outside a pod spec is not looked at', () => {
  assert.equal(lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: c}
    data: {hostAliases: "1.2.3.4 foo"}
  `), []);
});

test('invalid: hostAliases in a Pod, named in the message', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      hostAliases:
        - ip: 10.0.0.5
          hostnames: [myregistry.azurecr.io, login.microsoftonline.com]
      containers: [{name: app, image: "nginx:1.25"}]
  `);
  assert.equal(positions(findings), [[RULE, 5, 3]]);
  assert.is(findings[0].severity, 'info');
  assert.match(findings[0].message, /Pod "p" overrides name resolution with hostAliases \(myregistry\.azurecr\.io, login\.microsoftonline\.com\)/);
});

test('invalid: a Deployment and a CronJob; many hostnames are shortened; odd entries do not crash', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          hostAliases:
            - {ip: 10.0.0.1, hostnames: [a, b]}
            - {ip: 10.0.0.2, hostnames: [c, d]}
            - null
            - {ip: 10.0.0.3, hostnames: "e"}
          containers: [{name: app, image: "nginx:1.25"}]
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
              hostAliases: "not a list"
              containers: [{name: job, image: "busybox:1.36"}]
  `);
  assert.equal(positions(findings), [
    [RULE, 7, 7],
    [RULE, 24, 11],
  ]);
  assert.match(findings[0].message, /\(a, b, c, …\)/);
  assert.match(findings[1].message, /CronJob "c" overrides name resolution with hostAliases:/);
});

test.run();
