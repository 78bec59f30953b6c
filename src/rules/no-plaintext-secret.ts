import type { ISecret } from 'kubernetes-models/v1/Secret';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { isPlaceholder } from './utils/placeholder';

/** A SOPS-encrypted value (`ENC[AES256_GCM,data:…]`): safe to commit. */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:/;

/** Keys whose value would reach the cluster: not empty, not a template slot, not SOPS ciphertext. */
function keysWithContent(map: Record<string, unknown>): string[] {
  return Object.entries(map)
    .filter(([, value]) => {
      if (value === null || value === undefined || isPlaceholder(value)) return false;
      if (typeof value !== 'string') return true;
      return value.trim() !== '' && !SOPS_VALUE.test(value.trim());
    })
    .map(([key]) => key);
}

export default defineRule({
  meta: {
    id: 'no-plaintext-secret',
    severity: 'warning',
    category: 'secrets',
    description: 'Do not keep Secret objects with their values in the repository.',
    rationale:
      'Secret data is only base64-encoded: anyone who can read the repository, its forks, CI logs or a rendered chart reads the credentials, and they stay in Git history after rotation. Commit an encrypted or referencing object instead (SealedSecret, ExternalSecret, SecretProviderClass for the Azure Key Vault CSI driver, or a SOPS-encrypted Secret).',
    kinds: ['Secret'],
    references: [
      { source: 'Kubernetes', title: 'Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
      { source: 'AKS', title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver', url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver' },
      { source: 'CWE', id: 'CWE-312', title: 'Cleartext Storage of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/312.html' },
    ],
  },
  check(object, ctx) {
    if (object.apiVersion !== 'v1') return;
    // SOPS keeps its metadata in a top-level `sops` map of the encrypted file (Flux, KSOPS, helm-secrets).
    if (isRecord(object.sops)) return;
    const secret = object as ISecret;
    for (const field of ['data', 'stringData'] as const) {
      const map: unknown = secret[field];
      if (!isRecord(map)) continue;
      const keys = keysWithContent(map);
      if (!keys.length) continue;
      const shown = keys.slice(0, 5).map((key) => `"${key}"`).join(', ') + (keys.length > 5 ? ', …' : '');
      ctx.report({
        path: [field],
        message: `${objectLabel(object)} keeps ${keys.length === 1 ? 'a value' : `${keys.length} values`} (${shown}) in ${field} in the repository${field === 'data' ? ', only base64-encoded' : ''}: commit a SealedSecret, ExternalSecret or Key Vault SecretProviderClass instead.`,
      });
    }
  },
});
