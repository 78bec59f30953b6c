import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { inSameScope } from './utils/lint-scope';
import { nameOf } from './utils/lint-set';
import { secretProviderClasses, secretsStoreVolumes } from './utils/secret-provider';

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
    const namespace = effectiveNamespace(object);
    const classes = secretProviderClasses(ctx.objects, namespace);
    // The namespace's classes beside the pod (same directory) show that its classes are kept here; one elsewhere in
    // the set may belong to another environment that is never applied with it.
    const nearby = [...classes.entries()].filter(([, entry]) => inSameScope(entry.file, ctx.file, 'directory'));
    if (nearby.length === 0) return;
    for (const volume of secretsStoreVolumes(pod)) {
      if (classes.has(volume.className)) continue;
      const known = nearby.map(([name]) => `"${name}"`).join(', ');
      ctx.report({
        path: volume.path,
        message: `${object.kind} "${nameOf(object) ?? ''}" mounts SecretProviderClass "${volume.className}", which is not in namespace "${namespace}" of the lint set (it has ${known}): the volume cannot mount and the pod stays in ContainerCreating; fix the name or add the class.`,
      });
    }
  },
});
