import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { azureParameters, isSecretProviderClass, parameterIsTrue } from './utils/secret-provider';

export default defineRule({
  meta: {
    id: 'no-secret-provider-vm-identity',
    severity: 'warning',
    category: 'aks',
    description: 'An Azure Key Vault SecretProviderClass should not read the vault with the node\'s managed identity (parameters.useVMManagedIdentity: "true"): use workload identity.',
    rationale:
      'With useVMManagedIdentity the provider signs in with a managed identity assigned to the node pool\'s virtual machines (the kubelet identity or the add-on\'s azurekeyvaultsecretsprovider identity). Every pod on those nodes can use that identity, so any SecretProviderClass in any namespace, and anything that reaches IMDS, can read every vault the identity may read. Workload identity scopes access to one ServiceAccount.',
    kinds: ['SecretProviderClass'],
    references: [
      { source: 'Secrets Store CSI Driver Provider for Azure', title: 'Identity access modes', url: 'https://azure.github.io/secrets-store-csi-driver-provider-azure/docs/configurations/identity-access-modes/' },
      { source: 'AKS', title: 'Connect your Azure identity provider to the Azure Key Vault Secrets Store CSI Driver', url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access' },
    ],
  },
  check(object, ctx) {
    if (!isSecretProviderClass(object)) return;
    const parameters = azureParameters(object);
    if (!parameters || !parameterIsTrue(parameters, 'useVMManagedIdentity')) return;
    ctx.report({
      path: ['spec', 'parameters', 'useVMManagedIdentity'],
      message: `${objectLabel(object)} reads Key Vault with the node's managed identity (useVMManagedIdentity), which every pod on the node can use: switch to workload identity (clientID of an identity federated with the pod's ServiceAccount).`,
    });
  },
});
