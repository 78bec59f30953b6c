import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { containerLabel, psaCheckReference, pssReference } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'no-host-ports',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Containers must not bind host ports.',
    rationale:
      'A hostPort publishes the container on the node address, bypassing Services and NetworkPolicies, and ties the pod to nodes where the port is free; PSS baseline allows only 0 (unset).',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Host Ports'),
      psaCheckReference('check_hostPorts.go', 'hostPorts'),
      { source: 'CIS', id: '5.2.13', title: 'Minimize the admission of containers which use HostPorts' },
      { source: 'Azure Policy', id: '82985f06-dc18-4a48-bc1c-b9f4f0098cfe', title: 'Kubernetes cluster pods should only use approved host network and port range' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const ports: unknown = container.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, index) => {
        // hostPort is an int32; 0 means unset. A string here is a schema error the API server rejects.
        if (!isRecord(port) || typeof port.hostPort !== 'number' || port.hostPort === 0) return;
        ctx.report({
          path: [...container.path, 'ports', index, 'hostPort'],
          message: `${containerLabel(container)} binds host port ${port.hostPort}: remove hostPort and expose the port through a Service.`,
        });
      });
    }
  },
});
