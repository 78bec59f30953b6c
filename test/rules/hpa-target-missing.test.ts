import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintWith, positions, yaml } from '../helpers';

const rule = 'hpa-target-missing';

const hpa = (target: string, namespace = 'shop') => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: web, namespace: ${namespace}}
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
    minReplicas: 2
    maxReplicas: 5
`;

const deployment = (name: string, namespace = 'shop') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: ${name}, namespace: ${namespace}}
  spec:
    template: {spec: {containers: [{name: a, image: app:1.0}]}}
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'warning' }, others });

test('valid: the target is in the set; no Deployment of the namespace in the set; KEDA finds its default kind', () => {
  assert.equal(lint(hpa('web'), { 'web.yaml': deployment('web') }), []);
  assert.equal(lint(hpa('web'), {}), []);
  assert.equal(lint(hpa('web'), { 'api.yaml': deployment('api', 'other') }), []);
  const keda = yaml`
    apiVersion: keda.sh/v1alpha1
    kind: ScaledObject
    metadata: {name: web, namespace: shop}
    spec:
      scaleTargetRef: {name: web}
  `;
  assert.equal(lint(keda, { 'web.yaml': deployment('web') }), []);
  assert.equal(positions(lint(keda, { 'api.yaml': deployment('api') })), [[rule, 5, 20]]);
});

test('invalid: the target is missing while the namespace has other Deployments, at scaleTargetRef.name', () => {
  const findings = lint(hpa('web-v1'), { 'web.yaml': deployment('web') });
  assert.equal(positions(findings), [[rule, 5, 59]]);
  assert.is(
    findings[0].message,
    'HorizontalPodAutoscaler "web" scales Deployment "web-v1", which is not in namespace "shop" of the lint set while its other Deployments are: it scales nothing; check the name.',
  );
});

test('valid: a placeholder target name is filled in later', () => {
  assert.equal(lint(hpa('"${DEPLOYMENT}"'), { 'web.yaml': deployment('web') }), []);
});

test.run();
