import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { RESTRICTED_VOLUME_TYPES, VOLUME_SOURCE_FIELDS } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import { isSet, psaCheckReference, pssReference } from './utils/pod-security';

const ALLOWED = [...RESTRICTED_VOLUME_TYPES].join(', ');

export default defineRule({
  meta: {
    id: 'restricted-volume-types',
    severity: 'warning',
    category: 'pss-restricted',
    description: 'Pods may use only the volume types of the PSS restricted allow-list.',
    rationale:
      'Inline volume sources (hostPath, nfs, iscsi, rbd, azureFile, azureDisk...) let a pod mount host or network storage directly, with credentials or access the cluster administrator never granted through a PersistentVolume. PSS restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('restricted', 'Volume Types'),
      psaCheckReference('check_restrictedVolumes.go', 'restrictedVolumes'),
      { source: 'Azure Policy', id: '16697877-1118-4fb1-9b65-9898ec2509ec', title: 'Kubernetes cluster pods should only use allowed volume types' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    const volumes: unknown = pod?.value.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, index) => {
      if (!isRecord(volume)) return;
      const name = typeof volume.name === 'string' ? `Volume "${volume.name}"` : `Volume #${index + 1}`;
      // A volume with no known source is defaulted to emptyDir by the API server, which PSS then accepts. A volume
      // with two sources is invalid; every forbidden one is reported.
      for (const source of VOLUME_SOURCE_FIELDS) {
        if (RESTRICTED_VOLUME_TYPES.has(source) || !isSet(volume[source])) continue;
        ctx.report({
          path: [...pod.path, 'volumes', index, source],
          message: `${name} uses the ${source} volume type, which PSS restricted forbids: use one of ${ALLOWED} (for storage, a persistentVolumeClaim).`,
        });
      }
    });
  },
});
