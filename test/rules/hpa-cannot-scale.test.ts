import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'hpa-cannot-scale';

const hpa = (range: string) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: web}
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
    ${range}
`;

test('valid: a range to scale in; malformed values are left to schema', () => {
  assert.equal(lintOne(rule, hpa('minReplicas: 2\n    maxReplicas: 5')), []);
  assert.equal(lintOne(rule, hpa('maxReplicas: 3')), []);
  assert.equal(lintOne(rule, hpa('minReplicas: "2"\n    maxReplicas: 2')), []);
});

test('invalid: min equal to max (info), min above max (warning), the default minimum of 1', () => {
  const equal = lintOne(rule, hpa('minReplicas: 3\n    maxReplicas: 3'));
  assert.equal(positions(equal), [[rule, 6, 3]]);
  assert.is(equal[0].severity, 'info');
  assert.match(equal[0].message, 'sets minReplicas and maxReplicas both to 3, so it never scales');
  const above = lintOne(rule, hpa('minReplicas: 4\n    maxReplicas: 3'));
  assert.equal(positions(above), [[rule, 6, 3]]);
  assert.is(above[0].severity, 'warning');
  assert.match(above[0].message, 'minReplicas 4 above maxReplicas 3: the API server rejects it');
  assert.equal(positions(lintOne(rule, hpa('maxReplicas: 1'))), [[rule, 6, 3]]);
});

test.run();
