import { POD_WORKLOADS } from '../engine/types';
import { RUNTIME_NAMED_PIPES, RUNTIME_SOCKET_DIRECTORIES, RUNTIME_SOCKET_FILES } from '../model/reference/host-paths';
import { defineRule } from './utils/define-rule';
import { baseName, hostPathVolumes } from './utils/host-path';

/** Why a normalised host path exposes a container runtime API, or undefined. */
function runtimeExposure(normalized: string): string | undefined {
  if (RUNTIME_NAMED_PIPES.includes(normalized)) return 'the container runtime named pipe';
  if (RUNTIME_SOCKET_FILES.test(baseName(normalized))) return 'a container runtime socket';
  if (RUNTIME_SOCKET_DIRECTORIES.includes(normalized)) return 'a directory holding a container runtime socket';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'docker-sock-mount',
    severity: 'error',
    category: 'hardening',
    description: 'Pods must not mount a container runtime socket (docker.sock, containerd.sock, crio.sock...) or its directory.',
    rationale:
      'Whoever talks to the runtime socket can start a privileged container with the host filesystem mounted, read every container\'s environment and exec into any of them: it is root on the node, outside every admission control. Build images with an unprivileged builder (BuildKit rootless, Kaniko, ACR Tasks) instead of the node\'s runtime.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: '098fc59e-46c7-4d99-9b16-64990e543d75', title: 'Kubernetes cluster pod hostPath volumes should only use allowed host paths' },
      { source: 'Kubernetes', title: 'Volumes: hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
      { source: 'Kubernetes', title: 'Container runtimes: endpoints', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/' },
    ],
  },
  check(object, ctx) {
    for (const volume of hostPathVolumes(ctx.podSpec(object))) {
      const exposure = runtimeExposure(volume.normalized);
      if (!exposure) continue;
      const name = volume.name ? `Volume "${volume.name}"` : 'A hostPath volume';
      ctx.report({
        path: volume.reportPath,
        message: `${name} mounts ${exposure} (${volume.path}), which gives full control of the node: remove it and use an unprivileged image builder or the Kubernetes API instead.`,
      });
    }
  },
});
