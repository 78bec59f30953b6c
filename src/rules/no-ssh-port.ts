import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { containerLabel } from './utils/pod-security';

const SSH_PORT = 22;

export default defineRule({
  meta: {
    id: 'no-ssh-port',
    severity: 'warning',
    category: 'hardening',
    description: 'Containers should not expose port 22 (SSH).',
    rationale:
      'An SSH server in a container is a second way in that bypasses Kubernetes RBAC and audit logs (kubectl exec is both authorised and audited), usually with long-lived keys or passwords baked into the image. Debug with kubectl exec or ephemeral containers instead.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'kube-linter', title: 'ssh-port', url: 'https://docs.kubelinter.io/#/generated/checks' },
      { source: 'Kubernetes', title: 'Debug running pods: ephemeral containers', url: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const ports = container.value.ports as unknown;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, index) => {
        if (!isRecord(port) || port.containerPort !== SSH_PORT) return;
        // SSH is TCP; a UDP port 22 is something else.
        if (port.protocol !== undefined && port.protocol !== null && port.protocol !== 'TCP') return;
        ctx.report({
          path: [...container.path, 'ports', index, 'containerPort'],
          message: `${containerLabel(container)} exposes port 22 (SSH): remove the SSH server and use kubectl exec or an ephemeral debug container, which RBAC controls and the audit log records.`,
        });
      });
    }
  },
});
