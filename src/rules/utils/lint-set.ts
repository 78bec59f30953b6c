// Helpers for cross-object rules over the lint set (`ctx.objects`).
import type { KubeObject, LintObject } from '../../engine/types';
import { extractPodSpec, isRecord } from '../../model/pod-spec';
import { effectiveApiGroup } from '../../model/reference/api-resources';
import { effectiveNamespace, toLabels } from './label-selector';
import { pairsUp } from './lint-scope';

/**
 * The API group of an object: `apps` for `apps/v1`, '' for the core `v1`; a built-in kind under `v1`, which never served
 * it (`apiVersion: v1` + `kind: Deployment`), is judged as that kind (deprecated-api-version reports the apiVersion).
 */
export function apiGroupOf(object: KubeObject): string {
  return effectiveApiGroup(object.apiVersion, object.kind);
}

/** True when the object has this kind and its apiVersion is in one of `groups` (any version). */
export function isKind(object: KubeObject, kind: string, groups: readonly string[]): boolean {
  return object.kind === kind && groups.includes(apiGroupOf(object));
}

const memos = new WeakMap<readonly LintObject[], Map<string, unknown>>();

/**
 * Computes a summary of the lint set once per run and returns it on every later call. `ctx.objects` is one array
 * per run, so cross-object rules stay linear in the size of the set instead of scanning it for every object.
 */
