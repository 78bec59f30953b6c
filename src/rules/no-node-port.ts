import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { isRecord } from '../model/pod-spec';
import { apiGroupOf } from './utils/lint-set';

export default defineRule({
  meta: {
    id: 'no-node-port',
    severity: 'warning',
    category: 'network',
    description: 'Services should not use `type: NodePort`.',
    rationale:
      'A NodePort Service opens the same port on every node, bypassing the load balancer and any Ingress TLS or WAF in ' +
      'front of it; anyone who reaches a node IP (a peered network, or a node with a public IP) reaches the workload. ' +
      'Use ClusterIP behind an Ingress or Gateway, or an internal LoadBalancer.',
    kinds: ['Service'],
    references: [
      {
        source: 'Kubernetes',
        title: 'Service type NodePort',
        url: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
      },
      {
        source: 'AKS',
        title: 'Network concepts for applications in AKS: services',
        url: 'https://learn.microsoft.com/azure/aks/concepts-network-services',
      },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== '' || !isRecord(object.spec) || object.spec.type !== 'NodePort') return;
    ctx.report({
      path: ['spec', 'type'],
      message: `${objectLabel(object)} opens a port on every node; use ClusterIP behind an Ingress or an internal LoadBalancer.`,
    });
  },
});
