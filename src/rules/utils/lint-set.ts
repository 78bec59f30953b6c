// Helpers for cross-object rules over the lint set (`ctx.objects`).
import type { KubeObject, LintObject } from '../../engine/types';
import { extractPodSpec, isRecord } from '../../model/pod-spec';
import { effectiveNamespace } from './label-selector';

/** The API group of an object: `apps` for `apps/v1`, '' for the core `v1`. */
export function apiGroupOf(object: KubeObject): string {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  return slash >= 0 ? apiVersion.slice(0, slash) : '';
}

/** True when the object has this kind and its apiVersion is in one of `groups` (any version). */
export function isKind(object: KubeObject, kind: string, groups: readonly string[]): boolean {
  return object.kind === kind && groups.includes(apiGroupOf(object));
}

/** The objects of the lint set in namespace `namespace` (objects without one count as `default`). */
export function inNamespace(objects: readonly LintObject[], namespace: string): LintObject[] {
  return objects.filter((entry) => effectiveNamespace(entry.object) === namespace);
}

export interface PodTemplateRef {
  entry: LintObject;
  /** The labels of the pod template (as written: may be malformed). */
  labels: unknown;
  /** Labels the controller adds to the pods it creates. */
  controllerLabels: ControllerLabels;
}

/** Every pod template of the lint set in `namespace`: Pods, workload templates and CronJob job templates. */
export function podTemplatesIn(objects: readonly LintObject[], namespace: string): PodTemplateRef[] {
  const result: PodTemplateRef[] = [];
  for (const entry of inNamespace(objects, namespace)) {
    const podSpec = extractPodSpec(entry.object);
    if (podSpec) result.push({ entry, labels: podSpec.metadata.labels, controllerLabels: controllerPodLabels(entry.object) });
  }
  return result;
}

/** `metadata.name` when it is a string. */
export function nameOf(object: KubeObject): string | undefined {
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** Label values a controller adds to the pods it creates: a list of possible values, or '*' when unknowable here. */
export type ControllerLabels = Map<string, readonly string[] | '*'>;

/**
 * Labels the workload controllers add to pods on top of the template's (pod-template-hash, the StatefulSet pod name
 * and index, the Job name...), so a selector using them can still be matched against the lint set.
 */
export function controllerPodLabels(object: KubeObject): ControllerLabels {
  const labels: ControllerLabels = new Map();
  const name = nameOf(object) ?? '';
  const group = apiGroupOf(object);
  if (group === 'apps' || group === 'extensions') {
    switch (object.kind) {
      case 'Deployment':
      case 'ReplicaSet':
        labels.set('pod-template-hash', '*');
        break;
      case 'DaemonSet':
        labels.set('controller-revision-hash', '*');
        labels.set('pod-template-generation', '*');
        break;
      case 'StatefulSet': {
        labels.set('controller-revision-hash', '*');
        const replicas = isRecord(object.spec) ? object.spec.replicas ?? 1 : 1;
        if (typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 && replicas <= 1000) {
          const indexes = Array.from({ length: replicas }, (_, index) => String(index));
          labels.set('statefulset.kubernetes.io/pod-name', indexes.map((index) => `${name}-${index}`));
          labels.set('apps.kubernetes.io/pod-index', indexes);
        } else {
          labels.set('statefulset.kubernetes.io/pod-name', '*');
          labels.set('apps.kubernetes.io/pod-index', '*');
        }
        break;
      }
    }
  } else if (group === 'batch' && (object.kind === 'Job' || object.kind === 'CronJob')) {
    // A CronJob's Jobs get generated names, so their name labels are unknowable.
    const jobName = object.kind === 'Job' ? [name] : '*';
    for (const key of ['job-name', 'batch.kubernetes.io/job-name']) labels.set(key, jobName);
    for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index']) {
      labels.set(key, '*');
    }
  }
  return labels;
}
