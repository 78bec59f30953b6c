// RBAC permissions that let a subject gain more access than its role states ("privilege escalation").
// Sources: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks,
// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping,
// https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization and
// KEP-4006 (from Kubernetes 1.35 a WebSocket `get` on pods/exec and pods/attach also needs `create`).
import type { KubernetesVersion } from '../../engine/types';

export interface EscalationPermission {
  /** The API group the resources live in ('' is the core group). */
  group: string;
  /** RBAC resource names, `resource/subresource` for subresources. */
  resources: readonly string[];
  /** Verbs that are dangerous on these resources; `any` means every verb. */
  verbs: readonly string[] | 'any';
  /** Where the finding points: the verb item (escalate, bind...) or the resource item (pods/exec...). */
  reportAt: 'verb' | 'resource';
  /** What the permission allows, for the message. */
  risk: string;
  /** Only applies to Kubernetes versions before this minor (1.x). */
  beforeMinor?: number;
  /** Only dangerous together with this other grant of the same role (CSR approval needs both halves). */
  requires?: { group: string; resource: string; verbs: readonly string[] };
  /** Not dangerous when resourceNames limits it to the very service accounts the role is bound to (own tokens). */
  exemptOwnServiceAccounts?: boolean;
}

export const ESCALATION_PERMISSIONS: readonly EscalationPermission[] = [
  {
    group: 'rbac.authorization.k8s.io',
    resources: ['roles', 'clusterroles'],
    verbs: ['escalate'],
    reportAt: 'verb',
    risk: 'lets it write roles granting permissions it does not hold',
  },
  {
    group: 'rbac.authorization.k8s.io',
    resources: ['roles', 'clusterroles'],
    verbs: ['bind'],
    reportAt: 'verb',
    risk: 'lets it bind roles granting permissions it does not hold',
  },
  {
    group: '',
    resources: ['users', 'groups', 'serviceaccounts'],
    verbs: ['impersonate'],
    reportAt: 'verb',
    risk: 'lets it act as other users, groups or service accounts',
  },
  {
    group: '',
    resources: ['pods/exec', 'pods/attach'],
    verbs: ['create'],
    reportAt: 'resource',
    risk: 'lets it run commands in pods and read their mounted secrets and tokens',
  },
  {
    group: '',
    resources: ['pods/exec', 'pods/attach'],
    verbs: ['get'],
    reportAt: 'resource',
    risk: 'lets it run commands in pods over WebSocket (before Kubernetes 1.35 only `get` was checked)',
    beforeMinor: 35,
  },
  {
    group: '',
    resources: ['serviceaccounts/token'],
    verbs: ['create'],
    reportAt: 'resource',
    risk: 'lets it mint tokens for service accounts',
    exemptOwnServiceAccounts: true,
  },
  {
    group: '',
    resources: ['nodes/proxy'],
    verbs: 'any',
    reportAt: 'resource',
    risk: 'gives direct access to the kubelet API (exec in any pod of the node, bypassing audit and admission)',
  },
  {
    group: 'certificates.k8s.io',
    resources: ['certificatesigningrequests/approval'],
    verbs: ['update', 'patch'],
    reportAt: 'resource',
    risk: 'lets it approve certificate signing requests (client certificates for any identity)',
    requires: { group: 'certificates.k8s.io', resource: 'signers', verbs: ['approve'] },
  },
  {
    group: 'certificates.k8s.io',
    resources: ['signers'],
    verbs: ['approve'],
    reportAt: 'verb',
    risk: 'lets it approve certificate signing requests (client certificates for any identity)',
    requires: { group: 'certificates.k8s.io', resource: 'certificatesigningrequests/approval', verbs: ['update', 'patch'] },
  },
];

export function appliesTo(permission: EscalationPermission, version: KubernetesVersion): boolean {
  if (permission.beforeMinor === undefined) return true;
  return version.major < 1 || (version.major === 1 && version.minor < permission.beforeMinor);
}
