import { POD_WORKLOADS } from '../engine/types';
import { BENIGN_HOST_PATHS, SENSITIVE_HOST_PATHS, type SensitiveHostPath } from '../model/reference/host-paths';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { hostPathVolumes, isSameOrUnder } from './utils/host-path';

interface Exposure {
  entry: SensitiveHostPath;
  /** True when the mount is a parent of the sensitive directory (`/var` holds `/var/lib/kubelet`). */
  contains: boolean;
}

function sensitiveExposure(normalized: string): Exposure | undefined {
  for (const entry of SENSITIVE_HOST_PATHS) {
    if (entry.match === 'exact' ? normalized === entry.path : isSameOrUnder(normalized, entry.path)) return { entry, contains: false };
  }
  for (const entry of SENSITIVE_HOST_PATHS) {
    if (normalized !== entry.path && isSameOrUnder(entry.path, normalized) && entry.match === 'tree') return { entry, contains: true };
  }
  return undefined;
}

/** True when every container that mounts the volume mounts it readOnly (and at least one does). */
function mountedReadOnly(containers: ReadonlyArray<{ value: unknown }>, volumeName: string | undefined): boolean {
  if (volumeName === undefined) return false;
  let mounts = 0;
  for (const container of containers) {
    const volumeMounts = isRecord(container.value) ? container.value.volumeMounts : undefined;
    if (!Array.isArray(volumeMounts)) continue;
    for (const mount of volumeMounts) {
      if (!isRecord(mount) || mount.name !== volumeName) continue;
      if (mount.readOnly !== true) return false;
      mounts++;
    }
  }
  return mounts > 0;
}

export default defineRule({
  meta: {
    id: 'sensitive-host-mounts',
    severity: 'error',
    category: 'hardening',
    description: 'Pods must not mount sensitive host directories: /, /etc, /proc, /sys, /dev, /boot, /root, /home, /var/lib/kubelet, runtime data, /var/log.',
    rationale:
      'These host paths hold the node\'s credentials and configuration (kubelet certificates, kubeconfigs, SSH keys), every pod\'s Secrets and filesystems, or kernel interfaces with known escapes. A pod that mounts one is a node compromise away from the whole cluster. A writable /var/log is a documented escape through the kubelet\'s log endpoint; read-only it is reported as a warning.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: '098fc59e-46c7-4d99-9b16-64990e543d75', title: 'Kubernetes cluster pod hostPath volumes should only use allowed host paths' },
      { source: 'Kubernetes', title: 'Volumes: hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
      { source: 'Aqua', id: 'KHV047', title: 'Pod with a writable /var/log mount', url: 'https://avd.aquasec.com/misconfig/kubernetes/khv047' },
    ],
  },
  check(object, ctx) {
    const volumes = hostPathVolumes(ctx.podSpec(object));
    if (!volumes.length) return;
    const containers = ctx.containers(object);
    for (const volume of volumes) {
      const exposure = sensitiveExposure(volume.normalized);
      if (!exposure) continue;
      const readOnly = mountedReadOnly(containers, volume.name);
      const benign = BENIGN_HOST_PATHS.find((entry) => (entry.match === 'exact' ? volume.normalized === entry.path : isSameOrUnder(volume.normalized, entry.path)));
      if (benign && (!benign.readOnly || readOnly)) continue;

      const { entry, contains } = exposure;
      const name = volume.name ? `Volume "${volume.name}"` : 'A hostPath volume';
      const where = contains
        ? `${volume.path} (which contains ${entry.path})`
        : volume.normalized === entry.path
          ? volume.path
          : `${volume.path} (under ${entry.path})`;
      const holds = `${entry.path === '/' ? 'it' : entry.path} holds ${entry.holds}`;
      const lowered = readOnly && entry.readOnlySeverity !== undefined;
      ctx.report({
        path: volume.reportPath,
        message: lowered
          ? `${name} mounts the host path ${where} read-only; ${holds}: mount only the subdirectory the workload needs.`
          : `${name} mounts the host path ${where}; ${holds}${entry.writableRisk ? ` (${entry.writableRisk})` : ''}: remove it or mount a narrower, non-sensitive path.`,
        ...(lowered ? { severity: entry.readOnlySeverity } : {}),
      });
    }
  },
});
