// Finds the pod spec inside any pod-bearing object, once, for every rule (as kube-linter's extract.PodSpec).
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ContainerListName, ContainerRef, KubeObject, Path, PodSpecRef } from '../engine/types';
import { effectiveApiGroup } from './reference/api-resources';

export const CONTAINER_LISTS: readonly ContainerListName[] = ['containers', 'initContainers', 'ephemeralContainers'];

/**
 * Marks an object kubeguard lints on behalf of the object that embeds it (an OLM ClusterServiceVersion's Deployments):
 * `ClusterServiceVersion/<name>`. Rules about whole objects (duplicates, namespaces) leave such objects to their owner.
 */
export const EMBEDDED_IN_ANNOTATION = 'kubeguard.dev/embedded-in';

export function embeddingOf(object: KubeObject): string | undefined {
  const annotations = object.metadata?.annotations as unknown;
  const value = isRecord(annotations) ? annotations[EMBEDDED_IN_ANNOTATION] : undefined;
  return typeof value === 'string' ? value : undefined;
}

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

/**
 * Workload kinds (and their API groups) whose pod template is known to be one, so that it is judged even without
 * `containers` (a Kustomize patch target, a partial manifest). '' covers OpenShift 3's legacy `v1` DeploymentConfig.
 */
const KNOWN_WORKLOAD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Pod: [''],
  PodTemplate: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  DeploymentConfig: ['apps.openshift.io', ''],
  Rollout: ['argoproj.io'],
};

export function isKnownWorkload(object: KubeObject): boolean {
  const kind = object.kind;
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(KNOWN_WORKLOAD_GROUPS, kind)) return false;
  return KNOWN_WORKLOAD_GROUPS[kind].includes(effectiveApiGroup(object.apiVersion, kind));
}

export function extractPodSpec(object: KubeObject): PodSpecRef | undefined {
  const known = object.kind === 'Pod' || object.kind === 'PodTemplate' || isKnownWorkload(object);
  for (const base of templatePaths(object.kind)) {
    const spec = at(object, [...base, 'spec']);
    if (!isRecord(spec)) continue;
    // Only an unknown kind's template must hold containers: this keeps unrelated `spec.template` fields of CRDs out.
    if (!known && !Array.isArray(spec.containers)) continue;
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
