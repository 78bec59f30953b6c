import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { labelSelectorError, matchesLabelSelector } from './utils/label-selector';
import { isReplicatedWorkload, maxReplicas } from './utils/workload-replicas';

/**
 * Whether a pod (anti-)affinity term or a topology spread constraint spreads the workload's own pods: its
 * labelSelector must select the pod template labels. A selector we cannot judge (invalid here, or with
 * matchLabelKeys filled in at admission) counts, so as not to flag what may work.
 */
function spreadsOwnPods(term: unknown, labels: unknown): boolean {
  if (!isRecord(term)) return false;
  const selector = term.labelSelector;
  // A spread constraint or affinity term without a selector counts no pods (the scheduler uses labels.Nothing()).
  if (selector === undefined || selector === null) return false;
  if (labelSelectorError(selector) !== undefined) return true;
  return matchesLabelSelector(selector, labels);
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
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout'],
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
    const labels = pod.metadata.labels;
    const affinity = pod.value.affinity as unknown;
    const terms = antiAffinityTerms(isRecord(affinity) ? affinity.podAntiAffinity : undefined);
    const constraints: unknown[] = Array.isArray(pod.value.topologySpreadConstraints) ? pod.value.topologySpreadConstraints : [];
    if ([...terms, ...constraints].some((term) => spreadsOwnPods(term, labels))) return;
    const configured = terms.length > 0 || constraints.length > 0;
    ctx.report({
      path: terms.length > 0 || !constraints.length ? [...pod.path, 'affinity', 'podAntiAffinity'] : [...pod.path, 'topologySpreadConstraints'],
      message: configured
        ? `${objectLabel(object)} runs up to ${replicas} replicas, but its pod anti-affinity and topology spread constraints do not select its own pods: use a labelSelector that matches the pod template labels.`
        : `${objectLabel(object)} runs up to ${replicas} replicas without pod anti-affinity or topology spread constraints: add a topologySpreadConstraint (or preferred podAntiAffinity) on kubernetes.io/hostname so that the replicas do not share one node.`,
    });
  },
});
