import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { psaCheckReference, pssReference } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'no-host-pid',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Pods must not use the host process ID namespace.',
    rationale:
      "A pod in the host PID namespace sees every process of the node, can read their environment and command lines (often holding secrets) and, with enough privilege, signal or trace them to escape the container.",
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Host Namespaces'),
      psaCheckReference('check_hostNamespaces.go', 'hostNamespaces'),
      { source: 'CIS', id: '5.2.3', title: 'Minimize the admission of containers wishing to share the host process ID namespace' },
      { source: 'Azure Policy', id: '47a1ee2f-2a2a-4576-bf2a-e0e36709c2b8', title: 'Kubernetes cluster containers should not share host process ID or host IPC namespace' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (pod?.value.hostPID === true) {
      ctx.report({
        path: [...pod.path, 'hostPID'],
        message: 'The pod shares the host process ID namespace: remove hostPID or set it to false.',
      });
    }
  },
});
