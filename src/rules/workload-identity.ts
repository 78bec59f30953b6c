import { POD_WORKLOADS, type KubeObject, type LintObject } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { effectiveNamespace } from './utils/label-selector';
import { apiGroupOf, nameOf, withName } from './utils/lint-set';
import { secretProviderClasses, secretsStoreVolumes, workloadIdentityClientId } from './utils/secret-provider';

const USE_LABEL = 'azure.workload.identity/use';
const CLIENT_ID = 'azure.workload.identity/client-id';

function usesWorkloadIdentity(labels: unknown): boolean {
  // A YAML boolean true is rejected by the API server (label values are strings; schema reports it); the intent is clear.
  return isRecord(labels) && (labels[USE_LABEL] === 'true' || labels[USE_LABEL] === true);
}

/** An explicit "false": the pod deliberately does not use the ServiceAccount's identity. */
function optedOut(labels: unknown): boolean {
  return isRecord(labels) && (labels[USE_LABEL] === 'false' || labels[USE_LABEL] === false);
}

function serviceAccount(objects: readonly LintObject[], namespace: string, name: string): KubeObject | undefined {
  return withName(objects, name).find(
    ({ object }) => object.kind === 'ServiceAccount' && apiGroupOf(object) === '' && nameOf(object) === name && effectiveNamespace(object) === namespace,
  )?.object;
}

function clientIdOf(account: KubeObject): string | undefined {
  const value = account.metadata?.annotations?.[CLIENT_ID] as unknown;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export default defineRule({
  meta: {
    id: 'workload-identity',
    severity: 'error',
    category: 'aks',
    description: 'Workload ID pods and ServiceAccounts must match: pods labelled azure.workload.identity/use need a ServiceAccount with a client ID, and pods of such a ServiceAccount need the label.',
    rationale:
      'The Microsoft Entra Workload ID webhook only mutates pods labelled azure.workload.identity/use: "true", and takes AZURE_CLIENT_ID from the azure.workload.identity/client-id annotation of their ServiceAccount. A labelled pod whose ServiceAccount has no client ID gets no client ID and the token exchange fails; a pod of an annotated ServiceAccount without the label gets no token at all. Both fail only at run time, with an authentication error.',
    kinds: POD_WORKLOADS,
    crossObject: true,
    references: [
      { source: 'AKS', title: 'Use Microsoft Entra Workload ID with AKS: ServiceAccount annotations and pod labels', url: 'https://learn.microsoft.com/azure/aks/workload-identity-overview' },
      { source: 'Azure Workload Identity', title: 'Quick start', url: 'https://azure.github.io/azure-workload-identity/docs/quick-start.html' },
      { source: 'Azure Policy', id: '2cc2e023-0dac-4046-875b-178f683929d5', title: 'Azure Kubernetes Service Clusters should enable workload identity' },
      { source: 'Secrets Store CSI Driver Provider for Azure', title: 'Workload identity mode', url: 'https://azure.github.io/secrets-store-csi-driver-provider-azure/docs/configurations/identity-access-modes/workload-identity-mode/' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const label = objectLabel(object);
    const templateLabelled = usesWorkloadIdentity(pod.metadata.labels);
    const isTemplate = pod.metadataPath.length > 1;

    // The label on the workload itself does nothing: the webhook looks at pods.
    if (isTemplate && !templateLabelled && usesWorkloadIdentity(object.metadata?.labels)) {
      ctx.report({
        path: ['metadata', 'labels', USE_LABEL],
        message: `${label} has the ${USE_LABEL} label on itself, not on its pod template: move it to the template's metadata.labels, where the Workload ID webhook looks for it.`,
      });
      return;
    }

    const spec = pod.value as unknown as Record<string, unknown>;
    const accountName = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' && spec.serviceAccount ? spec.serviceAccount : 'default';
    const account = serviceAccount(ctx.objects, effectiveNamespace(object), accountName);
    // Without the ServiceAccount in the lint set there is nothing to compare.
    if (!account) return;
    const clientId = clientIdOf(account);
    const labelPath = [...pod.metadataPath, 'labels', USE_LABEL];

    if (templateLabelled && !clientId) {
      // A container may set AZURE_CLIENT_ID itself; the webhook then leaves it alone.
      const setsClientId = ctx.containers(object).some(
        (container) => Array.isArray(container.value.env) && container.value.env.some((variable) => isRecord(variable) && variable.name === 'AZURE_CLIENT_ID'),
      );
      if (setsClientId) return;
      ctx.report({
        path: labelPath,
        message: `${label} uses Workload ID, but its ServiceAccount "${accountName}" has no ${CLIENT_ID} annotation: annotate the ServiceAccount with the client ID of the managed identity or app registration.`,
      });
    } else if (!templateLabelled && clientId && !optedOut(pod.metadata.labels) && secretsStoreVolumes(pod).length === 0) {
      // A pod mounting a Key Vault CSI volume may use the ServiceAccount only for the driver, which needs no label.
      ctx.report({
        path: labelPath,
        severity: 'warning',
        message: `${label} runs as ServiceAccount "${accountName}", which has a Workload ID client ID, but its pods lack the label ${USE_LABEL}: "true": without it the webhook injects no token; add the label (or use another ServiceAccount).`,
      });
    }

    // The Key Vault CSI driver signs in with a token of the pod's ServiceAccount for the class's clientID: the
    // identity must trust that ServiceAccount, and an account without the client-id annotation was not set up so.
    if (clientId || templateLabelled) return;
    const namespace = effectiveNamespace(object);
    for (const volume of secretsStoreVolumes(pod)) {
      const secretProviderClass = secretProviderClasses(ctx.objects).find(({ object: candidate }) => nameOf(candidate) === volume.className && effectiveNamespace(candidate) === namespace);
      if (!secretProviderClass || !workloadIdentityClientId(secretProviderClass.object)) continue;
      ctx.report({
        path: volume.path,
        severity: 'warning',
        message: `${label} mounts SecretProviderClass "${volume.className}", which reads Key Vault with workload identity (clientID), but runs as ServiceAccount "${accountName}", which has no ${CLIENT_ID} annotation: the driver signs in with that ServiceAccount's token, so the identity needs a federated credential for it; run the pod as the ServiceAccount set up for the identity, or annotate this one with the same client ID.`,
      });
    }
  },
});
