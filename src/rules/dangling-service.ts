import type { KubeObject } from '../engine/types';
import { BUILT_IN_API_GROUPS } from '../model/reference/api-resources';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace, matchesServiceSelector, toLabels } from './utils/label-selector';
import { apiGroupOf, inNamespace, isKind, nameOf, podTemplatesIn, type PodTemplateRef } from './utils/lint-set';

/** Service selector semantics, also accepting the labels the template's controller adds to its pods. */
function selectsTemplate(selector: Record<string, unknown>, template: PodTemplateRef): boolean {
  const labels = toLabels(template.labels);
  return Object.entries(selector).every(([key, value]) => {
    const expected = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    if (expected === undefined) return false;
    if (labels.has(key)) return labels.get(key) === expected;
    const generated = template.controllerLabels.get(key);
    return generated === '*' || (generated !== undefined && generated.includes(expected));
  });
}

/**
 * Operators create pods from custom resources (a Prometheus, a Kafka cluster...), usually with the resource's own
 * labels or its `spec.podMetadata.labels`: a match there means the Service may well have endpoints.
 */
function selectsCustomResource(selector: Record<string, unknown>, object: KubeObject): boolean {
  if (BUILT_IN_API_GROUPS.has(apiGroupOf(object))) return false;
  const podMetadata = isRecord(object.spec) && isRecord(object.spec.podMetadata) ? object.spec.podMetadata : undefined;
  return matchesServiceSelector(selector, object.metadata?.labels) || matchesServiceSelector(selector, podMetadata?.labels);
}

/**
 * Some pods get their labels at run time (longhorn-manager labels its own pod as the admission webhook). When a
 * NetworkPolicy or PodDisruptionBudget of the namespace selects pods by every label of the Service selector, the
 * authors expect such pods, and the Service is not judged dangling.
 */
function expectedByOtherSelector(selector: Record<string, unknown>, object: KubeObject): boolean {
  if (!isRecord(object.spec)) return false;
  let labelSelector: unknown;
  if (isKind(object, 'NetworkPolicy', ['networking.k8s.io', 'extensions'])) labelSelector = object.spec.podSelector;
  else if (isKind(object, 'PodDisruptionBudget', ['policy'])) labelSelector = object.spec.selector;
  if (!isRecord(labelSelector) || !isRecord(labelSelector.matchLabels)) return false;
  const matchLabels = toLabels(labelSelector.matchLabels);
  const wanted = toLabels(selector);
  return wanted.size > 0 && [...wanted].every(([key, value]) => matchLabels.get(key) === value);
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
    const namespace = effectiveNamespace(object);
    const templates = podTemplatesIn(ctx.objects, namespace);
    if (templates.length === 0) return;
    if (templates.some((template) => selectsTemplate(selector, template))) return;
    const neighbours = inNamespace(ctx.objects, namespace);
    if (neighbours.some(({ object: other }) => selectsCustomResource(selector, other) || expectedByOtherSelector(selector, other))) return;
    const wanted = Object.entries(selector)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', ');
    ctx.report({
      path: ['spec', 'selector'],
      message: `Service "${nameOf(object) ?? ''}" selects ${wanted}, which no pod template in namespace "${namespace}" carries, so it has no endpoints; fix the selector or the pod labels.`,
    });
  },
});
