import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import type { LintObject } from '../engine/types';
import { objectLabel } from './utils/object-label';
import { labelSelectorError, matchesLabelSelector } from './utils/label-selector';
import { namespaceObject, workloadPodLabels } from './utils/lint-set';
import { isReplicatedWorkload, maxReplicas, REPLICATED_KIND_NAMES } from './utils/workload-replicas';

/**
 * Whether a pod (anti-)affinity term or a topology spread constraint spreads the workload's own pods: its
 * labelSelector must select the pod template labels. A selector we cannot judge (invalid here, or with
 * matchLabelKeys filled in at admission) counts, so as not to flag what may work.
 */
function spreadsOwnPods(term: unknown, labels: unknown, inOwnNamespace: (term: Record<string, unknown>) => boolean): boolean {
  if (!isRecord(term)) return false;
  if (!inOwnNamespace(term)) return false;
  const selector = term.labelSelector;
  // A spread constraint or affinity term without a selector counts no pods (the scheduler uses labels.Nothing()).
  if (selector === undefined || selector === null) return false;
  if (labelSelectorError(selector) !== undefined) return true;
  return matchesLabelSelector(selector, labels);
}

/**
 * Whether an affinity term's namespaces (`namespaces` and `namespaceSelector`; neither means the pod's own) include the
 * workload's namespace. Unknown cases count: a manifest without a namespace, a selector on a Namespace outside the set.
 */
function termCoversNamespace(term: Record<string, unknown>, namespace: string | undefined, objects: readonly LintObject[]): boolean {
  const listed = Array.isArray(term.namespaces) ? term.namespaces.filter((entry): entry is string => typeof entry === 'string') : [];
  const selector = term.namespaceSelector;
  const hasSelector = selector !== undefined && selector !== null;
  if (!listed.length && !hasSelector) return true;
  if (namespace === undefined || listed.includes(namespace)) return true;
  if (!hasSelector) return false;
  if (labelSelectorError(selector) !== undefined) return true;
  const namespaceLabels: Record<string, unknown> = { 'kubernetes.io/metadata.name': namespace };
  const declared = namespaceObject(objects, namespace);
  if (declared) return matchesLabelSelector(selector, { ...(isRecord(declared.metadata?.labels) ? declared.metadata.labels : {}), ...namespaceLabels });
  // The Namespace's other labels are unknown here: only a selector on the name label alone can be judged.
  return selectorKeys(selector).every((key) => key === 'kubernetes.io/metadata.name') ? matchesLabelSelector(selector, namespaceLabels) : true;
}

function selectorKeys(selector: unknown): string[] {
  if (!isRecord(selector)) return [];
  const keys = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  if (Array.isArray(selector.matchExpressions)) {
    for (const requirement of selector.matchExpressions) if (isRecord(requirement) && typeof requirement.key === 'string') keys.push(requirement.key);
  }
  return keys;
}

function antiAffinityTerms(podAntiAffinity: unknown): unknown[] {
  if (!isRecord(podAntiAffinity)) return [];
  const required = Array.isArray(podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution) ? podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution : [];
  const preferred = Array.isArray(podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution)
    ? podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.map((weighted: unknown) => (isRecord(weighted) ? weighted.podAffinityTerm : undefined))
    : [];
  return [...required, ...preferred];
}

export default defineRule({
  meta: {
    id: 'anti-affinity',
    severity: 'info',
    category: 'reliability',
    description: 'Multi-replica workloads should spread their pods with pod anti-affinity or topology spread constraints.',
    rationale:
      'Replicas only protect against a node or zone failure if they run on different nodes or zones. Without pod anti-affinity or a topology spread constraint that selects the workload\'s own pods, the scheduler may put every replica on one node, and one node failure or drain takes the whole workload down. AKS Deployment Safeguards require one of the two.',
    kinds: REPLICATED_KIND_NAMES,
    crossObject: true,
    references: [
      { source: 'Azure Policy', id: '34c88cd4-5d72-4dbb-bf77-12c3cafe8791', title: 'Must Have Anti Affinity Rules or Topology Spread Constraints Set' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
      { source: 'Kubernetes', title: 'Pod Topology Spread Constraints', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/' },
      { source: 'Kubernetes', title: 'Inter-pod affinity and anti-affinity', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity' },
    ],
  },
  check(object, ctx) {
    if (!isReplicatedWorkload(object)) return;
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const replicas = maxReplicas(object, ctx.objects);
    if (replicas === undefined || replicas < 2) return;
    const labels = Object.fromEntries(workloadPodLabels(object));
    const affinity = pod.value.affinity as unknown;
    const terms = antiAffinityTerms(isRecord(affinity) ? affinity.podAntiAffinity : undefined);
    const constraints: unknown[] = Array.isArray(pod.value.topologySpreadConstraints) ? pod.value.topologySpreadConstraints : [];
    const namespace = typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined;
    const inOwnNamespace = (term: Record<string, unknown>) => termCoversNamespace(term, namespace, ctx.objects);
    // Topology spread constraints always count pods of the pod's own namespace.
    if (terms.some((term) => spreadsOwnPods(term, labels, inOwnNamespace)) || constraints.some((term) => spreadsOwnPods(term, labels, () => true))) return;
    const configured = terms.length > 0 || constraints.length > 0;
    ctx.report({
      path: terms.length > 0 || !constraints.length ? [...pod.path, 'affinity', 'podAntiAffinity'] : [...pod.path, 'topologySpreadConstraints'],
      message: configured
        ? `${objectLabel(object)} runs up to ${replicas} replicas, but its pod anti-affinity and topology spread constraints do not select its own pods: use a labelSelector that matches the pod template labels.`
        : `${objectLabel(object)} runs up to ${replicas} replicas without pod anti-affinity or topology spread constraints: add a topologySpreadConstraint (or preferred podAntiAffinity) on kubernetes.io/hostname so that the replicas do not share one node.`,
    });
  },
});
