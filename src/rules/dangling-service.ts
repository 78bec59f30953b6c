import type { KubeObject, LintObject } from '../engine/types';
import { BUILT_IN_API_GROUPS } from '../model/reference/api-resources';
import { isNonWorkloadKind } from '../model/reference/non-workload-kinds';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace, toLabels } from './utils/label-selector';
import { pairsUp, SCOPE_OPTION, type LintScope } from './utils/lint-scope';
import { apiGroupOf, entryOf, inNamespace, isKind, perLintSet, podTemplatesIn, type PodTemplateRef } from './utils/lint-set';
import { objectLabel } from './utils/object-label';

/** Service selector semantics, also accepting the labels the template's controller adds to its pods. */
function selectsTemplate(selector: ReadonlyMap<string, string>, template: PodTemplateRef): boolean {
  for (const [key, expected] of selector) {
    if (template.labels.has(key)) {
      if (template.labels.get(key) !== expected) return false;
      continue;
    }
    const generated = template.controllerLabels.get(key);
    if (generated !== '*' && !generated?.includes(expected)) return false;
  }
  return true;
}

/** True when `labels` carries every label of `selector`. */
function carries(labels: ReadonlyMap<string, string>, selector: ReadonlyMap<string, string>): boolean {
  for (const [key, value] of selector) if (labels.get(key) !== value) return false;
  return true;
}

/** The files some build of the lint set reads: their objects are judged in the build. */
function builtSources(objects: readonly LintObject[]): ReadonlySet<string> {
  return perLintSet(objects, 'built-source-files', () => new Set(objects.flatMap((entry) => (entry.sourceFile === undefined ? [] : [entry.sourceFile]))));
}

/**
 * True when an object of the namespace may make pods whose labels the lint set cannot know: any custom resource that
 * is not known as configuration (an operator's LeaderWorkerSet, CloudNativePG Cluster, Zalando postgresql, Redis,
 * OLM ClusterServiceVersion, Prometheus...). Such a namespace is not judged.
 */
function mayMakePods(object: KubeObject): boolean {
  const group = apiGroupOf(object);
  return !BUILT_IN_API_GROUPS.has(group) && !isNonWorkloadKind(group, object.kind);
}

/**
 * matchLabels of a NetworkPolicy or PodDisruptionBudget: some pods get labels at run time (longhorn-manager labels its
 * own pod as the admission webhook); when another selector asks for every label of the Service's, the authors expect
 * such pods.
 */
function otherSelector(object: KubeObject): ReadonlyMap<string, string> | undefined {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  let labelSelector: unknown;
  if (isKind(object, 'NetworkPolicy', ['networking.k8s.io', 'extensions'])) labelSelector = spec?.podSelector;
  else if (isKind(object, 'PodDisruptionBudget', ['policy'])) labelSelector = spec?.selector;
  return isRecord(labelSelector) && isRecord(labelSelector.matchLabels) ? toLabels(labelSelector.matchLabels) : undefined;
}

export default defineRule<{ scope: LintScope }>({
  meta: {
    id: 'dangling-service',
    severity: 'warning',
    category: 'network',
    description: 'A Service selector should match a pod template in the same namespace of the lint set.',
    rationale:
      'A Service whose selector matches no pod has no endpoints: clients get connection refused or time-outs, and ' +
      'probes of an Ingress or load balancer in front of it fail. It is usually a typo or a label renamed on one side ' +
      'only. The rule speaks only when the lint set holds pod templates in the namespace, so linting one file is quiet. ' +
      'Like every reliability rule it prefers a missed finding to a false one: namespaces where an operator may make ' +
      'the pods are not judged.',
    kinds: ['Service'],
    crossObject: true,
    options: {
      scope: {
        ...SCOPE_OPTION,
        description: 'Which objects without a namespace are judged together: those of the same file, of the same directory (default), or the whole lint set. Objects of one build always pair up; objects that both name a namespace always do.',
      },
    },
    defaultOptions: { scope: 'directory' },
    references: [
      {
        source: 'Kubernetes',
        title: 'Services without selectors and selector matching',
        url: 'https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors',
      },
      {
        source: 'Kubernetes',
        title: 'Debug Services: does the Service have any Endpoints?',
        url: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-service/#does-the-service-have-any-endpoints',
      },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== '' || !isRecord(object.spec)) return;
    const { selector, type } = object.spec;
    // ExternalName Services and Services without a selector (hand-made Endpoints) get no endpoints from the selector.
    if (type === 'ExternalName' || !isRecord(selector) || Object.keys(selector).length === 0) return;
    const wanted = toLabels(selector);
    // A selector value that is not a string is rejected by the API server (and by the schema rule): nothing to match.
    if (wanted.size !== Object.keys(selector).length) return;
    const namespace = effectiveNamespace(object);
    const self = entryOf(ctx.objects, object);
    if (!self) return;
    // A file that a build of the set also reads is judged in that build, beside the templates of its other files.
    if (self.buildFile === undefined && builtSources(ctx.objects).has(self.file)) return;
    const scope = ctx.options.scope;
    const templates = podTemplatesIn(ctx.objects, namespace).filter((template) => pairsUp(self, template.entry, scope));
    if (templates.length === 0) return;
    if (templates.some((template) => selectsTemplate(wanted, template))) return;
    const neighbours = inNamespace(ctx.objects, namespace).filter((entry) => pairsUp(self, entry, scope));
    if (neighbours.some(({ object: neighbour }) => mayMakePods(neighbour))) return;
    if (neighbours.some(({ object: neighbour }) => {
      const labels = otherSelector(neighbour);
      return labels !== undefined && carries(labels, wanted);
    })) return;
    const described = Object.entries(selector)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', ');
    ctx.report({
      path: ['spec', 'selector'],
      message: `${objectLabel(object)} selects ${described}, which no pod template in namespace "${namespace}" carries, so it has no endpoints; fix the selector or the pod labels.`,
    });
  },
});
