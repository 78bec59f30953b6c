import type { Path } from '../engine/types';
import { extractPodSpec, isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { apiGroupOf } from './utils/lint-set';

const POD_IDENTITY_GROUP = 'aadpodidentity.k8s.io';
const POD_IDENTITY_KINDS = ['AzureIdentity', 'AzureIdentityBinding', 'AzureAssignedIdentity', 'AzurePodIdentityException'];
const BINDING_LABEL = 'aadpodidbinding';

export default defineRule({
  meta: {
    id: 'no-aad-pod-identity',
    severity: 'warning',
    category: 'aks',
    description: 'Do not use the deprecated AAD Pod Identity (AzureIdentity, AzureIdentityBinding, the aadpodidbinding label): use Microsoft Entra Workload ID.',
    rationale:
      'AAD Pod Identity (and the AKS pod-managed identity add-on built on it) was deprecated in October 2022 and its project archived in 2023: it gets no fixes, and its NMI DaemonSet intercepts every pod\'s IMDS traffic with host networking. Microsoft Entra Workload ID replaces it with federated ServiceAccount tokens and no privileged component.',
    references: [
      { source: 'AKS', title: 'Migrate from pod-managed identity to workload identity', url: 'https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity' },
      { source: 'AAD Pod Identity', title: 'Deprecation announcement', url: 'https://github.com/Azure/aad-pod-identity#-announcement' },
      { source: 'Azure Policy', id: '2cc2e023-0dac-4046-875b-178f683929d5', title: 'Azure Kubernetes Service Clusters should enable workload identity' },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) === POD_IDENTITY_GROUP && typeof object.kind === 'string' && POD_IDENTITY_KINDS.includes(object.kind)) {
      ctx.report({
        path: ['kind'],
        message: `${objectLabel(object)} belongs to the deprecated AAD Pod Identity: move to Microsoft Entra Workload ID (a ServiceAccount annotated with azure.workload.identity/client-id and a federated identity credential).`,
      });
      return;
    }
    const reported = new Set<string>();
    const check = (labels: unknown, path: Path, what: string) => {
      if (!isRecord(labels) || !(BINDING_LABEL in labels) || reported.has(JSON.stringify(path))) return;
      reported.add(JSON.stringify(path));
      ctx.report({
        path: [...path, BINDING_LABEL],
        message: `${what} carries the AAD Pod Identity label "${BINDING_LABEL}": AAD Pod Identity is deprecated; label the pods azure.workload.identity/use: "true" and use a Workload ID ServiceAccount instead.`,
      });
    };
    const label = objectLabel(object);
    const pod = extractPodSpec(object);
    if (pod) check(pod.metadata.labels, [...pod.metadataPath, 'labels'], pod.metadataPath.length > 1 ? `The pod template of ${label}` : label);
    check(object.metadata?.labels, ['metadata', 'labels'], label);
  },
});
