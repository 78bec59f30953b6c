import type { KubeObject, LintObject, Report } from '../engine/types';
import { isKedaScaledObject, scaleTargetOf } from './utils/autoscaler-target';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { apiGroupOf, perLintSet } from './utils/lint-set';
import { autoscalerFor, declaredReplicas } from './utils/workload-replicas';

// The workloads users scale by hand: ReplicaSets and ReplicationControllers are usually owned by one of these.
const JUDGED_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DeploymentConfig: ['apps.openshift.io', ''],
  Rollout: ['argoproj.io'],
};
const KINDS = Object.keys(JUDGED_GROUPS);

function isJudgedWorkload(object: KubeObject): boolean {
  return typeof object.kind === 'string' && JUDGED_GROUPS[object.kind]?.includes(apiGroupOf(object)) === true;
}

/** The Deployment/StatefulSet of the lint set that `autoscaler` scales, if any (the first in lint-set order). */
function targetOf(autoscaler: KubeObject, objects: readonly LintObject[]): KubeObject | undefined {
  // Once per run: each workload's autoscaler, mapped back to the first workload it scales.
  const targets = perLintSet(objects, 'replicas-autoscaler-targets', () => {
    const result = new Map<KubeObject, KubeObject>();
    for (const { object } of objects) {
      if (!isJudgedWorkload(object)) continue;
      const found = autoscalerFor(object, objects)?.entry.object;
      if (found && !result.has(found)) result.set(found, object);
    }
    return result;
  });
  return targets.get(autoscaler);
}

/** An autoscaler whose target is not in the lint set is judged by its own minimum (HPA default 1, KEDA default 0). */
function checkAutoscalerAlone(autoscaler: KubeObject, minimum: number, report: (report: Report) => void): void {
  const target = scaleTargetOf(autoscaler);
  if (!target || !isRecord(autoscaler.spec)) return;
  const keda = isKedaScaledObject(autoscaler);
  const field = keda ? 'minReplicaCount' : 'minReplicas';
  const value = autoscaler.spec[field];
  const min = value === undefined || value === null ? (keda ? 0 : 1) : value;
  if (!Number.isInteger(min) || min === 0 || (min as number) >= minimum) return;
  report({
    path: ['spec', field],
    message: `${objectLabel(autoscaler)} lets ${target.kind} "${target.name}" scale down to ${String(min)} replica: set ${field} to ${minimum} or more.`,
  });
}

export default defineRule<{ minimum: number }>({
  meta: {
    id: 'replicas',
    severity: 'info',
    category: 'reliability',
    description: 'Deployments, StatefulSets, DeploymentConfigs and Argo Rollouts should run at least two replicas.',
    rationale:
      'A single replica is a single point of failure: a node drain, an AKS node-image or Kubernetes upgrade, an eviction or a crash takes the application down until a new pod is scheduled and ready. With an autoscaler, its minimum is what counts.',
    kinds: [...KINDS, 'HorizontalPodAutoscaler', 'ScaledObject'],
    crossObject: true,
    references: [
      { source: 'AKS', title: 'Deployment and cluster reliability best practices: replicas', url: 'https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability' },
      { source: 'Kubernetes', title: 'Running multiple instances of your app', url: 'https://kubernetes.io/docs/tutorials/kubernetes-basics/scale/scale-intro/' },
    ],
    options: { minimum: { type: 'number', minimum: 1, description: 'The fewest replicas (or autoscaler minimum) accepted; default 2.' } },
    defaultOptions: { minimum: 2 },
  },
  check(object, ctx) {
    const minimum = typeof ctx.options.minimum === 'number' ? ctx.options.minimum : 2;
    if (KINDS.includes(object.kind ?? '')) {
      if (!isJudgedWorkload(object)) return;
      // An autoscaler decides the replica count; it is judged on its own object.
      if (autoscalerFor(object, ctx.objects)) return;
      const replicas = declaredReplicas(object);
      // 0 is a deliberate scale-down (a disabled workload), not an availability mistake.
      if (replicas === undefined || replicas === 0 || replicas >= minimum) return;
      const declared = isRecord(object.spec) && object.spec.replicas !== undefined && object.spec.replicas !== null;
      ctx.report({
        path: ['spec', 'replicas'],
        message: `${objectLabel(object)} ${declared ? `runs ${replicas} replica` : 'sets no replicas, so it runs 1 replica'}: run at least ${minimum} so that a node drain or a crash does not take it down.`,
      });
      return;
    }
    // HorizontalPodAutoscaler / KEDA ScaledObject: judged when its target is a workload of the lint set judged here.
    const target = targetOf(object, ctx.objects);
    if (!target) {
      checkAutoscalerAlone(object, minimum, ctx.report);
      return;
    }
    const autoscaler = autoscalerFor(target, ctx.objects);
    if (!autoscaler || autoscaler.min === 0 || autoscaler.min >= minimum) return;
    ctx.report({
      path: autoscaler.minPath,
      message: `${autoscaler.label} lets ${objectLabel(target)} scale down to ${autoscaler.min} replica: set ${autoscaler.minPath[1]} to ${minimum} or more.`,
    });
  },
});
