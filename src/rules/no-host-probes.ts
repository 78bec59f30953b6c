import { POD_WORKLOADS, type Path } from '../engine/types';
import { HOST_HANDLER_ACTIONS, LIFECYCLE_HANDLERS, PROBE_FIELDS } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import { asRecord, containerLabel, isSet, psaCheckReference, pssReference, show, versionAtLeast } from './utils/pod-security';

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
      const fields = asRecord(container.value);
      const handlers: Array<{ value: unknown; path: Path; label: string }> = [];
      for (const probe of PROBE_FIELDS) handlers.push({ value: fields?.[probe], path: [...container.path, probe], label: probe });
      const lifecycle = asRecord(fields?.lifecycle);
      for (const hook of LIFECYCLE_HANDLERS) {
        handlers.push({ value: lifecycle?.[hook], path: [...container.path, 'lifecycle', hook], label: `lifecycle.${hook}` });
      }
      for (const handler of handlers) {
        const record = asRecord(handler.value);
        if (!record) continue;
        for (const action of HOST_HANDLER_ACTIONS) {
          const host = asRecord(record[action])?.host;
          if (!isSet(host) || host === '') continue;
          ctx.report({
            path: [...handler.path, action, 'host'],
            message: `${containerLabel(container)} ${handler.label} ${action} targets host ${show(host)}: remove host so the check runs against the pod IP.`,
          });
        }
      }
    }
  },
});
