import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { containerLabel, containerSecurityPath, securityContextOf } from './utils/pod-security';
import { objectLabel } from './utils/object-label';
import { runsOnWindows } from './utils/windows-pod';

const FIELDS = [
  { field: 'runAsUser', what: 'UID' },
  { field: 'runAsGroup', what: 'GID' },
] as const;

function idOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export default defineRule<{ minimum: number }>({
  meta: {
    id: 'run-as-high-uid',
    severity: 'info',
    category: 'hardening',
    description: 'Containers should run as a UID and GID of 10000 or more.',
    rationale:
      'Low user and group ids are the ones the node itself uses (root, system daemons, the first human users). Without user namespaces a container process with the same id as a host account owns that account\'s files if it ever escapes or shares a hostPath; ids from 10000 up do not collide with the host.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: 'f06ddb64-5fa3-4b77-b166-acb36f7f6042', title: 'Kubernetes cluster pods and containers should only run with approved user and group IDs' },
      { source: 'Kubernetes', title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { source: 'kubesec', title: 'containers[] .securityContext .runAsUser -gt 10000', url: 'https://kubesec.io/' },
    ],
    options: {
      minimum: { type: 'number', minimum: 0, description: 'Lowest acceptable UID and GID (default 10000).' },
    },
    defaultOptions: { minimum: 10000 },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    // runAsUser/runAsGroup are Linux ids: the API rejects them on Windows pods (spec.os.name: windows).
    if (!pod || runsOnWindows(pod)) return;
    const minimum = typeof ctx.options.minimum === 'number' ? ctx.options.minimum : 10000;
    const podContext = securityContextOf(pod.value);
    const containers = ctx.containers(object);

    for (const { field, what } of FIELDS) {
      // A pod-level id matters where a container inherits it; one report at the pod covers all of them.
      const podValue = idOf(podContext?.[field]);
      const inherited = containers.length === 0 || containers.some((container) => idOf(securityContextOf(container.value)?.[field]) === undefined);
      if (podValue !== undefined && podValue < minimum && inherited) {
        ctx.report({
          path: [...pod.path, 'securityContext', field],
          message: `${objectLabel(object)} runs its pod as ${what} ${podValue} (${field}), below ${minimum}: use an id of ${minimum} or more.`,
        });
      }
      for (const container of containers) {
        const value = idOf(securityContextOf(container.value)?.[field]);
        if (value === undefined || value >= minimum) continue;
        ctx.report({
          path: containerSecurityPath(container, field),
          message: `${containerLabel(container)} runs as ${what} ${value} (${field}), below ${minimum}: use an id of ${minimum} or more.`,
        });
      }
    }
  },
});
