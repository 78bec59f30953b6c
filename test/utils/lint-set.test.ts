import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject, LintObject } from '../../src/engine/types';
import { apiGroupOf, controllerPodLabels, hasNamespaceObject, inNamespace, isKind, perLintSet, podTemplatesIn } from '../../src/rules/utils/lint-set';

const set = (...objects: KubeObject[]): LintObject[] =>
  objects.map((object) => ({ object, file: 'x.yaml', namespace: object.metadata?.namespace }));

test('apiGroupOf and isKind', () => {
  assert.is(apiGroupOf({ apiVersion: 'v1' }), '');
  assert.is(apiGroupOf({ apiVersion: 'networking.k8s.io/v1' }), 'networking.k8s.io');
  assert.is(apiGroupOf({ apiVersion: 42 as unknown as string }), '');
  assert.ok(isKind({ apiVersion: 'extensions/v1beta1', kind: 'Ingress' }, 'Ingress', ['networking.k8s.io', 'extensions']));
  assert.not.ok(isKind({ apiVersion: 'example.com/v1', kind: 'Ingress' }, 'Ingress', ['networking.k8s.io']));
});

test('perLintSet computes once per lint set', () => {
  const objects = set({ kind: 'A' });
  let calls = 0;
  const compute = () => ++calls;
  assert.is(perLintSet(objects, 'k', compute), 1);
  assert.is(perLintSet(objects, 'k', compute), 1);
  assert.is(perLintSet(set({ kind: 'A' }), 'k', compute), 2, 'another run, another memo');
});

test('namespaces: absent is default; Namespace objects; pod templates with their labels', () => {
  const objects = set(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p', on: true as unknown as string } }, spec: { containers: [] } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'd' } }, spec: { containers: [] } } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } },
  );
  assert.equal(inNamespace(objects, 'shop').map(({ object }) => object.metadata?.name), ['d', 'c']);
  assert.equal(inNamespace(objects, 'nowhere'), []);
  assert.ok(hasNamespaceObject(objects, 'shop'));
  assert.not.ok(hasNamespaceObject(objects, 'default'));
  assert.equal([...podTemplatesIn(objects, 'default')[0].labels], [['app', 'p'], ['on', 'true']]);
  assert.equal(podTemplatesIn(objects, 'shop').map((template) => template.entry.object.kind), ['Deployment']);
});

test('controllerPodLabels: what controllers add to their pods', () => {
  const statefulSet = controllerPodLabels({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2 } });
  assert.equal(statefulSet.get('statefulset.kubernetes.io/pod-name'), ['db-0', 'db-1']);
  assert.equal(statefulSet.get('apps.kubernetes.io/pod-index'), ['0', '1']);
  assert.is(controllerPodLabels({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' } }).get('apps.kubernetes.io/pod-index')?.length, 1);
  assert.is(controllerPodLabels({ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { replicas: '3' } }).get('statefulset.kubernetes.io/pod-name'), '*');
  assert.is(controllerPodLabels({ apiVersion: 'apps/v1', kind: 'Deployment' }).get('pod-template-hash'), '*');
  assert.equal(controllerPodLabels({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'm' } }).get('job-name'), ['m']);
  assert.is(controllerPodLabels({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'r' } }).get('job-name'), '*');
  assert.is(controllerPodLabels({ apiVersion: 'v1', kind: 'Pod' }).size, 0);
});

test.run();
