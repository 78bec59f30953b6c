// Per-rule scope: options every rule accepts, honoured by the engine around `check`, with the semantics of Azure
// Policy's Kubernetes parameters (and Gatekeeper's `match`): namespaces, excludedNamespaces, labelSelector,
// excludedContainers, excludedImages. An Azure Policy assignment sets them; users may write them by hand too.
import { isRecord } from '../model/pod-spec';
import { compileLabelSelector, labelSelectorError, toLabels, type LabelMatcher } from '../rules/utils/label-selector';
import type { ContainerRef, KubeObject, Path, PodSpecRef } from './types';

export const SCOPE_OPTION_NAMES = ['namespaces', 'excludedNamespaces', 'labelSelector', 'excludedContainers', 'excludedImages'] as const;

export const SCOPE_OPTION_DESCRIPTIONS: Record<(typeof SCOPE_OPTION_NAMES)[number], string> = {
  namespaces: 'Only objects in these namespaces are checked (objects that name no namespace are checked).',
  excludedNamespaces: 'Objects in these namespaces are not checked; replaces the config\'s excludedNamespaces for this rule.',
  labelSelector: 'Only objects whose labels match this label selector are checked (for workloads: the pod template\'s labels).',
  excludedContainers: 'Containers (and init containers) with these names are not checked.',
  excludedImages: 'Containers with these images are not checked; a trailing `*` matches a prefix (`myacr.azurecr.io/istio:*`).',
};

export function isScopeOption(name: string): boolean {
  return (SCOPE_OPTION_NAMES as readonly string[]).includes(name);
}

/** Why `value` is not a valid value for the scope option `name`, or undefined. */
export function scopeOptionError(name: string, value: unknown): string | undefined {
  if (name === 'labelSelector') {
    if (!isRecord(value)) return `expected a label selector ({ matchLabels, matchExpressions }), got ${JSON.stringify(value)}`;
    const error = labelSelectorError(value);
    return error ? `invalid label selector: ${error}` : undefined;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return `expected a list of strings, got ${JSON.stringify(value)}`;
  return undefined;
}

export interface RuleScope {
  namespaces?: ReadonlySet<string>;
  excludedNamespaces?: ReadonlySet<string>;
  labelSelector?: LabelMatcher;
  excludedContainers?: ReadonlySet<string>;
  excludedImages?: readonly string[];
}

const compiled = new WeakMap<object, RuleScope | null>();

/** The scope in a rule's options, compiled once per options object; undefined when the options set none. */
export function ruleScope(options: Record<string, unknown>): RuleScope | undefined {
  let scope = compiled.get(options);
  if (scope === undefined) {
    scope = null;
    for (const name of SCOPE_OPTION_NAMES) {
      const value = options[name];
      if (value === undefined || scopeOptionError(name, value)) continue;
      scope ??= {};
      if (name === 'labelSelector') scope.labelSelector = compileLabelSelector(value);
      // An empty inclusion list means "every namespace", as Azure Policy's `namespaces` parameter.
      else if (name === 'namespaces') {
        if ((value as string[]).length) scope.namespaces = new Set(value as string[]);
      } else if (name === 'excludedImages') scope.excludedImages = value as string[];
      else scope[name] = new Set(value as string[]);
    }
    compiled.set(options, scope);
  }
  return scope ?? undefined;
}

/** Whether the rule looks at this object at all: its namespace and labels. `excludedGlobally`: by the config's list. */
export function scopeIncludes(scope: RuleScope | undefined, object: KubeObject, podSpec: PodSpecRef | undefined, excludedGlobally: boolean): boolean {
  const namespace = object.metadata?.namespace;
  const known = typeof namespace === 'string' && namespace !== '';
  if (scope?.excludedNamespaces ? known && scope.excludedNamespaces.has(namespace) : excludedGlobally) return false;
  // An object that names no namespace may be applied to any; it is checked (a cluster with this policy may see it).
  if (scope?.namespaces && known && !scope.namespaces.has(namespace)) return false;
  if (scope?.labelSelector) {
    // Azure Policy and Gatekeeper judge the Pod a workload creates: its labels are the template's.
    const labels = podSpec ? podSpec.metadata?.labels : object.metadata?.labels;
    if (!scope.labelSelector(toLabels(labels))) return false;
  }
  return true;
}

function imageExcluded(patterns: readonly string[], image: unknown): boolean {
  if (typeof image !== 'string') return false;
  return patterns.some((pattern) => (pattern.endsWith('*') ? image.startsWith(pattern.slice(0, -1)) : image === pattern));
}

export function hasContainerScope(scope: RuleScope | undefined): boolean {
  return !!(scope?.excludedContainers?.size || scope?.excludedImages?.length);
}

/** The containers the scope leaves out, by name or image. */
export function excludedContainers(scope: RuleScope, containers: readonly ContainerRef[]): ContainerRef[] {
  return containers.filter(
    (container) =>
      (typeof container.value.name === 'string' && scope.excludedContainers?.has(container.value.name)) ||
      (scope.excludedImages !== undefined && imageExcluded(scope.excludedImages, container.value.image)),
  );
}

/** Whether `path` lies inside one of the excluded containers (for rules that walk the pod spec themselves). */
export function insideExcluded(path: Path, excluded: readonly ContainerRef[]): boolean {
  return excluded.some((container) => container.path.length <= path.length && container.path.every((key, index) => path[index] === key));
}
