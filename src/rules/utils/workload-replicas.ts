// How many pods a replicated workload runs: `spec.replicas` (API default 1), or the range of an autoscaler of the lint
// set that targets it (a HorizontalPodAutoscaler, or a KEDA ScaledObject, which drives an HPA of its own).
import type { KubeObject, LintObject } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { effectiveApiGroup } from '../../model/reference/api-resources';
import { effectiveNamespace } from './label-selector';
import { apiGroupOf, groupedBy, nameOf } from './lint-set';

/**
 * Kinds with a `spec.replicas` and a pod template, as Azure Policy's anti-affinity safeguard lists them, plus Argo
 * Rollouts and OpenShift DeploymentConfigs ('' is OpenShift 3's legacy `v1` API for them).
 */
const REPLICATED_KINDS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Rollout: ['argoproj.io'],
  DeploymentConfig: ['apps.openshift.io', ''],
};

/** The kinds `isReplicatedWorkload` accepts (in some API group), for rule metadata. */
export const REPLICATED_KIND_NAMES: readonly string[] = Object.keys(REPLICATED_KINDS);

export function isReplicatedWorkload(object: KubeObject): boolean {
  return typeof object.kind === 'string' && REPLICATED_KINDS[object.kind]?.includes(apiGroupOf(object)) === true;
}

/** `spec.replicas` with the API default (1) when absent; undefined when it (or spec) is malformed. */
export function declaredReplicas(object: KubeObject): number | undefined {
  const spec = object.spec;
  if (!isRecord(spec)) return undefined;
  if (spec.replicas === undefined || spec.replicas === null) return 1;
  return Number.isInteger(spec.replicas) && (spec.replicas as number) >= 0 ? (spec.replicas as number) : undefined;
}

export interface Autoscaler {
  entry: LintObject;
  /** `HorizontalPodAutoscaler "web"` or `ScaledObject "web"`. */
  label: string;
  min: number;
  max: number | undefined;
  /** Path of the minimum in the autoscaler object. */
  minPath: readonly string[];
}

function integer(value: unknown, fallback: number | undefined): number | undefined {
  if (value === undefined || value === null) return fallback;
  return Number.isInteger(value) ? (value as number) : undefined;
}

function targets(reference: unknown, object: KubeObject, defaultKind?: string): boolean {
  if (!isRecord(reference)) return false;
  const kind = reference.kind ?? defaultKind;
  if (kind !== object.kind || reference.name !== nameOf(object)) return false;
  // apps/v1 and extensions/v1beta1 name the same Deployment; only a different group is another target.
  if (typeof reference.apiVersion === 'string') {
    const group = effectiveApiGroup(reference.apiVersion, kind);
    const groups = REPLICATED_KINDS[object.kind ?? ''] ?? [apiGroupOf(object)];
    if (!groups.includes(group)) return false;
  }
  return true;
}

function isAutoscaler(candidate: KubeObject): boolean {
  return (
    (candidate.kind === 'HorizontalPodAutoscaler' && apiGroupOf(candidate) === 'autoscaling') ||
    (candidate.kind === 'ScaledObject' && apiGroupOf(candidate) === 'keda.sh')
  );
}

/**
 * The autoscalers of the lint set keyed by namespace and the name of their scale target, in lint-set order, indexed
 * once per run: an autoscaler can only target an object of that name, so each lookup sees only its few candidates.
 */
function autoscalerCandidates(objects: readonly LintObject[], namespace: string, name: string): readonly LintObject[] {
  const index = groupedBy(objects, 'autoscalers-by-target', ({ object: candidate }) => {
    if (!isAutoscaler(candidate) || !isRecord(candidate.spec)) return undefined;
    const reference = candidate.spec.scaleTargetRef;
    if (!isRecord(reference) || typeof reference.name !== 'string') return undefined;
    return `${effectiveNamespace(candidate)}\0${reference.name}`;
  });
  return index.get(`${namespace}\0${name}`) ?? [];
}

/** The autoscaler of the lint set (same namespace) whose scale target is `object`, if any. */
export function autoscalerFor(object: KubeObject, objects: readonly LintObject[]): Autoscaler | undefined {
  const name = nameOf(object);
  if (!name) return undefined;
  const namespace = effectiveNamespace(object);
  for (const entry of autoscalerCandidates(objects, namespace, name)) {
    const candidate = entry.object;
    if (candidate === object || !isRecord(candidate.spec)) continue;
    const spec = candidate.spec;
    const candidateName = nameOf(candidate) ?? '';
    if (candidate.kind === 'HorizontalPodAutoscaler' && apiGroupOf(candidate) === 'autoscaling' && targets(spec.scaleTargetRef, object)) {
      const min = integer(spec.minReplicas, 1);
      if (min === undefined) continue;
      return { entry, label: `HorizontalPodAutoscaler "${candidateName}"`, min, max: integer(spec.maxReplicas, undefined), minPath: ['spec', 'minReplicas'] };
    }
    // KEDA: scaleTargetRef.kind defaults to Deployment; minReplicaCount to 0 and maxReplicaCount to 100.
    if (candidate.kind === 'ScaledObject' && apiGroupOf(candidate) === 'keda.sh' && targets(spec.scaleTargetRef, object, 'Deployment')) {
      const min = integer(spec.minReplicaCount, 0);
      if (min === undefined) continue;
      return { entry, label: `ScaledObject "${candidateName}"`, min, max: integer(spec.maxReplicaCount, 100), minPath: ['spec', 'minReplicaCount'] };
    }
  }
  return undefined;
}

/**
 * The most pods the workload may run: the autoscaler's maximum when one targets it, else `spec.replicas`.
 * Undefined when unknown (replicas is not an integer, or the autoscaler has no usable maximum).
 */
export function maxReplicas(object: KubeObject, objects: readonly LintObject[]): number | undefined {
  const autoscaler = autoscalerFor(object, objects);
  if (autoscaler) return autoscaler.max;
  return declaredReplicas(object);
}
