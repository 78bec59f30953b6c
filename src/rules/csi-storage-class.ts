import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { apiGroupOf } from './utils/lint-set';

const IN_TREE: Readonly<Record<string, string>> = {
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
};

export default defineRule({
  meta: {
    id: 'csi-storage-class',
    severity: 'warning',
    category: 'aks',
    description: 'StorageClasses must use the Azure Disk and Azure Files CSI drivers, not the in-tree provisioners.',
    rationale:
      'The in-tree kubernetes.io/azure-disk and kubernetes.io/azure-file volume plugins were deprecated and then removed from Kubernetes; AKS 1.26 and later only serve them through CSI migration, and new features (zone-redundant and Premium SSD v2 disks, snapshots, volume expansion without restarts, NFS file shares) exist only in the CSI drivers. AKS Deployment Safeguards reject in-tree StorageClasses.',
    kinds: ['StorageClass'],
    references: [
      { source: 'Azure Policy', id: '4f3823b6-6dac-4b5a-9c61-ce1afb829f17', title: 'Kubernetes clusters should use Container Storage Interface(CSI) driver StorageClass' },
      { source: 'AKS', title: 'Container Storage Interface (CSI) drivers on AKS', url: 'https://learn.microsoft.com/azure/aks/csi-storage-drivers' },
      { source: 'Kubernetes', title: 'Storage Classes: Azure Disk', url: 'https://kubernetes.io/docs/concepts/storage/storage-classes/' },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== 'storage.k8s.io') return;
    const provisioner = object.provisioner;
    if (typeof provisioner !== 'string' || !(provisioner in IN_TREE)) return;
    ctx.report({
      path: ['provisioner'],
      message: `${objectLabel(object)} uses the in-tree provisioner ${provisioner}: use the CSI driver ${IN_TREE[provisioner]} instead, checking its parameters against the driver's documentation.`,
    });
  },
});
