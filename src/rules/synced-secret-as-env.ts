import { POD_WORKLOADS, type Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { inSameScope } from './utils/lint-scope';
import { containerLabel } from './utils/pod-security';
import { nameOf } from './utils/lint-set';
import { mayShareNamespace, syncedSecrets } from './utils/secret-provider';

export default defineRule({
  meta: {
    id: 'synced-secret-as-env',
    severity: 'info',
    category: 'aks',
    description: 'A container should not read as env a Kubernetes Secret that a SecretProviderClass syncs from the vault (spec.secretObjects): mount the CSI volume and read the files.',
    rationale:
      'A SecretProviderClass with secretObjects copies the vault\'s secrets into an ordinary Kubernetes Secret. From there on the vault\'s protection (its access policy or RBAC, its audit log, rotation) no longer applies: anyone who may read Secrets in the namespace reads them, they sit in etcd, and as environment variables they leak into child processes, crash dumps and /proc, and do not follow rotation until the pod restarts. Reading the mounted files keeps the secret within the vault\'s reach.',
    kinds: POD_WORKLOADS,
    crossObject: true,
    references: [
      { source: 'Secrets Store CSI Driver', title: 'Sync as Kubernetes Secret', url: 'https://secrets-store-csi-driver.sigs.k8s.io/topics/sync-as-kubernetes-secret' },
      { source: 'AKS', title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver: sync mounted content with a Kubernetes secret', url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options' },
      { source: 'Kubernetes', title: 'Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
    ],
  },
  check(object, ctx) {
    // Only classes beside the pod (same directory) that may share its namespace: a Secret of that name in another
    // environment may be a plain one.
    const synced = new Map(
      syncedSecrets(ctx.objects)
        .filter(({ entry }) => inSameScope(entry.file, ctx.file, 'directory') && mayShareNamespace(entry.object, object))
        .map(({ secretName, entry }) => [secretName, nameOf(entry.object) ?? '']),
    );
    if (synced.size === 0) return;
    for (const container of ctx.containers(object)) {
      const report = (secretName: unknown, path: Path, how: string) => {
        if (typeof secretName !== 'string' || !synced.has(secretName)) return;
        ctx.report({
          path,
          message: `${containerLabel(container)} reads Secret "${secretName}" ${how}, a copy that SecretProviderClass "${synced.get(secretName)}" syncs from the vault: the vault's access control, audit and rotation stop at that Secret; read the mounted file instead.`,
        });
      };
      const env: unknown = container.value.env;
      if (Array.isArray(env)) {
        env.forEach((variable: unknown, index) => {
          if (!isRecord(variable) || !isRecord(variable.valueFrom) || !isRecord(variable.valueFrom.secretKeyRef)) return;
          const name = typeof variable.name === 'string' ? `"${variable.name}"` : `#${index + 1}`;
          report(variable.valueFrom.secretKeyRef.name, [...container.path, 'env', index, 'valueFrom', 'secretKeyRef', 'name'], `as env ${name}`);
        });
      }
      const envFrom: unknown = container.value.envFrom;
      if (Array.isArray(envFrom)) {
        envFrom.forEach((source: unknown, index) => {
          if (!isRecord(source) || !isRecord(source.secretRef)) return;
          report(source.secretRef.name, [...container.path, 'envFrom', index, 'secretRef', 'name'], 'as env through envFrom');
        });
      }
    }
  },
});
