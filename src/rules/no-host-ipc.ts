import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { psaCheckReference, pssReference } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'no-host-ipc',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Pods must not use the host IPC namespace.',
    rationale:
      'A pod in the host IPC namespace can read and write the shared memory segments, semaphores and message queues of every process on the node, including other pods on the host IPC namespace.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Host Namespaces'),
      psaCheckReference('check_hostNamespaces.go', 'hostNamespaces'),
      { source: 'CIS', id: '5.2.4', title: 'Minimize the admission of containers wishing to share the host IPC namespace' },
      { source: 'Azure Policy', id: '47a1ee2f-2a2a-4576-bf2a-e0e36709c2b8', title: 'Kubernetes cluster containers should not share host process ID or host IPC namespace' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (pod?.value.hostIPC === true) {
      ctx.report({
        path: [...pod.path, 'hostIPC'],
        message: 'The pod shares the host IPC namespace: remove hostIPC or set it to false.',
      });
    }
  },
});
