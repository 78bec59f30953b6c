import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { embeddedAssignments, findCredential, hasCredentialShape, isLiteralSecretValue, isSecretLikeName, mask } from './utils/secret-detection';

/** Why a ConfigMap value holds a credential, with a masked snippet; undefined when it does not. */
function findings(key: string, value: string): string | undefined {
  const credential = findCredential(value);
  if (credential) {
    const line = value.slice(0, credential.index).split('\n').length;
    return `${credential.description}${value.includes('\n') ? ` (line ${line} of the value)` : ''}`;
  }
  // A data key named like a credential holding one literal is a declared value: the name is strong evidence.
  if (!value.includes('\n') && isSecretLikeName(key) && isLiteralSecretValue(value)) return `a literal credential (${mask(value)})`;
  // An embedded .env, properties, ini, YAML, JSON, XML file or a script: a `name = value` line there is weak evidence
  // (code, nsswitch.conf, templates), so the value must also look like a credential.
  const hits = embeddedAssignments(value).filter((entry) => isSecretLikeName(entry.name) && hasCredentialShape(entry.value, entry.name));
  if (!hits.length) return undefined;
  const [first] = hits;
  const more = hits.length > 1 ? ` and ${hits.length - 1} more` : '';
  return `the credential "${first.name}" (${mask(first.value)}, line ${first.line} of the value)${more}`;
}

export default defineRule({
  meta: {
    id: 'secret-in-configmap',
    severity: 'warning',
    category: 'secrets',
    description: 'ConfigMaps must not hold credentials.',
    rationale:
      'ConfigMaps are meant to be readable: RBAC commonly grants get/list on them to many users and tools, they are never encrypted at rest with a KMS key, and they are printed in logs and diffs. A password or key in a ConfigMap (or in a config file kept in one) belongs in a Secret or Azure Key Vault.',
    kinds: ['ConfigMap'],
    references: [
      { source: 'Kubernetes', title: 'ConfigMaps: "ConfigMap does not provide secrecy or encryption"', url: 'https://kubernetes.io/docs/concepts/configuration/configmap/' },
      { source: 'AKS', title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver', url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver' },
      { source: 'CWE', id: 'CWE-312', title: 'Cleartext Storage of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/312.html' },
    ],
  },
  check(object, ctx) {
    if (object.apiVersion !== 'v1') return;
    const data: unknown = (object as IConfigMap).data;
    if (!isRecord(data)) return;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const found = findings(key, value);
      if (!found) continue;
      ctx.report({
        path: ['data', key],
        message: `${objectLabel(object)} key "${key}" holds ${found}: move it to a Secret or Azure Key Vault.`,
      });
    }
  },
});
