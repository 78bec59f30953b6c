// Deprecated and removed built-in API versions, per Kubernetes minor release.
// Source: the Kubernetes Deprecated API Migration Guide, https://kubernetes.io/docs/reference/using-api/deprecation-guide/
// ("Removed APIs by release": v1.16, v1.22, v1.25, v1.26, v1.27, v1.29, v1.32), the release notes of the versions
// named below, and https://kubernetes.io/docs/reference/using-api/deprecation-policy/. `deprecatedIn` is the release
// that started warning about the version (for most entries, the release the replacement became available).
// Only built-in groups are listed; alpha versions of long-gone features are listed only where manifests still carry them.

export interface Replacement {
  apiVersion: string;
  /** Set when the replacement is another kind. */
  kind?: string;
  /** Minor version from which the replacement is served. */
  availableSince: number;
  /** Minor version that stopped serving the replacement too (then `advice` applies). */
  removedIn?: number;
}

export interface DeprecatedApi {
  /** The deprecated `apiVersion`, e.g. `extensions/v1beta1`. */
  apiVersion: string;
  kind: string;
  /** Minor version (of Kubernetes 1.x) from which the API server warns that this version is deprecated. */
  deprecatedIn: number;
  /** Minor version that stopped serving it, or undefined when no removal is scheduled. */
  removedIn?: number;
  /**
   * What to use instead, newest first: an apiVersion (same kind), or an apiVersion and kind when the kind changes.
   * The rule names the newest one that the target Kubernetes version serves.
   */
  replacements: readonly Replacement[];
  /** Set when there is no like-for-like replacement: what to do instead. */
  advice?: string;
  /** Link to the guide's section on this API. */
  url: string;
}

const GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';

interface Group {
  apiVersions: readonly string[];
  kinds: readonly string[];
  deprecatedIn: number;
  removedIn?: number;
  replacements?: readonly Replacement[];
  advice?: string;
  anchor: string;
}

