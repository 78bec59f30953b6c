import type { Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { apiGroupOf } from './utils/lint-set';

// The kinds (core and apps groups) whose own labels Azure Policy's restricted-labels constraint judges.
const JUDGED_KINDS = ['Pod', 'Node', 'Service', 'Deployment', 'StatefulSet', 'ReplicaSet'];

export default defineRule<{ labels: string[] }>({
  meta: {
    id: 'no-aks-specific-labels',
    severity: 'warning',
    category: 'aks',
    description: 'Objects and pod templates must not carry the labels AKS reserves for its own components (prefix kubernetes.azure.com).',
    rationale:
      'AKS marks the nodes, pods and services it manages with labels prefixed kubernetes.azure.com (the node pool mode, the managing add-on...), and its controllers and scheduling rules select on them. A workload carrying them can be mistaken for an AKS component, or attract placement meant for one. AKS Deployment Safeguards deny or audit them.',
    references: [
      { source: 'Azure Policy', id: 'a22123bd-b9da-4c86-9424-24903e91fd55', title: 'No AKS Specific Labels' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
    ],
    options: {
      labels: {
        type: 'string[]',
        description: 'Reserved label prefixes (Azure Policy parameter `labels`); a label key starting with one of them is reported. Default: `kubernetes.azure.com`.',
      },
    },
    defaultOptions: { labels: ['kubernetes.azure.com'] },
  },
  check(object, ctx) {
    const prefixes = (Array.isArray(ctx.options.labels) ? ctx.options.labels : []).filter((prefix): prefix is string => typeof prefix === 'string' && prefix !== '');
    if (!prefixes.length) return;
    const label = objectLabel(object);
    const check = (labels: unknown, path: Path, what: string) => {
      if (!isRecord(labels)) return;
      for (const key of Object.keys(labels)) {
        const prefix = prefixes.find((candidate) => key.startsWith(candidate));
        if (!prefix) continue;
        ctx.report({
          path: [...path, key],
          message: `${what} carries the label "${key}": labels prefixed ${prefix} are reserved for AKS's own components; use a label of your own domain.`,
        });
      }
    };
    const group = apiGroupOf(object);
    if ((group === '' || group === 'apps') && typeof object.kind === 'string' && JUDGED_KINDS.includes(object.kind)) {
      check(object.metadata?.labels, ['metadata', 'labels'], label);
    }
    // Pods created from a template carry its labels, and Azure judges those Pods too.
    const pod = ctx.podSpec(object);
    if (pod && pod.metadataPath.length > 1) check(pod.metadata.labels, [...pod.metadataPath, 'labels'], `The pod template of ${label}`);
  },
});
