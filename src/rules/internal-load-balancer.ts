import type { IService } from 'kubernetes-models/v1/Service';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { isRecord } from '../model/pod-spec';
import { apiGroupOf } from './utils/lint-set';

const INTERNAL_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';
/** Annotations that restrict the clients of a LoadBalancer like spec.loadBalancerSourceRanges (comma-separated). */
const SOURCE_RANGE_ANNOTATIONS = [
  'service.beta.kubernetes.io/load-balancer-source-ranges',
  'service.beta.kubernetes.io/azure-allowed-ip-ranges',
  'service.beta.kubernetes.io/azure-allowed-service-tags',
];
const ALLOW_ALL = new Set(['0.0.0.0/0', '::/0']);

function annotationList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : [];
}

export default defineRule({
  meta: {
    id: 'internal-load-balancer',
    severity: 'warning',
    category: 'network',
    description: 'LoadBalancer Services should be internal, or restrict their clients with loadBalancerSourceRanges.',
    rationale:
      'On AKS a `type: LoadBalancer` Service gets a public IP on the Azure load balancer unless it carries the annotation ' +
      '`service.beta.kubernetes.io/azure-load-balancer-internal: "true"`; the network security group then admits the ' +
      'whole internet. Use an internal load balancer (behind Application Gateway, Front Door or a firewall), or ' +
      'restrict the source ranges. Mirrors the Azure Policy "Kubernetes clusters should use internal load balancers".',
    kinds: ['Service'],
    references: [
      {
        source: 'Azure Policy',
        id: '3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e',
        title: 'Kubernetes clusters should use internal load balancers',
      },
      {
        source: 'AKS',
        title: 'Use an internal load balancer with AKS',
        url: 'https://learn.microsoft.com/azure/aks/internal-lb',
      },
      {
        source: 'AKS',
        title: 'Restrict inbound traffic with loadBalancerSourceRanges',
        url: 'https://learn.microsoft.com/azure/aks/load-balancer-standard#restrict-inbound-traffic-to-specific-ip-ranges',
      },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== '') return;
    const service = object as IService;
    const spec = isRecord(service.spec) ? service.spec : undefined;
    if (spec?.type !== 'LoadBalancer') return;
    const annotations: Record<string, unknown> = isRecord(service.metadata?.annotations) ? service.metadata!.annotations : {};
    // YAML 1.1 reads an unquoted `true` as a boolean; the API would reject it, but the intent is clear.
    if (String(annotations[INTERNAL_ANNOTATION]) === 'true') return;

    const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
    const openRange = ranges.findIndex((range) => typeof range === 'string' && ALLOW_ALL.has(range.trim()));
    if (openRange >= 0) {
      ctx.report({
        path: ['spec', 'loadBalancerSourceRanges', openRange],
        message: `${objectLabel(object)} admits every address (${String(ranges[openRange]).trim()}) to its public load balancer; list the client ranges or make it internal.`,
      });
      return;
    }
    if (ranges.length > 0) return;
    for (const key of SOURCE_RANGE_ANNOTATIONS) {
      const values = annotationList(annotations[key]);
      if (values.length === 0) continue;
      if (!values.some((value) => ALLOW_ALL.has(value))) return;
      ctx.report({
        path: ['metadata', 'annotations', key],
        message: `${objectLabel(object)} admits every address through annotation ${key}; list the client ranges or make it internal.`,
      });
      return;
    }
    ctx.report({
      path: ['spec', 'type'],
      message: `${objectLabel(object)} gets a public load balancer; annotate it with ${INTERNAL_ANNOTATION}: "true" or restrict spec.loadBalancerSourceRanges.`,
    });
  },
});
