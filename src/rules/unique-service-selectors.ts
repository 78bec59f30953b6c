import type { KubeObject } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace, toLabels } from './utils/label-selector';
import { apiGroupOf, groupedBy, nameOf } from './utils/lint-set';
import { inSameScope, SCOPE_OPTION, type LintScope } from './utils/lint-scope';
import { objectLabel } from './utils/object-label';

/** The selector of a Service that routes by it, as a canonical string; undefined for none, empty or ExternalName. */
function selectorKey(service: KubeObject): string | undefined {
  if (service.kind !== 'Service' || apiGroupOf(service) !== '' || !isRecord(service.spec)) return undefined;
  if (service.spec.type === 'ExternalName') return undefined;
  const labels = toLabels(service.spec.selector);
  if (labels.size === 0) return undefined;
  return JSON.stringify([...labels.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The ports a Service sends traffic to on its pods (targetPort, or port when unset), as text. */
function podPorts(service: KubeObject): Set<string> {
  const ports = isRecord(service.spec) && Array.isArray(service.spec.ports) ? service.spec.ports : [];
  const result = new Set<string>();
  for (const port of ports) {
    if (!isRecord(port)) continue;
    const target = port.targetPort ?? port.port;
    if (typeof target === 'string' || typeof target === 'number') result.add(String(target));
  }
  return result;
}

function isHeadless(service: KubeObject): boolean {
  return isRecord(service.spec) && service.spec.clusterIP === 'None';
}

/**
 * Under `distinct-ports`, two Services with one selector are two purposes, not a copy: a headless Service (a
 * StatefulSet's stable DNS names) beside a client Service, or Services reaching different ports of one controller
 * (metrics and webhook).
 */
function distinctPurposes(a: KubeObject, b: KubeObject): boolean {
  if (isHeadless(a) !== isHeadless(b)) return true;
  const portsA = podPorts(a);
  const portsB = podPorts(b);
  if (portsA.size === 0 || portsB.size === 0) return false;
  for (const port of portsA) if (portsB.has(port)) return false;
  return true;
}

export type SelectorSemantics = 'azure' | 'distinct-ports';

export default defineRule<{ scope: LintScope; semantics: SelectorSemantics }>({
  meta: {
    id: 'unique-service-selectors',
    severity: 'warning',
    category: 'aks',
    description: 'Two Services in one namespace should not have the same selector.',
    rationale:
      'Services with identical selectors send traffic to exactly the same pods; usually one of them is a copy-paste left over from another application, and the pods receive traffic meant for something else. AKS Deployment Safeguards require unique selectors per namespace. Outside the aks preset, a headless Service beside a client Service and Services reaching different pod ports (metrics, webhook) are legitimate and not reported.',
    kinds: ['Service'],
    crossObject: true,
    references: [
      { source: 'Azure Policy', id: 'b0fdedee-7b9e-4a17-9f5d-5e8e912d2f01', title: 'Kubernetes cluster services should use unique selectors' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
      { source: 'Kubernetes', title: 'Service', url: 'https://kubernetes.io/docs/concepts/services-networking/service/' },
    ],
    options: {
      scope: SCOPE_OPTION,
      semantics: {
        type: 'enum',
        values: ['azure', 'distinct-ports'],
        description: 'azure: any two Services of a namespace with the same selector, as Azure Policy (the aks preset); distinct-ports (default): not a headless Service beside a client Service, nor Services reaching different pod ports.',
      },
    },
    defaultOptions: { scope: 'file', semantics: 'distinct-ports' },
  },
  check(object, ctx) {
    const key = selectorKey(object);
    if (!key) return;
    const namespace = effectiveNamespace(object);
    const name = nameOf(object);
    // Services keyed by namespace and selector, in lint-set order, once per run: only those can be reported here.
    const bySelector = groupedBy(ctx.objects, 'services-by-namespace-selector', ({ object: service }) => {
      const serviceKey = selectorKey(service);
      return serviceKey === undefined ? undefined : `${effectiveNamespace(service)}\0${serviceKey}`;
    });
    for (const entry of bySelector.get(`${namespace}\0${key}`) ?? []) {
      // Compare with earlier Services only: the first one keeps its selector, each later copy is reported.
      if (entry.object === object) return;
      const other = entry.object;
      // The same Service defined twice is duplicate-object's business, not a second Service.
      if (nameOf(other) === name || effectiveNamespace(other) !== namespace) continue;
      if (!inSameScope(entry.file, ctx.file, ctx.options.scope) || selectorKey(other) !== key) continue;
      if (ctx.options.semantics !== 'azure' && distinctPurposes(object, other)) continue;
      const where = entry.file === ctx.file ? '' : ` (${entry.file})`;
      ctx.report({
        path: ['spec', 'selector'],
        message: `${objectLabel(object)} has the same selector as ${objectLabel(other)}${where} in namespace "${namespace}": give each Service a selector that picks only its own pods.`,
      });
      return;
    }
  },
});
