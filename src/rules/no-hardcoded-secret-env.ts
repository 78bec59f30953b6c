import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { containerLabel } from './utils/pod-security';
import { findCredential, isLiteralSecretValue, isSecretLikeName } from './utils/secret-detection';

export default defineRule({
  meta: {
    id: 'no-hardcoded-secret-env',
    severity: 'error',
    category: 'secrets',
    description: 'Environment variables must not hold literal secrets.',
    rationale:
      'A literal env value is stored in the manifest, in Git history, in the object the API server keeps (readable by anyone who can get the workload) and in every rendered Helm release. Credentials belong in a Secret, better still in Azure Key Vault through the Secrets Store CSI driver, and no credential at all is needed with Microsoft Entra Workload ID.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Kubernetes', title: 'Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
      { source: 'AKS', title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver', url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver' },
      { source: 'AKS', title: 'Use Microsoft Entra Workload ID with AKS', url: 'https://learn.microsoft.com/azure/aks/workload-identity-overview' },
      { source: 'CWE', id: 'CWE-798', title: 'Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const env: unknown = container.value.env;
      if (!Array.isArray(env)) continue;
      env.forEach((variable: unknown, index) => {
        if (!isRecord(variable) || typeof variable.value !== 'string') return;
        // Quoted when named, a bare position when not: `env "DB_PASSWORD"`, `env #2`.
        const name = typeof variable.name === 'string' && variable.name !== '' ? `"${variable.name}"` : `#${index + 1}`;
        const path = [...container.path, 'env', index, 'value'];
        // The value's format is the stronger signal, whatever the name: `DATABASE_URL=postgres://app:pw@db`.
        const credential = findCredential(variable.value);
        if (credential) {
          ctx.report({
            path,
            message: `${containerLabel(container)} sets env ${name} to ${credential.description} in plain text: move it to a Secret or Azure Key Vault and reference it with valueFrom.`,
          });
          return;
        }
        if (isSecretLikeName(variable.name) && isLiteralSecretValue(variable.value)) {
          ctx.report({
            path,
            message: `${containerLabel(container)} sets the credential-like env ${name} to a literal value: move it to a Secret or Azure Key Vault and reference it with valueFrom.`,
          });
        }
      });
    }
  },
});
