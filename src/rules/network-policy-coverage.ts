import type { KubeObject, LintObject } from '../engine/types';
import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { compileLabelSelector, effectiveNamespace, toLabels, type LabelMatcher } from './utils/label-selector';
import { hasNamespaceObject, inNamespace, isKind, nameOf, perLintSet } from './utils/lint-set';

const NETWORK_POLICY_GROUPS = ['networking.k8s.io', 'extensions'];
/** Workload kinds whose pod template labels must match a selector. */
const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** Policy kinds of CNI plugins and of the AdminNetworkPolicy API, whose selectors this rule does not evaluate. */
const CLUSTER_WIDE_POLICY_KINDS = new Set([
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
]);

function isStandardPolicy(object: KubeObject): boolean {
  return isKind(object, 'NetworkPolicy', NETWORK_POLICY_GROUPS);
}

/** Cilium, Calico, Antrea... policies: their selectors have other semantics, so their namespace is not judged. */
function isOtherPolicy(object: KubeObject): boolean {
  return typeof object.kind === 'string' && /NetworkPolicy$/.test(object.kind) && !isStandardPolicy(object);
}

interface NamespacePolicies {
  /** The podSelector of each standard NetworkPolicy of the namespace. */
  selectors: LabelMatcher[];
  /** True when the namespace holds a policy of another API the rule does not evaluate. */
  otherPolicy: boolean;
}

function namespacePolicies(objects: readonly LintObject[], namespace: string): NamespacePolicies {
  const cache = perLintSet(objects, 'network-policies-by-namespace', () => new Map<string, NamespacePolicies>());
  let policies = cache.get(namespace);
  if (!policies) {
    const neighbours = inNamespace(objects, namespace);
    policies = {
      // podSelector is required: a policy without one is invalid and selects nothing.
      selectors: neighbours
        .filter(({ object }) => isStandardPolicy(object))
        .map(({ object }) => compileLabelSelector(isRecord(object.spec) ? object.spec.podSelector : undefined)),
      otherPolicy: neighbours.some(({ object }) => isOtherPolicy(object)),
    };
    cache.set(namespace, policies);
  }
  return policies;
}

export default defineRule({
  meta: {
    id: 'network-policy-coverage',
    severity: 'warning',
    category: 'network',
    description: 'Every workload in a namespace of the lint set should be selected by a NetworkPolicy.',
    rationale:
      'Pods that no NetworkPolicy selects accept traffic from, and send traffic to, every pod in the cluster, so one ' +
      'compromised workload can reach all others. On AKS, policies are enforced by Azure Network Policy Manager, ' +
      'Calico or Cilium; start with a default-deny policy (`podSelector: {}`) per namespace. The rule judges a ' +
      'namespace only when the lint set holds its Namespace object or at least one of its NetworkPolicies.',
    kinds: POD_WORKLOADS,
    crossObject: true,
    references: [
      {
        source: 'Kubernetes',
        title: 'Network policies: isolation of pods',
        url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
      },
      { source: 'CIS', id: '5.3.2', title: 'Ensure that all Namespaces have Network Policies defined' },
      {
        source: 'AKS',
        title: 'Secure traffic between pods using network policies in AKS',
        url: 'https://learn.microsoft.com/azure/aks/use-network-policies',
      },
    ],
  },
  check(object, ctx) {
    const podSpec = ctx.podSpec(object);
    if (!podSpec) return;
    // NetworkPolicies do not apply to pods on the host network: no policy could cover them (no-host-network says so).
    if (podSpec.value.hostNetwork === true) return;
    const labels = podSpec.metadata.labels;
    // A controller template without labels cannot match its required selector: it is a kustomize patch or a base
    // whose labels a kustomization adds at build time, not a workload this rule can judge.
    if (SELECTOR_KINDS.has(String(object.kind)) && (!isRecord(labels) || Object.keys(labels).length === 0)) return;
    const clusterWidePolicy = perLintSet(ctx.objects, 'cluster-wide-network-policy', () =>
      ctx.objects.some(({ object: other }) => typeof other.kind === 'string' && CLUSTER_WIDE_POLICY_KINDS.has(other.kind)),
    );
    if (clusterWidePolicy) return;
    const namespace = effectiveNamespace(object);
    const policies = namespacePolicies(ctx.objects, namespace);
    if (policies.otherPolicy) return;
    if (policies.selectors.length === 0 && !hasNamespaceObject(ctx.objects, namespace)) return;
    const podLabels = toLabels(labels);
    if (policies.selectors.some((selects) => selects(podLabels))) return;
    ctx.report({
      path: [...podSpec.metadataPath, 'labels'],
      message: `${object.kind} "${nameOf(object) ?? ''}" in namespace "${namespace}" is selected by no NetworkPolicy, so its pods accept traffic from every pod; add a policy selecting it (or a default-deny with podSelector: {}).`,
    });
  },
});
