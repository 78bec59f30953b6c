import type { KubeObject } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace, toLabels } from './utils/label-selector';
import { apiGroupOf, groupedBy, nameOf } from './utils/lint-set';
import { inSameScope, SCOPE_OPTION, type LintScope } from './utils/lint-scope';

/** The selector of a Service that routes by it, as a canonical string; undefined for none, empty or ExternalName. */
function selectorKey(service: KubeObject): string | undefined {
  if (service.kind !== 'Service' || apiGroupOf(service) !== '' || !isRecord(service.spec)) return undefined;
  if (service.spec.type === 'ExternalName') return undefined;
  const labels = toLabels(service.spec.selector);
  if (labels.size === 0) return undefined;
  return JSON.stringify([...labels.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export default defineRule<{ scope: LintScope }>({
  meta: {
    id: 'unique-service-selectors',
    severity: 'warning',
    category: 'aks',
    description: 'Two Services in one namespace should not have the same selector.',
    rationale:
      'Services with identical selectors send traffic to exactly the same pods; usually one of them is a copy-paste left over from another application, and the pods receive traffic meant for something else. AKS Deployment Safeguards require unique selectors per namespace. (A headless Service for a StatefulSet next to a client Service is the usual legitimate exception: suppress it there.)',
    kinds: ['Service'],
    crossObject: true,
    references: [
      { source: 'Azure Policy', id: 'b0fdedee-7b9e-4a17-9f5d-5e8e912d2f01', title: 'Kubernetes cluster services should use unique selectors' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
      { source: 'Kubernetes', title: 'Service', url: 'https://kubernetes.io/docs/concepts/services-networking/service/' },
    ],
    options: { scope: SCOPE_OPTION },
    defaultOptions: { scope: 'file' },
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
      const where = entry.file === ctx.file ? '' : ` (${entry.file})`;
      ctx.report({
        path: ['spec', 'selector'],
        message: `Service "${name ?? ''}" has the same selector as Service "${nameOf(other) ?? ''}"${where} in namespace "${namespace}": give each Service a selector that picks only its own pods.`,
      });
      return;
    }
  },
});
