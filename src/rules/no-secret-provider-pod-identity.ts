import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { azureParameters, isSecretProviderClass, parameterIsTrue } from './utils/secret-provider';

export default defineRule({
  meta: {
    id: 'no-secret-provider-pod-identity',
    severity: 'warning',
    category: 'aks',
    description: 'An Azure Key Vault SecretProviderClass must not use the deprecated AAD Pod Identity (parameters.usePodIdentity: "true"): use workload identity.',
    rationale:
      'With usePodIdentity the Key Vault provider fetches its token through AAD Pod Identity\'s NMI, which intercepts every pod\'s IMDS traffic with host networking. AAD Pod Identity was deprecated in 2022 and archived in 2023, and the provider\'s pod identity mode goes with it; workload identity (parameters.clientID with a federated ServiceAccount) replaces it.',
    kinds: ['SecretProviderClass'],
    references: [
      { source: 'Secrets Store CSI Driver Provider for Azure', title: 'Identity access modes', url: 'https://azure.github.io/secrets-store-csi-driver-provider-azure/docs/configurations/identity-access-modes/' },
      { source: 'AKS', title: 'Migrate from pod-managed identity to workload identity', url: 'https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity' },
    ],
  },
  check(object, ctx) {
    if (!isSecretProviderClass(object)) return;
    const parameters = azureParameters(object);
    if (!parameters || !parameterIsTrue(parameters, 'usePodIdentity')) return;
    ctx.report({
      path: ['spec', 'parameters', 'usePodIdentity'],
      message: `${objectLabel(object)} reads Key Vault through the deprecated AAD Pod Identity (usePodIdentity): switch to workload identity: set usePodIdentity: "false" and clientID to an identity federated with the pod's ServiceAccount.`,
    });
  },
});
