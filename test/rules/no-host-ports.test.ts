import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

test('valid: container ports without hostPort, or hostPort 0', () => {
  assert.equal(
    lintOne('no-host-ports', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            ports:
              - containerPort: 80
              - containerPort: 443
                hostPort: 0
              - containerPort: 8080
                hostPort: null
    `),
    [],
  );
});

test('valid: malformed ports do not crash; a string hostPort is a schema error', () => {
  assert.equal(
    lintOne('no-host-ports', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            ports: 80
          - name: b
            image: nginx:1.25
            ports:
              - 80
              - containerPort: 81
                hostPort: "8081"
    `),
    [],
  );
});

test('invalid: each non-zero hostPort, in containers and init containers', () => {
  const findings = lintOne('no-host-ports', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
          ports:
            - {containerPort: 53, hostPort: 53, protocol: UDP}
      containers:
        - name: a
          image: nginx:1.25
          ports:
            - containerPort: 80
              hostPort: 8080
            - containerPort: 81
            - containerPort: 82
              hostPort: 8082
  `);
  assert.equal(positions(findings), [
    ['no-host-ports', 9, 31],
    ['no-host-ports', 15, 11],
    ['no-host-ports', 18, 11],
  ]);
  assert.match(findings[0].message, 'Init container "init" binds host port 53');
  assert.is(findings[2].path, 'spec.containers[0].ports[2].hostPort');
});

test('invalid: hostPort in an ephemeral container of a Deployment template', () => {
  const findings = lintOne('no-host-ports', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          containers:
            - name: a
              image: nginx:1.25
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              ports:
                - containerPort: 9000
                  hostPort: 9000
  `);
  assert.equal(positions(findings), [['no-host-ports', 15, 15]]);
  assert.match(findings[0].message, 'Ephemeral container "debug"');
});

test.run();
