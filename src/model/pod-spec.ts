// Finds the pod spec inside any pod-bearing object, once, for every rule (as kube-linter's extract.PodSpec).
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ContainerListName, ContainerRef, KubeObject, Path, PodSpecRef } from '../engine/types';

export const CONTAINER_LISTS: readonly ContainerListName[] = ['containers', 'initContainers', 'ephemeralContainers'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Where each kind keeps its pod template; other kinds (CRDs such as Argo Rollouts) are probed at the common places. */
function templatePaths(kind: string | undefined): Path[] {
  switch (kind) {
    case 'Pod':
      return [[]];
    case 'PodTemplate':
      return [['template']];
    case 'CronJob':
      return [['spec', 'jobTemplate', 'spec', 'template']];
    default:
      return [['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template']];
  }
}

export function extractPodSpec(object: KubeObject): PodSpecRef | undefined {
  for (const base of templatePaths(object.kind)) {
    const spec = at(object, [...base, 'spec']);
    if (!isRecord(spec)) continue;
    // A pod template must hold containers; this keeps unrelated `spec.template` fields of CRDs out.
    if (object.kind !== 'Pod' && object.kind !== 'PodTemplate' && !Array.isArray(spec.containers)) continue;
    const metadata = at(object, [...base, 'metadata']);
    return {
      value: spec as unknown as IPodSpec,
      path: [...base, 'spec'],
      metadata: (isRecord(metadata) ? metadata : {}) as IObjectMeta,
      metadataPath: [...base, 'metadata'],
    };
  }
  return undefined;
}

export function extractContainers(podSpec: PodSpecRef | undefined): ContainerRef[] {
  if (!podSpec) return [];
  const result: ContainerRef[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = (podSpec.value as unknown as Record<string, unknown>)[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (isRecord(container)) {
        result.push({ value: container as unknown as ContainerRef['value'], path: [...podSpec.path, list, index], list, index });
      }
    });
  }
  return result;
}
