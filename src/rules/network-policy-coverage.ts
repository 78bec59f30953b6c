import type { KubeObject, LintObject } from '../engine/types';
import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { compileLabelSelector, effectiveNamespace, toLabels, type LabelMatcher } from './utils/label-selector';
import { entryOf, hasNamespaceObject, inNamespace, isKind, perLintSet } from './utils/lint-set';
import { pairsUp, SCOPE_OPTION, type LintScope } from './utils/lint-scope';
import { objectLabel } from './utils/object-label';

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

export type PolicyDirection = 'Ingress' | 'Egress';
const DIRECTIONS: readonly PolicyDirection[] = ['Ingress', 'Egress'];

interface PolicySelector {
  entry: LintObject;
  selects: LabelMatcher;
  /** The policy's effective policyTypes: the directions it isolates the selected pods for. */
  directions: ReadonlySet<PolicyDirection>;
}

/**
 * policyTypes as the API server defaults them (SetDefaults_NetworkPolicySpec): when unset, Ingress always, plus
 * Egress when the policy has egress rules.
 */
export function effectivePolicyTypes(spec: Record<string, unknown>): Set<PolicyDirection> {
  const types = spec.policyTypes;
  if (Array.isArray(types) && types.length > 0) {
    return new Set(DIRECTIONS.filter((direction) => types.includes(direction)));
  }
  const result = new Set<PolicyDirection>(['Ingress']);
  if (Array.isArray(spec.egress) && spec.egress.length > 0) result.add('Egress');
  return result;
}

/** A NetworkPolicy's podSelector as the API server decodes it: absent or null is the empty selector, every pod. */
function policyPodSelector(spec: Record<string, unknown>): unknown {
  const selector = spec.podSelector;
  return selector === undefined || selector === null ? {} : selector;
}

interface NamespacePolicies {
  /** The podSelector and directions of each standard NetworkPolicy of the namespace. */
  selectors: PolicySelector[];
  /** Policies of other APIs in the namespace, whose selectors the rule does not evaluate. */
  otherPolicies: LintObject[];
}

function namespacePolicies(objects: readonly LintObject[], namespace: string): NamespacePolicies {
  const cache = perLintSet(objects, 'network-policies-by-namespace', () => new Map<string, NamespacePolicies>());
  let policies = cache.get(namespace);
  if (!policies) {
    const neighbours = inNamespace(objects, namespace);
    policies = {
      selectors: neighbours
        .filter(({ object }) => isStandardPolicy(object) && isRecord(object.spec))
        .map((entry) => {
          const spec = entry.object.spec as Record<string, unknown>;
          return { entry, selects: compileLabelSelector(policyPodSelector(spec)), directions: effectivePolicyTypes(spec) };
        }),
      otherPolicies: neighbours.filter(({ object }) => isOtherPolicy(object)),
    };
    cache.set(namespace, policies);
  }
  return policies;
}

export interface NetworkPolicyCoverageOptions {
  directions: string[];
  scope: LintScope;
}

const UNCOVERED: Record<PolicyDirection, string> = {
  Ingress: 'accept traffic from every pod',
  Egress: 'can open connections to every pod and address',
};

export default defineRule<NetworkPolicyCoverageOptions>({
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
    options: {
      directions: {
        type: 'string[]',
        description: 'Directions a policy must isolate the pods for: Ingress, Egress (a policy counts for a direction its effective policyTypes include).',
      },
      scope: {
        ...SCOPE_OPTION,
        description: 'Which objects without a namespace are judged together: those of the same file, of the same directory (default), or the whole lint set. Objects of one build always pair up; objects that both name a namespace always do.',
      },
    },
    defaultOptions: { directions: ['Ingress'], scope: 'directory' },
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
    const self = entryOf(ctx.objects, object);
    if (!self) return;
    const policies = namespacePolicies(ctx.objects, namespace);
    // Objects without a namespace meet policies only within one build or directory (option scope).
    const scope = ctx.options.scope;
    if (policies.otherPolicies.some((entry) => pairsUp(self, entry, scope))) return;
    const pairing = policies.selectors.filter((policy) => pairsUp(self, policy.entry, scope));
    if (pairing.length === 0 && !(self.namespace !== undefined && hasNamespaceObject(ctx.objects, namespace))) return;
    const podLabels = toLabels(labels);
    const selecting = pairing.filter((policy) => policy.selects(podLabels));
    const asked = (Array.isArray(ctx.options.directions) ? ctx.options.directions : []).map((direction) => String(direction).toLowerCase());
    const wanted = DIRECTIONS.filter((direction) => asked.includes(direction.toLowerCase()));
    const open = wanted.filter((direction) => !selecting.some((policy) => policy.directions.has(direction)));
    if (open.length === 0) return;
    const subject = `${objectLabel(object)} in namespace "${namespace}"`;
    const fix = `add a policy selecting it (or a default-deny with podSelector: {} and policyTypes: [${open.join(', ')}])`;
    const consequence = `so its pods ${open.map((direction) => UNCOVERED[direction]).join(' and ')}`;
    const message =
      selecting.length === 0
        ? `${subject} is selected by no NetworkPolicy, ${consequence}; ${fix}.`
        : `${subject} is selected by no NetworkPolicy with policyTypes ${open.join(' and ')}, ${consequence}; ${fix}.`;
    ctx.report({ path: [...podSpec.metadataPath, 'labels'], message });
  },
});