export function perLintSet<T>(objects: readonly LintObject[], key: string, compute: () => T): T {
  let memo = memos.get(objects);
  if (!memo) {
    memo = new Map();
    memos.set(objects, memo);
  }
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

function byNamespace(objects: readonly LintObject[]): Map<string, LintObject[]> {
  return perLintSet(objects, 'objects-by-namespace', () => {
    const result = new Map<string, LintObject[]>();
    for (const entry of objects) {
      const namespace = effectiveNamespace(entry.object);
      const list = result.get(namespace);
      if (list) list.push(entry);
      else result.set(namespace, [entry]);
    }
    return result;
  });
}

/** The objects of the lint set in namespace `namespace` (objects without one count as `default`). */
export function inNamespace(objects: readonly LintObject[], namespace: string): readonly LintObject[] {
  return byNamespace(objects).get(namespace) ?? [];
}

/** The `Namespace` objects of the lint set by name (the first of each name). */
function namespaceObjects(objects: readonly LintObject[]): ReadonlyMap<string, KubeObject> {
  return perLintSet(objects, 'namespace-objects', () => {
    const found = new Map<string, KubeObject>();
    for (const { object } of objects) {
      const objectName = nameOf(object);
      if (object.kind === 'Namespace' && apiGroupOf(object) === '' && objectName && !found.has(objectName)) found.set(objectName, object);
    }
    return found;
  });
}

/** True when the lint set holds a `Namespace` object named `name`. */
export function hasNamespaceObject(objects: readonly LintObject[], name: string): boolean {
  return namespaceObjects(objects).has(name);
}

/** The `Namespace` object named `name` in the lint set, if any. */
export function namespaceObject(objects: readonly LintObject[], name: string): KubeObject | undefined {
  return namespaceObjects(objects).get(name);
}

export interface PodTemplateRef {
  entry: LintObject;
  /** The labels of the pod template (malformed entries dropped, scalars as text). */
  labels: ReadonlyMap<string, string>;
  /** Labels the controller adds to the pods it creates. */
  controllerLabels: ControllerLabels;
}

/** Every pod template of the lint set in `namespace`: Pods, workload templates and CronJob job templates. */
export function podTemplatesIn(objects: readonly LintObject[], namespace: string): readonly PodTemplateRef[] {
  const templates = perLintSet(objects, 'pod-templates-by-namespace', () => {
    const result = new Map<string, PodTemplateRef[]>();
    for (const entry of objects) {
      const podSpec = extractPodSpec(entry.object);
      if (!podSpec) continue;
      const template = { entry, labels: toLabels(podSpec.metadata.labels), controllerLabels: controllerPodLabels(entry.object) };
      const key = effectiveNamespace(entry.object);
      const list = result.get(key);
      if (list) list.push(template);
      else result.set(key, [template]);
    }
    return result;
  });
  return templates.get(namespace) ?? [];
}

/** `metadata.name` when it is a string. */
export function nameOf(object: KubeObject): string | undefined {
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** Label values a controller adds to the pods it creates: a list of possible values, or '*' when unknowable here. */
export type ControllerLabels = Map<string, readonly string[] | '*'>;

/**
 * Labels the workload controllers add to pods on top of the template's (pod-template-hash, the StatefulSet pod name
 * and index, the Job name...), so a selector using them can still be matched against the lint set.
 */
export function controllerPodLabels(object: KubeObject): ControllerLabels {
  const labels: ControllerLabels = new Map();
  const name = nameOf(object) ?? '';
  const group = apiGroupOf(object);
  if (group === 'apps' || group === 'extensions') {
    switch (object.kind) {
      case 'Deployment':
      case 'ReplicaSet':
        labels.set('pod-template-hash', '*');
        break;
      case 'DaemonSet':
        labels.set('controller-revision-hash', '*');
        labels.set('pod-template-generation', '*');
        break;
      case 'StatefulSet': {
        labels.set('controller-revision-hash', '*');
        const replicas = isRecord(object.spec) ? object.spec.replicas ?? 1 : 1;
        if (typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 && replicas <= 1000) {
          const indexes = Array.from({ length: replicas }, (_, index) => String(index));
          labels.set('statefulset.kubernetes.io/pod-name', indexes.map((index) => `${name}-${index}`));
          labels.set('apps.kubernetes.io/pod-index', indexes);
        } else {
          labels.set('statefulset.kubernetes.io/pod-name', '*');
          labels.set('apps.kubernetes.io/pod-index', '*');
        }
        break;
      }
    }
  } else if (group === 'batch' && (object.kind === 'Job' || object.kind === 'CronJob')) {
    // A CronJob's Jobs get generated names, so their name labels are unknowable.
    const jobName = object.kind === 'Job' ? [name] : '*';
    for (const key of ['job-name', 'batch.kubernetes.io/job-name']) labels.set(key, jobName);
    for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index']) {
      labels.set(key, '*');
    }
  }
  return labels;
}

/** Groups the lint set by `keyOf` (entries with an undefined key are left out), in lint-set order, once per run. */
export function groupedBy<K>(
  objects: readonly LintObject[],
  memoKey: string,
  keyOf: (entry: LintObject) => K | undefined,
): ReadonlyMap<K, readonly LintObject[]> {
  return perLintSet(objects, memoKey, () => {
    const result = new Map<K, LintObject[]>();
    for (const entry of objects) {
      const key = keyOf(entry);
      if (key === undefined) continue;
      const list = result.get(key);
      if (list) list.push(entry);
      else result.set(key, [entry]);
    }
    return result;
  });
}

/** The objects of the lint set whose `metadata.name` is `name`, in lint-set order (any kind, any namespace). */
export function withName(objects: readonly LintObject[], name: string): readonly LintObject[] {
  return groupedBy(objects, 'objects-by-name', (entry) => nameOf(entry.object)).get(name) ?? [];
}

/** The lint-set entry (file, namespace, build) of `object`, indexed once per run. */
export function entryOf(objects: readonly LintObject[], object: KubeObject): LintObject | undefined {
  return perLintSet(objects, 'entries-by-object', () => new Map(objects.map((entry) => [entry.object, entry]))).get(object);
}

/**
 * The labels a workload's pods carry as far as the manifest tells: the pod template's, plus the workload selector's
 * `matchLabels` (or an RC/DeploymentConfig's plain selector map), which the pods must carry for the workload to own them.
 * This matters for templates without labels (a partial manifest, labels added by a Kustomize commonLabels later).
 */
export function workloadPodLabels(workload: KubeObject): Map<string, string> {
  const labels = new Map<string, string>();
  const selector = isRecord(workload.spec) ? workload.spec.selector : undefined;
  if (isRecord(selector)) {
    const plain = !('matchLabels' in selector) && !('matchExpressions' in selector);
    for (const [key, value] of toLabels(plain ? selector : selector.matchLabels)) labels.set(key, value);
  }
  for (const [key, value] of toLabels(extractPodSpec(workload)?.metadata.labels)) labels.set(key, value);
  return labels;
}

/** The workload's own label selector (`spec.selector`), as a LabelSelector, when it is one (not an RC's plain map). */
export function workloadLabelSelector(workload: KubeObject): Record<string, unknown> | undefined {
  const selector = isRecord(workload.spec) ? workload.spec.selector : undefined;
  if (!isRecord(selector) || !('matchLabels' in selector || 'matchExpressions' in selector)) return undefined;
  return selector;
}

/** The objects of the lint set of `kind` in the core-or-given API `groups`, in namespace `namespace` (indexed once per run). */
export function kindInNamespace(objects: readonly LintObject[], kind: string, groups: readonly string[], namespace: string): readonly LintObject[] {
  return groupedBy(objects, `kind-in-namespace:${kind}:${groups.join(',')}`, ({ object }) => (isKind(object, kind, groups) ? effectiveNamespace(object) : undefined)).get(namespace) ?? [];
}

/** The core Services of the lint set in `namespace`. */
export function servicesIn(objects: readonly LintObject[], namespace: string): readonly LintObject[] {
  return kindInNamespace(objects, 'Service', [''], namespace);
}

/**
 * The entries of `entries` that are evidence about `object`'s namespace: those that pair up with it (`pairsUp`: both
 * name their namespace, or, without one, the same build or directory: a folder of unrelated examples all lands in
 * `default` here, yet they are never applied together).
 */
export function sameApplyScope(objects: readonly LintObject[], entries: readonly LintObject[], object: KubeObject): readonly LintObject[] {
  const self = entryOf(objects, object);
  return self ? entries.filter((entry) => pairsUp(self, entry, 'directory')) : entries;
}
