import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isPortName } from './utils/object-name';
import { containerLabel } from './utils/pod-security';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
// gRPC probes take a port number only.
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export default defineRule({
  meta: {
    id: 'probe-port-undeclared',
    severity: 'error',
    category: 'reliability',
    description: "A probe's named port must be one the container declares.",
    rationale:
      'The kubelet resolves a probe\'s port name among the ports of the same container. A name it does not declare fails the probe every time: a liveness probe restarts the container forever, a readiness probe keeps the pod out of its Services, a startup probe never lets it start. It usually follows a renamed port.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Kubernetes', title: 'Configure probes: use a named port', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port' },
      { source: 'kube-linter', title: 'liveness-port, readiness-port, startup-port', url: 'https://docs.kubelinter.io/#/generated/checks' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const value = container.value as unknown as Record<string, unknown>;
      const ports = Array.isArray(value.ports) ? value.ports : [];
      const declared = new Set(ports.flatMap((port) => (isRecord(port) && typeof port.name === 'string' ? [port.name] : [])));
      for (const probeName of PROBES) {
        const probe = value[probeName];
        if (!isRecord(probe)) continue;
        for (const handlerName of HANDLERS) {
          const handler = probe[handlerName];
          if (!isRecord(handler)) continue;
          // Only a valid port name can be judged: a number is fine, `${PORT}` is a placeholder.
          if (!isPortName(handler.port) || declared.has(handler.port)) continue;
          ctx.report({
            path: [...container.path, probeName, handlerName, 'port'],
            message: `${containerLabel(container)} has a ${probeName} on port "${handler.port}", which the container does not declare: the probe always fails; name one of its ports "${handler.port}" or use the port number.`,
          });
        }
      }
    }
  },
});
