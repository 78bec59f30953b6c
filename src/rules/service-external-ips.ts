import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { isRecord } from '../model/pod-spec';
import { apiGroupOf } from './utils/lint-set';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    severity: 'error',
    category: 'network',
    description: 'Services must not set `spec.externalIPs`.',
    rationale:
      'kube-proxy routes traffic for any address listed in `externalIPs` to the Service, cluster-wide and without any ' +
      'ownership check, so whoever can create a Service can intercept traffic meant for another IP (CVE-2020-8554). ' +
      'Mirrors the Azure Policy "Kubernetes cluster services should only use allowed external IPs" with no IP allowed.',
    kinds: ['Service'],
    references: [
      { source: 'CVE', id: 'CVE-2020-8554', title: 'Man in the middle using LoadBalancer or ExternalIPs', url: 'https://github.com/kubernetes/kubernetes/issues/97076' },
      {
        source: 'Azure Policy',
        id: 'd46c275d-1680-448d-b2ec-e495a3b6cc89',
        title: 'Kubernetes cluster services should only use allowed external IPs',
      },
      {
        source: 'Kubernetes',
        title: 'Service external IPs',
        url: 'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
      },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== '' || !isRecord(object.spec)) return;
    const externalIPs = object.spec.externalIPs;
    if (!Array.isArray(externalIPs) || externalIPs.length === 0) return;
    ctx.report({
      path: ['spec', 'externalIPs'],
      message: `${objectLabel(object)} sets externalIPs (${externalIPs.map(String).join(', ')}), which lets it capture traffic for those addresses (CVE-2020-8554); use a LoadBalancer or an Ingress instead.`,
    });
  },
});
