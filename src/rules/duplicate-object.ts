import type { KubeObject, LintObject } from '../engine/types';
import { builtInResourceScope } from '../model/reference/api-resources';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { embeddingOf, isRecord } from '../model/pod-spec';
import { apiGroupOf, nameOf, perLintSet } from './utils/lint-set';
import { inSameScope, SCOPE_OPTION, type LintScope } from './utils/lint-scope';
import { objectLabel } from './utils/object-label';
import { guessResource } from './utils/resource-name';

// Kinds served by two API groups from one storage: the same object under either apiVersion.
const GROUP_ALIASES: Readonly<Record<string, string>> = {
  'extensions Deployment': 'apps',
  'extensions DaemonSet': 'apps',
  'extensions ReplicaSet': 'apps',
  'extensions Ingress': 'networking.k8s.io',
  'extensions NetworkPolicy': 'networking.k8s.io',
  'extensions PodSecurityPolicy': 'policy',
  'events.k8s.io Event': '',
};

/** The scopes CustomResourceDefinitions of the lint set give their kinds, keyed by `group kind`. */
function customResourceScopes(objects: readonly LintObject[]): Map<string, unknown> {
  const scopes = new Map<string, unknown>();
  for (const { object } of objects) {
    if (object.kind !== 'CustomResourceDefinition' || apiGroupOf(object) !== 'apiextensions.k8s.io' || !isRecord(object.spec)) continue;
    const { spec } = object;
    if (typeof spec.group === 'string' && isRecord(spec.names) && typeof spec.names.kind === 'string') scopes.set(`${spec.group} ${spec.names.kind}`, spec.scope);
  }
  return scopes;
}

/** group/kind/namespace/name, with the namespace ignored for cluster-scoped kinds; undefined without a usable name. */
export function objectKey(object: KubeObject, crdScopes: ReadonlyMap<string, unknown>): string | undefined {
  const name = nameOf(object);
  if (!name || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string') return undefined;
  const declaredGroup = apiGroupOf(object);
  const group = GROUP_ALIASES[`${declaredGroup} ${object.kind}`] ?? declaredGroup;
  const resource = guessResource(object.kind);
  const scope = builtInResourceScope(group, resource) ?? (crdScopes.get(`${group} ${object.kind}`) === 'Cluster' ? 'cluster' : 'namespaced');
  const namespace = scope === 'cluster' ? '' : effectiveNamespace(object);
  return JSON.stringify([group, object.kind, namespace, name]);
}

interface Index {
  keys: Map<KubeObject, string>;
  byKey: Map<string, LintObject[]>;
}

// Keys computed once per lint set (the engine passes the same array to every check), not once per pair.
function indexOf(objects: readonly LintObject[]): Index {
  return perLintSet(objects, 'duplicate-object-index', () => {
    const index: Index = { keys: new Map(), byKey: new Map() };
    const crdScopes = customResourceScopes(objects);
    for (const entry of objects) {
      // A CSV's Deployments are duplicates of nothing: each bundle version of an operator installs the same names.
      if (embeddingOf(entry.object)) continue;
      const key = objectKey(entry.object, crdScopes);
      if (!key) continue;
      index.keys.set(entry.object, key);
      const entries = index.byKey.get(key) ?? [];
      entries.push(entry);
      index.byKey.set(key, entries);
    }
    return index;
  });
}

export default defineRule<{ scope: LintScope }>({
  meta: {
    id: 'duplicate-object',
    severity: 'error',
    category: 'reliability',
    description: 'The same object (API group, kind, namespace and name) must not be defined twice.',
    rationale:
      'Two manifests for one object overwrite each other: whichever is applied last wins, GitOps tools report a conflict or flap between them, and a fix made in one copy silently does nothing. API versions of one group (apps/v1 and apps/v1beta2) name the same object, as do extensions/v1beta1 and its successors.',
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'Object Names and IDs', url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/' },
      { source: 'Kubernetes', title: 'Declarative management of Kubernetes objects', url: 'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/' },
    ],
    options: { scope: SCOPE_OPTION },
    defaultOptions: { scope: 'file' },
  },
  check(object, ctx) {
    const index = indexOf(ctx.objects);
    const key = index.keys.get(object);
    if (!key) return;
    for (const entry of index.byKey.get(key) ?? []) {
      // Only earlier objects: the first definition is the original, each later one is reported.
      if (entry.object === object) return;
      if (!inSameScope(entry.file, ctx.file, ctx.options.scope)) continue;
      const namespace = JSON.parse(key)[2] as string;
      // A build's output is no file a person edits: "earlier in this build" then, naming the defining file when known.
      const self = entry.file === ctx.file ? ctx.objects.find((candidate) => candidate.object === object) : undefined;
      const where =
        entry.file !== ctx.file
          ? `in ${entry.file}`
          : self?.buildFile !== undefined
            ? `earlier in this build${entry.sourceFile ? ` (${entry.sourceFile})` : ''}`
            : 'earlier in this file';
      ctx.report({
        path: ['metadata', 'name'],
        message: `${objectLabel(object)}${namespace ? ` in namespace "${namespace}"` : ''} is already defined ${where}: keep one definition (applying both makes the last one win).`,
      });
      return;
    }
  },
});
