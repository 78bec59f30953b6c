// Gatekeeper's `spec.match`: kinds (with apiGroups), scope, namespaces and excludedNamespaces (with prefix and suffix
// globs), name, labelSelector and namespaceSelector. https://open-policy-agent.github.io/gatekeeper/website/docs/howto/#the-match-field
import type { KubeObject, LintObject } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { apiGroupOf, perLintSet } from '../../rules/utils/lint-set';
import { effectiveNamespace, matchesLabelSelector } from '../../rules/utils/label-selector';

// Kinds served cluster-wide, for `scope` and for namespaces criteria (which do not apply to them).
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CustomResourceDefinition',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'APIService',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'PodSecurityPolicy', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'ClusterIssuer',
]);

export function isClusterScoped(object: KubeObject): boolean {
  return typeof object.kind === 'string' && CLUSTER_SCOPED_KINDS.has(object.kind) && object.metadata?.namespace === undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Gatekeeper's namespace and name globs: `*` at the start or end (a prefix or suffix), else exact. */
export function matchesGlob(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*') && pattern.endsWith('*') && pattern.length > 1) return value.includes(pattern.slice(1, -1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

function kindsMatch(match: Record<string, unknown>, group: string, kind: string): boolean {
  if (!Array.isArray(match.kinds) || !match.kinds.length) return true;
  return match.kinds.some((entry) => {
    if (!isRecord(entry)) return false;
    const groups = strings(entry.apiGroups);
    const kinds = strings(entry.kinds);
    return (!groups.length || groups.includes('*') || groups.includes(group)) && (!kinds.length || kinds.includes('*') || kinds.includes(kind));
  });
}

/** An object (or the pod a workload creates, `asPod`) as the criteria see it. */
export interface MatchTarget {
  object: KubeObject;
  group: string;
  kind: string;
  /** undefined for a generated pod: its name is not known before it exists. */
  name: string | undefined;
  /** What a generated name starts with: `metadata.generateName`, or `<workload>-` for the pods a workload creates. */
  namePrefix?: string;
  labels: unknown;
}

export function targetOf(object: KubeObject): MatchTarget {
  const generateName = (object.metadata as { generateName?: unknown } | undefined)?.generateName;
  return { object, group: apiGroupOf(object), kind: String(object.kind), name: object.metadata?.name, namePrefix: typeof generateName === 'string' ? generateName : undefined, labels: object.metadata?.labels };
}

/**
 * Gatekeeper's MatchesGenerateName, for a name known only by its start: `prefix*` and `*infix*` patterns can match
 * it; when the known start is too short to tell, it does not match (no finding rather than a guessed one).
 */
function matchesNamePrefix(pattern: string, known: string): boolean {
  if (pattern.length > 1 && pattern.startsWith('*') && pattern.endsWith('*')) return known.includes(pattern.slice(1, -1));
  if (pattern.endsWith('*') && !pattern.startsWith('*')) return known.startsWith(pattern.slice(0, -1));
  return pattern === '*';
}

/** True when the constraint's `spec.match` selects the target in the lint set `objects`. */
export function matches(match: Record<string, unknown>, target: MatchTarget, objects: readonly LintObject[]): boolean {
  if (!kindsMatch(match, target.group, target.kind)) return false;
  const clusterScoped = target.kind !== 'Pod' && isClusterScoped(target.object);
  const scope = match.scope;
  if (scope === 'Cluster' && !clusterScoped) return false;
  if (scope === 'Namespaced' && clusterScoped) return false;
  if (typeof match.name === 'string' && match.name !== '') {
    const named = target.name !== undefined ? matchesGlob(match.name, target.name) : target.namePrefix !== undefined && matchesNamePrefix(match.name, target.namePrefix);
    if (!named) return false;
  }
  if (match.labelSelector !== undefined && !matchesLabelSelector(match.labelSelector, target.labels ?? {})) return false;
  // A Namespace is judged by its own name and labels; other cluster-scoped objects are outside namespaces criteria.
  const isNamespace = target.kind === 'Namespace' && target.group === '';
  if (clusterScoped && !isNamespace) return true;
  const namespace = isNamespace ? String(target.name ?? '') : effectiveNamespace(target.object);
  const namespaces = strings(match.namespaces);
  if (Array.isArray(match.namespaces) && !namespaces.some((pattern) => matchesGlob(pattern, namespace))) return false;
  if (strings(match.excludedNamespaces).some((pattern) => matchesGlob(pattern, namespace))) return false;
  if (match.namespaceSelector !== undefined) {
    const labels = isNamespace ? target.labels : namespaceLabels(objects, namespace);
    // Without the Namespace object its labels are unknown: kubeguard does not guess (no finding rather than a false one).
    if (labels === undefined || !matchesLabelSelector(match.namespaceSelector, labels ?? {})) return false;
  }
  return true;
}

/** The labels of the Namespace objects of the lint set, by name (indexed once per run). */
function namespaceLabels(objects: readonly LintObject[], namespace: string): unknown {
  const labels = perLintSet(objects, 'gatekeeper-namespace-labels', () => {
    const byName = new Map<string, unknown>();
    for (const { object } of objects) {
      const name = object.metadata?.name;
      if (object.kind === 'Namespace' && apiGroupOf(object) === '' && typeof name === 'string' && !byName.has(name)) byName.set(name, object.metadata?.labels ?? {});
    }
    return byName;
  });
  return labels.get(namespace);
}
