import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'probe-port-undeclared';

const pod = (ports: string, probes: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: app}
  spec:
    containers:
      - name: app
        image: app:1.0
        ports: ${ports}
        ${probes}
`;

test('valid: a declared name, a number, a placeholder, a gRPC probe', () => {
  assert.equal(lintOne(rule, pod('[{name: http, containerPort: 8080}]', 'livenessProbe: {httpGet: {path: /, port: http}}')), []);
  assert.equal(lintOne(rule, pod('[]', 'readinessProbe: {tcpSocket: {port: 8080}}')), []);
  assert.equal(lintOne(rule, pod('[]', 'readinessProbe: {tcpSocket: {port: "${PORT}"}}')), []);
  assert.equal(lintOne(rule, pod('[]', 'startupProbe: {grpc: {port: 9090}}')), []);
});

test('invalid: a port name the container does not declare, at the probe port', () => {
  const findings = lintOne(rule, pod('[{name: http, containerPort: 8080}]', 'readinessProbe: {httpGet: {path: /ready, port: web}}'));
  assert.equal(positions(findings), [[rule, 9, 48]]);
  assert.is(
    findings[0].message,
    'Container "app" has a readinessProbe on port "web", which the container does not declare: the probe always fails; name one of its ports "web" or use the port number.',
  );
  // Another container's port does not count: the kubelet looks in the probed container only.
  const sidecar = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: app}
    spec:
      containers:
        - {name: app, image: app:1.0, livenessProbe: {tcpSocket: {port: metrics}}}
        - {name: side, image: side:1.0, ports: [{name: metrics, containerPort: 9090}]}
  `;
  assert.equal(positions(lintOne(rule, sidecar)), [[rule, 6, 63]]);
});

test.run();
