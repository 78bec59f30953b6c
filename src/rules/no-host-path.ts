import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isSet, LEVEL_OPTION, psaCheckReference, pssReference, type PssLevel } from './utils/pod-security';

/** Segments of a host path as Gatekeeper's host-filesystem template compares them: `/var/log/` -> [var, log]. */
function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Whether `prefix` covers `path`, segment by segment (`/var/log` covers `/var/log/app`, not `/var/logs`). */
function covers(prefix: string, path: string): boolean {
  const wanted = segments(prefix);
  const actual = segments(path);
  return wanted.length <= actual.length && wanted.every((segment, index) => actual[index] === segment);
}

export default defineRule<{ level: PssLevel; allowedPaths?: string[]; readOnlyPaths?: string[] }>({
  meta: {
    id: 'no-host-path',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Pods must not mount hostPath volumes.',
    rationale:
      'A hostPath volume exposes the node filesystem to the container: with it a pod can read kubelet credentials and other pods\' secrets, or write to the container runtime socket or system binaries and take over the node.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'HostPath Volumes'),
      psaCheckReference('check_hostPathVolumes.go', 'hostPathVolumes'),
      { source: 'CIS', id: '5.2.12', title: 'Minimize the admission of HostPath volumes' },
      { source: 'Azure Policy', id: '098fc59e-46c7-4d99-9b16-64990e543d75', title: 'Kubernetes cluster pod hostPath volumes should only use allowed host paths' },
    ],
    options: {
      level: LEVEL_OPTION,
      allowedPaths: { type: 'string[]', description: 'Host path prefixes that may be mounted (Azure Policy\'s allowedHostPaths with readOnly false).' },
      readOnlyPaths: { type: 'string[]', description: 'Host path prefixes that may be mounted read-only by every container (allowedHostPaths with readOnly true).' },
    },
    defaultOptions: { level: 'baseline' },
  },
  check(object, ctx) {
    // At restricted, PSS replaces hostPathVolumes with restrictedVolumes (restricted-volume-types), which flags hostPath too.
    if (ctx.options.level === 'restricted') return;
    const pod = ctx.podSpec(object);
    const volumes: unknown = pod?.value.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    const allowed = ctx.options.allowedPaths ?? [];
    const readOnly = ctx.options.readOnlyPaths ?? [];
    const listed = [...allowed, ...readOnly.map((prefix) => `${prefix} (read-only)`)];
    volumes.forEach((volume: unknown, index) => {
      if (!isRecord(volume) || !isSet(volume.hostPath)) return;
      const name = typeof volume.name === 'string' ? `Volume "${volume.name}"` : `Volume #${index + 1}`;
      const path = isRecord(volume.hostPath) && typeof volume.hostPath.path === 'string' ? volume.hostPath.path : undefined;
      if (path !== undefined && allowed.some((prefix) => covers(prefix, path))) return;
      if (path !== undefined && readOnly.some((prefix) => covers(prefix, path))) {
        // As Gatekeeper's host-filesystem template: every container that mounts it must mount it read-only.
        for (const container of ctx.containers(object)) {
          const mounts: unknown = container.value.volumeMounts;
          if (!Array.isArray(mounts)) continue;
          mounts.forEach((mount: unknown, mountIndex) => {
            if (!isRecord(mount) || mount.name !== volume.name || mount.readOnly === true) return;
            ctx.report({
              path: [...container.path, 'volumeMounts', mountIndex],
              message: `Container "${String(container.value.name)}" mounts the host path "${path}" writable: the allowed host paths admit it read-only; set readOnly: true.`,
            });
          });
        }
        return;
      }
      const hostPath = path !== undefined ? ` the host path "${path}"` : ' a host path';
      ctx.report({
        path: [...pod.path, 'volumes', index, 'hostPath'],
        message: listed.length
          ? `${name} mounts${hostPath}, outside the allowed host paths (${listed.join(', ')}).`
          : `${name} mounts${hostPath}: use a configMap, secret, emptyDir or persistentVolumeClaim volume instead.`,
      });
    });
  },
});
