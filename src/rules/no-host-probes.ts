import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { hostHandlers } from './utils/host-handlers';
import { containerLabel, psaCheckReference, pssReference, show, versionAtLeast } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'no-host-probes',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Probes and lifecycle hooks must not target another host.',
    rationale:
      'The kubelet runs httpGet and tcpSocket handlers from the node; a `host` turns them into requests the node makes on the pod author\'s behalf, to node-local services or elsewhere in the network (a server-side request forgery). PSS baseline forbids it from Kubernetes 1.34.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Probes and lifecycle hooks'),
      psaCheckReference('check_hostProbesAndhostLifecycle.go', 'hostProbesAndHostLifecycle'),
    ],
  },
  check(object, ctx) {
    if (!versionAtLeast(ctx.kubernetesVersion, 34)) return;
    for (const container of ctx.containers(object)) {
      for (const handler of hostHandlers(container)) {
        ctx.report({
          path: handler.path,
          message: `${containerLabel(container)} ${handler.label} ${handler.action} targets host ${show(handler.host)}: remove host so the check runs against the pod IP.`,
        });
      }
    }
  },
});
