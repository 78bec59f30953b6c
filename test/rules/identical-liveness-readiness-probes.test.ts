import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'identical-liveness-readiness-probes';

const pod = (liveness: string, readiness: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: app}
  spec:
    containers:
      - name: app
        image: app:1.0
        livenessProbe: ${liveness}
        readinessProbe: ${readiness}
`;

test('valid: different thresholds or handlers; one probe only', () => {
  assert.equal(lintOne(rule, pod('{httpGet: {path: /healthz, port: 8080}, failureThreshold: 6}', '{httpGet: {path: /healthz, port: 8080}}')), []);
  assert.equal(lintOne(rule, pod('{httpGet: {path: /livez, port: 8080}}', '{httpGet: {path: /readyz, port: 8080}}')), []);
  assert.equal(lintOne(rule, pod('{httpGet: {path: /healthz, port: 8080}}', 'null')), []);
});

test('invalid: the same probe (key order aside), at livenessProbe', () => {
  const findings = lintOne(rule, pod('{httpGet: {path: /healthz, port: 8080}, periodSeconds: 5}', '{periodSeconds: 5, httpGet: {port: 8080, path: /healthz}}'));
  assert.equal(positions(findings), [[rule, 8, 7]]);
  assert.match(findings[0].message, 'Container "app" has the same liveness and readiness probe');
});

test.run();
