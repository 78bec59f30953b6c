import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { psaCheckReference, pssReference } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'no-host-network',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Pods must not use the host network namespace.',
    rationale:
      "A pod on the host network sees every interface of the node, can reach services bound to the node's localhost (the kubelet, metadata endpoints) and can sniff or spoof the traffic of other pods; NetworkPolicies no longer apply to it.",
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Host Namespaces'),
      psaCheckReference('check_hostNamespaces.go', 'hostNamespaces'),
      { source: 'CIS', id: '5.2.5', title: 'Minimize the admission of containers wishing to share the host network namespace' },
      { source: 'Azure Policy', id: '82985f06-dc18-4a48-bc1c-b9f4f0098cfe', title: 'Kubernetes cluster pods should only use approved host network and port range' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (pod?.value.hostNetwork === true) {
      ctx.report({
        path: [...pod.path, 'hostNetwork'],
        message: 'The pod shares the host network namespace: remove hostNetwork or set it to false.',
      });
    }
  },
});
