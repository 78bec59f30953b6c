import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintWith, positions, yaml } from '../helpers';

const rule = 'autoscaled-replicas-set';

const deployment = (replicas: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    ${replicas}
    template: {spec: {containers: [{name: a, image: app:1.0}]}}
`;

const hpa = yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: web, namespace: shop}
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
    minReplicas: 2
    maxReplicas: 5
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'warning' }, others });

test('valid: no replicas under an autoscaler; replicas without one', () => {
  assert.equal(lint(deployment(''), { 'hpa.yaml': hpa }), []);
  assert.equal(lint(deployment('replicas: 3'), {}), []);
});

test('invalid: replicas set while an HPA of the set scales the workload, at spec.replicas', () => {
  const findings = lint(deployment('replicas: 3'), { 'hpa.yaml': hpa });
  assert.equal(positions(findings), [[rule, 5, 3]]);
  assert.is(findings[0].message, 'Deployment "web" sets replicas 3 while HorizontalPodAutoscaler "web" scales it: each apply resets the count; remove spec.replicas and let the autoscaler own it.');
});

test.run();
