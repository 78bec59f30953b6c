import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const probeHost = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
      - name: a
        image: nginx:1.25
        livenessProbe:
          httpGet:
            host: 169.254.169.254
            path: /metadata
            port: 80
`;

test('valid: probes and hooks without host, with an empty host, exec and grpc handlers', () => {
  assert.equal(
    lintOne('no-host-probes', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            livenessProbe:
              httpGet: {path: /healthz, port: 8080}
            readinessProbe:
              tcpSocket: {port: 8080, host: ""}
            startupProbe:
              grpc: {port: 9090}
            lifecycle:
              preStop:
                exec: {command: [sleep, "5"]}
              postStart:
                httpGet: {path: /warm, port: 8080, host: null}
    `),
    [],
  );
});

test('valid: before Kubernetes 1.34 the check does not exist', () => {
  assert.equal(lintOne('no-host-probes', probeHost, undefined, { kubernetesVersion: '1.33' }), []);
});

test('valid: malformed probes do not crash', () => {
  assert.equal(
    lintOne('no-host-probes', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
            livenessProbe: /healthz
            readinessProbe: {httpGet: [host, example.com]}
            lifecycle: [preStop]
    `),
    [],
  );
});

test('invalid: an httpGet host in a liveness probe (1.34 and newest)', () => {
  for (const version of ['1.34', undefined]) {
    const findings = lintOne('no-host-probes', probeHost, undefined, { kubernetesVersion: version });
    assert.equal(positions(findings), [['no-host-probes', 10, 11]], String(version));
    assert.match(findings[0].message, 'Container "a" livenessProbe httpGet targets host "169.254.169.254"');
  }
});

test('invalid: every probe and lifecycle handler, httpGet and tcpSocket, in init and ephemeral containers', () => {
  const findings = lintOne('no-host-probes', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          initContainers:
            - name: sidecar
              image: envoy:1.30
              restartPolicy: Always
              readinessProbe:
                tcpSocket: {host: kubernetes.default, port: 443}
              startupProbe:
                httpGet: {host: 10.0.0.1, port: 80}
          containers:
            - name: a
              image: nginx:1.25
              lifecycle:
                postStart:
                  httpGet: {host: example.com, port: 80}
                preStop:
                  tcpSocket: {host: localhost, port: 9000}
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              livenessProbe:
                tcpSocket:
                  host: 127.0.0.1
                  port: 22
  `);
  assert.equal(positions(findings), [
    ['no-host-probes', 12, 25],
    ['no-host-probes', 14, 23],
    ['no-host-probes', 20, 25],
    ['no-host-probes', 22, 27],
    ['no-host-probes', 28, 15],
  ]);
  assert.match(findings[0].message, 'Init container "sidecar" readinessProbe tcpSocket');
  assert.match(findings[2].message, 'lifecycle.postStart httpGet targets host "example.com"');
  assert.match(findings[4].message, 'Ephemeral container "debug"');
});

test.run();
