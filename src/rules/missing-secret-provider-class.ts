import { POD_WORKLOADS } from '../engine/types';
import { objectLabel } from './utils/object-label';
import { defineRule } from './utils/define-rule';
import { inSameScope } from './utils/lint-scope';
import { nameOf } from './utils/lint-set';
import { mayShareNamespace, secretProviderClasses, secretsStoreVolumes, writtenNamespace } from './utils/secret-provider';

export default defineRule({
  meta: {
    id: 'missing-secret-provider-class',
    severity: 'warning',
    category: 'aks',
    description: 'A Secrets Store CSI volume should name a SecretProviderClass of its namespace: reported when the lint set has none of that name in the namespace while other classes of the namespace sit beside the pod.',
    rationale:
      'The Secrets Store CSI driver looks the SecretProviderClass up in the pod\'s namespace when it mounts the volume; when it is missing (a typo, a renamed class, a class in another namespace), the mount fails and the pod stays in ContainerCreating with a FailedMount event. The rule speaks only when other SecretProviderClasses of the namespace sit beside the pod (same directory), so a class kept elsewhere is not reported.',
    kinds: POD_WORKLOADS,
    crossObject: true,
    references: [
      { source: 'Secrets Store CSI Driver', title: 'Usage: SecretProviderClass and pod volume', url: 'https://secrets-store-csi-driver.sigs.k8s.io/getting-started/usage' },
      { source: 'AKS', title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver', url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const namespace = writtenNamespace(object);
    // Classes that may land in the pod's namespace (a manifest without a namespace may land in any).
    const classes = secretProviderClasses(ctx.objects).filter((entry) => mayShareNamespace(entry.object, object));
    // Such classes beside the pod (same directory) show that its classes are kept here; one elsewhere in the set may
    // belong to another environment that is never applied with it.
    const nearby = classes.filter((entry) => inSameScope(entry.file, ctx.file, 'directory'));
    if (nearby.length === 0) return;
    for (const volume of secretsStoreVolumes(pod)) {
      if (classes.some((entry) => nameOf(entry.object) === volume.className)) continue;
      const known = [...new Set(nearby.map((entry) => `"${nameOf(entry.object) ?? ''}"`))].join(', ');
      ctx.report({
        path: volume.path,
        message: `${objectLabel(object)} mounts SecretProviderClass "${volume.className}", which the lint set does not have${namespace ? ` in namespace "${namespace}"` : ''} (beside it: ${known}): the volume cannot mount and the pod stays in ContainerCreating; fix the name or add the class.`,
      });
    }
  },
});
