import type { KubeObject, LintObject } from '../engine/types';
import { extractPodSpec, isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { percentOf } from './utils/int-or-percent';
import { effectiveNamespace, isEmptyLabelSelector, matchesLabelSelector, toLabels } from './utils/label-selector';
import { apiGroupOf, groupedBy, nameOf, workloadLabelSelector, workloadPodLabels } from './utils/lint-set';
import { autoscalerFor, declaredReplicas, isReplicatedWorkload, maxReplicas, REPLICATED_KIND_NAMES } from './utils/workload-replicas';

function isPodDisruptionBudget(object: KubeObject): boolean {
  return object.kind === 'PodDisruptionBudget' && apiGroupOf(object) === 'policy';
}

/**
 * Whether `pdb` selects the pods of `workload`: same namespace, and a selector matching the pod labels (template labels
 * and the workload selector's matchLabels) or the same selector as the workload's own (which may use expressions).
 */
function selects(pdb: KubeObject, workload: KubeObject): boolean {
  if (effectiveNamespace(pdb) !== effectiveNamespace(workload) || !isRecord(pdb.spec)) return false;
  const selector = pdb.spec.selector;
  // policy/v1beta1: an empty selector selects nothing; policy/v1: every pod of the namespace.
  if (pdb.apiVersion === 'policy/v1beta1' && isEmptyLabelSelector(selector)) return false;
  if (matchesLabelSelector(selector, Object.fromEntries(workloadPodLabels(workload)))) return true;
  const own = workloadLabelSelector(workload);
  return own !== undefined && isRecord(selector) && sameSelector(selector, own);
}

function sameSelector(first: Record<string, unknown>, second: Record<string, unknown>): boolean {
  const normal = (selector: Record<string, unknown>) =>
    JSON.stringify([[...toLabels(selector.matchLabels)].sort(), selector.matchExpressions ?? []]);
  return normal(first) === normal(second) && !isEmptyLabelSelector(first);
}

/** The objects of the lint set that pass `filter`, in namespace `namespace`, in lint-set order (indexed once per run). */
function sameNamespace(objects: readonly LintObject[], memoKey: string, filter: (object: KubeObject) => boolean, namespace: string): readonly LintObject[] {
  return groupedBy(objects, memoKey, ({ object }) => (filter(object) ? effectiveNamespace(object) : undefined)).get(namespace) ?? [];
}

/** The fewest pods the workload runs: the autoscaler minimum, else spec.replicas. */
function minimumReplicas(workload: KubeObject, objects: readonly LintObject[]): number | undefined {
  const autoscaler = autoscalerFor(workload, objects);
  return autoscaler ? autoscaler.min : declaredReplicas(workload);
}

function checkWorkload(object: KubeObject, objects: readonly LintObject[], report: (path: string[], message: string) => void): void {
  const replicas = maxReplicas(object, objects);
  if (replicas === undefined || replicas < 2) return;
  if (!extractPodSpec(object)) return;
  const budgets = sameNamespace(objects, 'pdb-budgets-by-namespace', isPodDisruptionBudget, effectiveNamespace(object));
  if (budgets.some(({ object: other }) => selects(other, object))) return;
  report(
    ['metadata', 'name'],
    `${objectLabel(object)} runs ${replicas} replicas without a PodDisruptionBudget: add one (e.g. maxUnavailable: 1) so that node drains and cluster upgrades keep some pods running.`,
  );
}

/** Azure's "accurate Pod Disruption Budgets" check: a budget that allows no eviction blocks every node drain. */
function checkBudget(pdb: KubeObject, objects: readonly LintObject[], report: (path: string[], message: string) => void): void {
  const spec = pdb.spec;
  if (!isRecord(spec)) return;
  const name = nameOf(pdb) ?? '';
  const blocks = 'so it allows no voluntary eviction: node drains and AKS upgrades hang on its pods';
  const { maxUnavailable, minAvailable } = spec;
  // The disruption controller then expects 0 healthy pods: the budget allows every eviction at once.
  if ((maxUnavailable === undefined || maxUnavailable === null) && (minAvailable === undefined || minAvailable === null)) {
    report(['spec'], `PodDisruptionBudget "${name}" sets neither minAvailable nor maxUnavailable, so it protects nothing (every selected pod may be evicted at once); set maxUnavailable: 1.`);
    return;
  }
  if (maxUnavailable === 0 || maxUnavailable === '0%') {
    report(['spec', 'maxUnavailable'], `PodDisruptionBudget "${name}" sets maxUnavailable ${String(maxUnavailable)}, ${blocks}; allow at least 1.`);
    return;
  }
  if (minAvailable === undefined || minAvailable === null) return;
  if ((percentOf(minAvailable) ?? 0) >= 100) {
    report(['spec', 'minAvailable'], `PodDisruptionBudget "${name}" sets minAvailable ${String(minAvailable)}, ${blocks}; use maxUnavailable: 1 instead.`);
    return;
  }
  if (!Number.isInteger(minAvailable)) return;
  for (const { object } of sameNamespace(objects, 'pdb-workloads-by-namespace', isReplicatedWorkload, effectiveNamespace(pdb))) {
    if (!selects(pdb, object)) continue;
    const replicas = minimumReplicas(object, objects);
    if (replicas === undefined || replicas === 0 || (minAvailable as number) < replicas) continue;
    report(
      ['spec', 'minAvailable'],
      `PodDisruptionBudget "${name}" sets minAvailable ${String(minAvailable)} while ${objectLabel(object)} runs ${replicas} replica${replicas === 1 ? '' : 's'}, ${blocks}; use maxUnavailable: 1 instead.`,
    );
    return;
  }
}

export default defineRule({
  meta: {
    id: 'pdb',
    severity: 'info',
    category: 'reliability',
    description: 'Multi-replica workloads should have a PodDisruptionBudget, and a budget must allow at least one eviction.',
    rationale:
      'Node drains (AKS node-image and Kubernetes upgrades, cluster autoscaler scale-down) evict pods through the eviction API, which honours PodDisruptionBudgets. Without one, a drain may evict every replica of a workload at once; with one that allows no eviction (maxUnavailable 0, or minAvailable equal to the replica count) the drain never completes and the upgrade stalls.',
    kinds: [...REPLICATED_KIND_NAMES, 'PodDisruptionBudget'],
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'Specifying a Disruption Budget for your Application', url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/' },
      { source: 'Azure Policy', id: 'd9e8f2c1-4c5a-4f5c-8b5a-2abf1e9f7b4d', title: '[Preview]: Kubernetes cluster should implement accurate Pod Disruption Budgets' },
      { source: 'AKS', title: 'Upgrade options: PodDisruptionBudgets and node drains', url: 'https://learn.microsoft.com/azure/aks/upgrade-cluster' },
    ],
  },
  check(object, ctx) {
    const report = (path: string[], message: string) => ctx.report({ path, message });
    if (isPodDisruptionBudget(object)) checkBudget(object, ctx.objects, report);
    else if (isReplicatedWorkload(object)) checkWorkload(object, ctx.objects, report);
  },
});
