import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { containerLabel } from './utils/pod-security';

function nameOf(reference: Record<string, unknown>): string {
  return typeof reference.name === 'string' && reference.name !== '' ? `"${reference.name}"` : '(unnamed)';
}

export default defineRule({
  meta: {
    id: 'secret-as-env',
    severity: 'info',
    category: 'secrets',
    description: 'Prefer mounting Secrets as files over exposing them as environment variables.',
    rationale:
      'Environment variables leak: they are inherited by every child process, printed by crash handlers and debug endpoints, visible in /proc/<pid>/environ and in `kubectl describe`-style tooling, and they never change until the pod restarts. Files from a secret volume (or the Azure Key Vault Secrets Store CSI driver) can be permission-restricted and are refreshed on rotation.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'CIS', id: '5.4.1', title: 'Prefer using secrets as files over secrets as environment variables' },
      { source: 'Kubernetes', title: 'Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
      { source: 'AKS', title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver', url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const env: unknown = container.value.env;
      if (Array.isArray(env)) {
        env.forEach((variable: unknown, index) => {
          if (!isRecord(variable) || !isRecord(variable.valueFrom) || !isRecord(variable.valueFrom.secretKeyRef)) return;
          const reference = variable.valueFrom.secretKeyRef;
          // Quoted when named, a bare position when not: `env "DB_PASSWORD"`, `env #2`.
          const name = typeof variable.name === 'string' && variable.name !== '' ? `"${variable.name}"` : `#${index + 1}`;
          const key = typeof reference.key === 'string' ? ` key "${reference.key}"` : '';
          ctx.report({
            path: [...container.path, 'env', index, 'valueFrom', 'secretKeyRef'],
            message: `${containerLabel(container)} exposes Secret ${nameOf(reference)}${key} as env ${name}: prefer mounting it as a file (secret volume or Key Vault CSI driver).`,
          });
        });
      }
      const envFrom: unknown = container.value.envFrom;
      if (Array.isArray(envFrom)) {
        envFrom.forEach((source: unknown, index) => {
          if (!isRecord(source) || !isRecord(source.secretRef)) return;
          ctx.report({
            path: [...container.path, 'envFrom', index, 'secretRef'],
            message: `${containerLabel(container)} exposes every key of Secret ${nameOf(source.secretRef)} as env through envFrom: prefer mounting it as files (secret volume or Key Vault CSI driver).`,
          });
        });
      }
    }
  },
});
