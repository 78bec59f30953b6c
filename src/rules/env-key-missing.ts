import type { KubeObject } from '../engine/types';
import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isDataKey, isObjectName } from './utils/object-name';
import { effectiveNamespace } from './utils/label-selector';
import { kindInNamespace, nameOf } from './utils/lint-set';
import { containerLabel } from './utils/pod-security';

const SOURCES = [
  { reference: 'configMapKeyRef', kind: 'ConfigMap', fields: ['data', 'binaryData'] },
  { reference: 'secretKeyRef', kind: 'Secret', fields: ['data', 'stringData'] },
] as const;

/** The keys an object holds, or undefined when they cannot be judged here (no data at all: filled in elsewhere). */
function keysOf(object: KubeObject, fields: readonly string[]): Set<string> | undefined {
  // A service account token Secret gets its keys from the token controller.
  if (object.kind === 'Secret' && object.type === 'kubernetes.io/service-account-token') return undefined;
  const keys = new Set<string>();
  let any = false;
  for (const field of fields) {
    const data = object[field];
    if (!isRecord(data)) continue;
    any = true;
    for (const key of Object.keys(data)) keys.add(key);
  }
  return any ? keys : undefined;
}

export default defineRule({
  meta: {
    id: 'env-key-missing',
    severity: 'warning',
    category: 'reliability',
    description: 'An env `valueFrom` must name a key that its ConfigMap or Secret (in the lint set) holds.',
    rationale:
      'A configMapKeyRef or secretKeyRef naming a key the object does not hold stops the container from starting (CreateContainerConfigError), unless the reference is optional. It usually follows a renamed key. The rule judges only ConfigMaps and Secrets of the lint set with data; generated names (Kustomize hashes) and objects defined elsewhere are not judged.',
    kinds: POD_WORKLOADS,
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'Define container environment variables using ConfigMap data', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#define-container-environment-variables-using-configmap-data' },
      { source: 'Kubernetes', title: 'Secrets: optional Secrets', url: 'https://kubernetes.io/docs/concepts/configuration/secret/#restriction-secret-must-exist' },
    ],
  },
  check(object, ctx) {
    const namespace = effectiveNamespace(object);
    for (const container of ctx.containers(object)) {
      const env = container.value.env as unknown;
      if (!Array.isArray(env)) continue;
      env.forEach((variable, index) => {
        if (!isRecord(variable) || !isRecord(variable.valueFrom)) return;
        for (const source of SOURCES) {
          const reference = variable.valueFrom[source.reference];
          if (!isRecord(reference) || !isObjectName(reference.name) || !isDataKey(reference.key) || reference.optional === true) continue;
          const holders = kindInNamespace(ctx.objects, source.kind, [''], namespace).filter(({ object: candidate }) => nameOf(candidate) === reference.name);
          if (holders.length === 0) continue;
          const keySets = holders.map(({ object: holder }) => keysOf(holder, source.fields));
          if (keySets.some((keys) => keys === undefined || keys.has(reference.key as string))) continue;
          ctx.report({
            path: [...container.path, 'env', index, 'valueFrom', source.reference, 'key'],
            message: `${containerLabel(container)} reads key "${reference.key}" of ${source.kind} "${reference.name}", which has no such key: the container cannot start; use one of its keys (${[...keySets[0]!].slice(0, 5).join(', ') || 'none'}) or mark the reference optional.`,
          });
        }
      });
    }
  },
});
