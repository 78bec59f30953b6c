// The scale target of a HorizontalPodAutoscaler or KEDA ScaledObject, and the workloads of the lint set it may name.
import type { KubeObject, LintObject, Path } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { effectiveApiGroup } from '../../model/reference/api-resources';
import { effectiveNamespace } from './label-selector';
import { apiGroupOf, groupedBy, nameOf } from './lint-set';

export interface ScaleTarget {
  kind: string;
  name: string;
  /** The target's API group when the reference names one. */
  group: string | undefined;
  namePath: Path;
}

export function isHorizontalPodAutoscaler(object: KubeObject): boolean {
  return object.kind === 'HorizontalPodAutoscaler' && apiGroupOf(object) === 'autoscaling';
}

export function isKedaScaledObject(object: KubeObject): boolean {
  return object.kind === 'ScaledObject' && apiGroupOf(object) === 'keda.sh';
}

/** `spec.scaleTargetRef` of an HPA or ScaledObject (whose kind defaults to Deployment), when it names a target. */
export function scaleTargetOf(object: KubeObject): ScaleTarget | undefined {
  const keda = isKedaScaledObject(object);
  if (!keda && !isHorizontalPodAutoscaler(object)) return undefined;
  const reference = isRecord(object.spec) ? object.spec.scaleTargetRef : undefined;
  if (!isRecord(reference) || typeof reference.name !== 'string') return undefined;
  const kind = typeof reference.kind === 'string' ? reference.kind : keda ? 'Deployment' : undefined;
  if (!kind) return undefined;
  const group = typeof reference.apiVersion === 'string' ? effectiveApiGroup(reference.apiVersion, kind) : undefined;
  return { kind, name: reference.name, group, namePath: ['spec', 'scaleTargetRef', 'name'] };
}

/** The objects of the lint set of `kind` in `namespace` (any group), indexed once per run. */
export function objectsOfKind(objects: readonly LintObject[], namespace: string, kind: string): readonly LintObject[] {
  return groupedBy(objects, 'objects-by-namespace-and-kind', ({ object }) => (typeof object.kind === 'string' ? `${effectiveNamespace(object)}\0${object.kind}` : undefined)).get(`${namespace}\0${kind}`) ?? [];
}

/** The objects of the lint set the autoscaler's target reference names (same namespace, kind, name and group if given). */
export function targetsInSet(autoscaler: KubeObject, target: ScaleTarget, objects: readonly LintObject[]): KubeObject[] {
  return objectsOfKind(objects, effectiveNamespace(autoscaler), target.kind)
    .map((entry) => entry.object)
    .filter((object) => nameOf(object) === target.name && (target.group === undefined || sameGroup(target.group, apiGroupOf(object))));
}

// apps and extensions served the same Deployments and ReplicaSets.
function sameGroup(first: string, second: string): boolean {
  const normal = (group: string) => (group === 'extensions' ? 'apps' : group);
  return normal(first) === normal(second);
}
