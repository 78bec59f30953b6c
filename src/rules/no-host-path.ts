import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isSet, LEVEL_OPTION, psaCheckReference, pssReference, type PssLevel } from './utils/pod-security';

export default defineRule<{ level: PssLevel }>({
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
    options: { level: LEVEL_OPTION },
    defaultOptions: { level: 'baseline' },
  },
  check(object, ctx) {
    // At restricted, PSS replaces hostPathVolumes with restrictedVolumes (restricted-volume-types), which flags hostPath too.
    if (ctx.options.level === 'restricted') return;
    const pod = ctx.podSpec(object);
    const volumes: unknown = pod?.value.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, index) => {
      if (!isRecord(volume) || !isSet(volume.hostPath)) return;
      const name = typeof volume.name === 'string' ? `Volume "${volume.name}"` : `Volume #${index + 1}`;
      const hostPath = isRecord(volume.hostPath) && typeof volume.hostPath.path === 'string' ? ` the host path "${volume.hostPath.path}"` : ' a host path';
      ctx.report({
        path: [...pod.path, 'volumes', index, 'hostPath'],
        message: `${name} mounts${hostPath}: use a configMap, secret, emptyDir or persistentVolumeClaim volume instead.`,
      });
    });
  },
});