const GROUPS: readonly Group[] = [
  // v1.16 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-16)
  {
    apiVersions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
    kinds: ['Deployment'],
    deprecatedIn: 9,
    removedIn: 16,
    replacements: [{ apiVersion: 'apps/v1', availableSince: 9 }],
    anchor: 'deployment-v116',
  },
  {
    apiVersions: ['extensions/v1beta1', 'apps/v1beta2'],
    kinds: ['DaemonSet', 'ReplicaSet'],
    deprecatedIn: 9,
    removedIn: 16,
    replacements: [{ apiVersion: 'apps/v1', availableSince: 9 }],
    anchor: 'daemonset-v116',
  },
  {
    apiVersions: ['apps/v1beta1'],
    kinds: ['ReplicaSet'],
    deprecatedIn: 9,
    removedIn: 16,
    replacements: [{ apiVersion: 'apps/v1', availableSince: 9 }],
    anchor: 'replicaset-v116',
  },
  {
    apiVersions: ['apps/v1beta1', 'apps/v1beta2'],
    kinds: ['StatefulSet', 'ControllerRevision'],
    deprecatedIn: 9,
    removedIn: 16,
    replacements: [{ apiVersion: 'apps/v1', availableSince: 9 }],
    anchor: 'statefulset-v116',
  },
  {
    apiVersions: ['extensions/v1beta1'],
    kinds: ['NetworkPolicy'],
    deprecatedIn: 9,
    removedIn: 16,
    replacements: [{ apiVersion: 'networking.k8s.io/v1', availableSince: 8 }],
    anchor: 'networkpolicy-v116',
  },
  {
    apiVersions: ['extensions/v1beta1'],
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: 11,
    removedIn: 16,
    replacements: [{ apiVersion: 'policy/v1beta1', availableSince: 10, removedIn: 25 }],
    advice: 'PodSecurityPolicy itself was removed in Kubernetes 1.25: enforce the Pod Security Standards with Pod Security Admission namespace labels instead',
    anchor: 'podsecuritypolicy-v116',
  },
  // v1.20 (alpha API removed; https://kubernetes.io/docs/setup/release/notes/ v1.20 "PodPreset")
  {
    apiVersions: ['settings.k8s.io/v1alpha1'],
    kinds: ['PodPreset'],
    deprecatedIn: 19,
    removedIn: 20,
    advice: 'PodPreset has no replacement: set the fields in the pod templates, or use a mutating admission webhook',
    anchor: 'removed-apis-by-release',
  },
  // v1.21 (the alpha CronJob API was removed when batch/v1 CronJob became available)
  {
    apiVersions: ['batch/v2alpha1'],
    kinds: ['CronJob'],
    deprecatedIn: 8,
    removedIn: 21,
    replacements: [
      { apiVersion: 'batch/v1', availableSince: 21 },
      { apiVersion: 'batch/v1beta1', availableSince: 8, removedIn: 25 },
    ],
    anchor: 'cronjob-v125',
  },
  // v1.22 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-22)
  {
    apiVersions: ['admissionregistration.k8s.io/v1beta1'],
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecatedIn: 16,
    removedIn: 22,
    replacements: [{ apiVersion: 'admissionregistration.k8s.io/v1', availableSince: 16 }],
    anchor: 'webhook-resources-v122',
  },
  {
    apiVersions: ['apiextensions.k8s.io/v1beta1'],
    kinds: ['CustomResourceDefinition'],
    deprecatedIn: 16,
    removedIn: 22,
    replacements: [{ apiVersion: 'apiextensions.k8s.io/v1', availableSince: 16 }],
    anchor: 'customresourcedefinition-v122',
  },
  {
    apiVersions: ['apiregistration.k8s.io/v1beta1'],
    kinds: ['APIService'],
    deprecatedIn: 19,
    removedIn: 22,
    replacements: [{ apiVersion: 'apiregistration.k8s.io/v1', availableSince: 10 }],
    anchor: 'apiservice-v122',
  },
  {
    apiVersions: ['authentication.k8s.io/v1beta1'],
    kinds: ['TokenReview'],
    deprecatedIn: 19,
    removedIn: 22,
    replacements: [{ apiVersion: 'authentication.k8s.io/v1', availableSince: 6 }],
    anchor: 'tokenreview-v122',
  },
  {
    apiVersions: ['authorization.k8s.io/v1beta1'],
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'],
    deprecatedIn: 19,
    removedIn: 22,
    replacements: [{ apiVersion: 'authorization.k8s.io/v1', availableSince: 6 }],
    anchor: 'subjectaccessreview-resources-v122',
  },
  {
    apiVersions: ['certificates.k8s.io/v1beta1'],
    kinds: ['CertificateSigningRequest'],
    deprecatedIn: 19,
    removedIn: 22,
    replacements: [{ apiVersion: 'certificates.k8s.io/v1', availableSince: 19 }],
    anchor: 'certificatesigningrequest-v122',
  },
  {
    apiVersions: ['coordination.k8s.io/v1beta1'],
    kinds: ['Lease'],
    deprecatedIn: 19,
    removedIn: 22,
    replacements: [{ apiVersion: 'coordination.k8s.io/v1', availableSince: 14 }],
    anchor: 'lease-v122',
  },
  {
    apiVersions: ['extensions/v1beta1'],
    kinds: ['Ingress'],
    deprecatedIn: 14,
    removedIn: 22,
    replacements: [
      { apiVersion: 'networking.k8s.io/v1', availableSince: 19 },
      { apiVersion: 'networking.k8s.io/v1beta1', availableSince: 14, removedIn: 22 },
    ],
    anchor: 'ingress-v122',
  },
  {
    apiVersions: ['networking.k8s.io/v1beta1'],
    kinds: ['Ingress', 'IngressClass'],
    deprecatedIn: 19,
    removedIn: 22,
    replacements: [{ apiVersion: 'networking.k8s.io/v1', availableSince: 19 }],
    anchor: 'ingress-v122',
  },
  {
    apiVersions: ['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'],
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    deprecatedIn: 17,
    removedIn: 22,
    replacements: [{ apiVersion: 'rbac.authorization.k8s.io/v1', availableSince: 8 }],
    anchor: 'rbac-resources-v122',
  },
  {
    apiVersions: ['scheduling.k8s.io/v1beta1'],
    kinds: ['PriorityClass'],
    deprecatedIn: 17,
    removedIn: 22,
    replacements: [{ apiVersion: 'scheduling.k8s.io/v1', availableSince: 14 }],
    anchor: 'priorityclass-v122',
  },
  {
    apiVersions: ['storage.k8s.io/v1beta1'],
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    deprecatedIn: 19,
    removedIn: 22,
    replacements: [{ apiVersion: 'storage.k8s.io/v1', availableSince: 19 }],
    anchor: 'storage-resources-v122',
  },
  // v1.25 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-25)
  {
    apiVersions: ['batch/v1beta1'],
    kinds: ['CronJob'],
    deprecatedIn: 21,
    removedIn: 25,
    replacements: [{ apiVersion: 'batch/v1', availableSince: 21 }],
    anchor: 'cronjob-v125',
  },
  {
    apiVersions: ['discovery.k8s.io/v1beta1'],
    kinds: ['EndpointSlice'],
    deprecatedIn: 21,
    removedIn: 25,
    replacements: [{ apiVersion: 'discovery.k8s.io/v1', availableSince: 21 }],
    anchor: 'endpointslice-v125',
  },
  {
    apiVersions: ['events.k8s.io/v1beta1'],
    kinds: ['Event'],
    deprecatedIn: 19,
    removedIn: 25,
    replacements: [{ apiVersion: 'events.k8s.io/v1', availableSince: 19 }],
    anchor: 'event-v125',
  },
  {
    apiVersions: ['autoscaling/v2beta1'],
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: 22,
    removedIn: 25,
    replacements: [
      { apiVersion: 'autoscaling/v2', availableSince: 23 },
      { apiVersion: 'autoscaling/v2beta2', availableSince: 12, removedIn: 26 },
    ],
    anchor: 'horizontalpodautoscaler-v125',
  },
  {
    apiVersions: ['policy/v1beta1'],
    kinds: ['PodDisruptionBudget'],
    deprecatedIn: 21,
    removedIn: 25,
    replacements: [{ apiVersion: 'policy/v1', availableSince: 21 }],
    anchor: 'poddisruptionbudget-v125',
  },
  {
    apiVersions: ['policy/v1beta1'],
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: 21,
    removedIn: 25,
    advice: 'PodSecurityPolicy has no replacement API: enforce the Pod Security Standards with Pod Security Admission namespace labels (or a policy engine such as Azure Policy/Gatekeeper)',
    anchor: 'psp-v125',
  },
  {
    apiVersions: ['node.k8s.io/v1beta1'],
    kinds: ['RuntimeClass'],
    deprecatedIn: 20,
    removedIn: 25,
    replacements: [{ apiVersion: 'node.k8s.io/v1', availableSince: 20 }],
    anchor: 'runtimeclass-v125',
  },
  // v1.26 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-26)
  {
    apiVersions: ['flowcontrol.apiserver.k8s.io/v1beta1'],
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: 23,
    removedIn: 26,
    replacements: [
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', availableSince: 29 },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', availableSince: 26, removedIn: 32 },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', availableSince: 23, removedIn: 29 },
    ],
    anchor: 'flowcontrol-resources-v126',
  },
  {
    apiVersions: ['autoscaling/v2beta2'],
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: 23,
    removedIn: 26,
    replacements: [{ apiVersion: 'autoscaling/v2', availableSince: 23 }],
    anchor: 'horizontalpodautoscaler-v126',
  },
  // v1.27 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-27)
  {
    apiVersions: ['storage.k8s.io/v1beta1'],
    kinds: ['CSIStorageCapacity'],
    deprecatedIn: 24,
    removedIn: 27,
    replacements: [{ apiVersion: 'storage.k8s.io/v1', availableSince: 24 }],
    anchor: 'csistoragecapacity-v127',
  },
  // v1.29 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-29)
  {
    apiVersions: ['flowcontrol.apiserver.k8s.io/v1beta2'],
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: 26,
    removedIn: 29,
    replacements: [
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', availableSince: 29 },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', availableSince: 26, removedIn: 32 },
    ],
    anchor: 'flowcontrol-resources-v129',
  },
  // v1.32 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-32)
  {
    apiVersions: ['flowcontrol.apiserver.k8s.io/v1beta3'],
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: 29,
    removedIn: 32,
    replacements: [{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', availableSince: 29 }],
    anchor: 'flowcontrol-resources-v132',
  },
  // Deprecated without a removal date: core v1 Endpoints (Kubernetes 1.33, KEP-4974) in favour of EndpointSlices.
  {
    apiVersions: ['v1'],
    kinds: ['Endpoints'],
    deprecatedIn: 33,
    replacements: [{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', availableSince: 21 }],
    anchor: 'removed-apis-by-release',
  },
];

const ENDPOINTS_URL = 'https://kubernetes.io/blog/2025/04/24/endpoints-deprecation/';

export const DEPRECATED_APIS: readonly DeprecatedApi[] = GROUPS.flatMap((group) =>
  group.apiVersions.flatMap((apiVersion) =>
    group.kinds.map(
      (kind): DeprecatedApi => ({
        apiVersion,
        kind,
        deprecatedIn: group.deprecatedIn,
        removedIn: group.removedIn,
        replacements: group.replacements ?? [],
        advice: group.advice,
        url: kind === 'Endpoints' && apiVersion === 'v1' ? ENDPOINTS_URL : `${GUIDE}#${group.anchor}`,
      }),
    ),
  ),
);

const BY_KEY = new Map(DEPRECATED_APIS.map((api) => [`${api.apiVersion} ${api.kind}`, api]));

/** The table entry for this apiVersion and kind, or undefined when it is not a deprecated built-in API. */
export function findDeprecatedApi(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}
