import type { LintObject } from '../engine/types';
import { BUILT_IN_API_GROUPS } from '../model/reference/api-resources';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace, toLabels } from './utils/label-selector';
import { apiGroupOf, inNamespace, isKind, nameOf, perLintSet, podTemplatesIn, type PodTemplateRef } from './utils/lint-set';

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

interface NamespaceLabels {
  /**
   * Labels of custom resources (an operator's Prometheus, Kafka...): operators usually give the pods they create the
   * resource's own labels or its `spec.podMetadata.labels`, so a match means the Service may well have endpoints.
   */
  customResources: Array<ReadonlyMap<string, string>>;
  /**
   * matchLabels of the NetworkPolicies and PodDisruptionBudgets: some pods get labels at run time (longhorn-manager
   * labels its own pod as the admission webhook); when another selector asks for every label of the Service's, the
   * authors expect such pods.
   */
  otherSelectors: Array<ReadonlyMap<string, string>>;
}

function namespaceLabels(objects: readonly LintObject[], namespace: string): NamespaceLabels {
  const cache = perLintSet(objects, 'dangling-service-labels', () => new Map<string, NamespaceLabels>());
  let result = cache.get(namespace);
  if (result) return result;
  result = { customResources: [], otherSelectors: [] };
  for (const { object } of inNamespace(objects, namespace)) {
    const spec = isRecord(object.spec) ? object.spec : undefined;
    if (!BUILT_IN_API_GROUPS.has(apiGroupOf(object))) {
      result.customResources.push(toLabels(object.metadata?.labels));
      if (isRecord(spec?.podMetadata)) result.customResources.push(toLabels(spec.podMetadata.labels));
      continue;
    }
    let labelSelector: unknown;
    if (isKind(object, 'NetworkPolicy', ['networking.k8s.io', 'extensions'])) labelSelector = spec?.podSelector;
    else if (isKind(object, 'PodDisruptionBudget', ['policy'])) labelSelector = spec?.selector;
    if (isRecord(labelSelector) && isRecord(labelSelector.matchLabels)) result.otherSelectors.push(toLabels(labelSelector.matchLabels));
  }
  cache.set(namespace, result);
  return result;
}

export default defineRule({
  meta: {
    id: 'dangling-service',
    severity: 'warning',
    category: 'network',
    description: 'A Service selector should match a pod template in the same namespace of the lint set.',
    rationale:
      'A Service whose selector matches no pod has no endpoints: clients get connection refused or time-outs, and ' +
      'probes of an Ingress or load balancer in front of it fail. It is usually a typo or a label renamed on one side ' +
      'only. The rule speaks only when the lint set holds pod templates in the namespace, so linting one file is quiet.',
    kinds: ['Service'],
    crossObject: true,
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
    const templates = podTemplatesIn(ctx.objects, namespace);
    if (templates.length === 0) return;
    if (templates.some((template) => selectsTemplate(wanted, template))) return;
    const { customResources, otherSelectors } = namespaceLabels(ctx.objects, namespace);
    if (customResources.some((labels) => carries(labels, wanted))) return;
    if (otherSelectors.some((labels) => carries(labels, wanted))) return;
    const described = Object.entries(selector)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', ');
    ctx.report({
      path: ['spec', 'selector'],
      message: `Service "${nameOf(object) ?? ''}" selects ${described}, which no pod template in namespace "${namespace}" carries, so it has no endpoints; fix the selector or the pod labels.`,
    });
  },
});
