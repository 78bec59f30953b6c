// Scope of the built-in Kubernetes API resources, as `kubectl api-resources --namespaced=true|false` lists them
// on Kubernetes 1.35 (plus resources of removed APIs still found in manifests: podsecuritypolicies).
// Source: https://kubernetes.io/docs/reference/kubernetes-api/ and
// https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris. Resource names are the RBAC
// (plural, lower-case) names; '' is the core API group.

export type ResourceScope = 'namespaced' | 'cluster';

const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  '': ['componentstatuses', 'namespaces', 'nodes', 'persistentvolumes'],
  'admissionregistration.k8s.io': [
    'mutatingadmissionpolicies',
    'mutatingadmissionpolicybindings',
    'mutatingwebhookconfigurations',
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
    'validatingwebhookconfigurations',
  ],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'apiregistration.k8s.io': ['apiservices'],
  'authentication.k8s.io': ['selfsubjectreviews', 'tokenreviews'],
  'authorization.k8s.io': ['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews'],
  'certificates.k8s.io': ['certificatesigningrequests', 'clustertrustbundles', 'signers'],
  extensions: ['podsecuritypolicies'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
  'internal.apiserver.k8s.io': ['storageversions'],
  'metrics.k8s.io': ['nodes'],
  'networking.k8s.io': ['ingressclasses', 'ipaddresses', 'servicecidrs'],
  'node.k8s.io': ['runtimeclasses'],
  policy: ['podsecuritypolicies'],
  'rbac.authorization.k8s.io': ['clusterrolebindings', 'clusterroles'],
  'resource.k8s.io': ['deviceclasses', 'devicetaintrules', 'resourceslices'],
  'scheduling.k8s.io': ['priorityclasses'],
  'storage.k8s.io': ['csidrivers', 'csinodes', 'storageclasses', 'volumeattachments', 'volumeattributesclasses'],
  'storagemigration.k8s.io': ['storageversionmigrations'],
};

const NAMESPACED: Readonly<Record<string, readonly string[]>> = {
  '': [
    'bindings',
    'configmaps',
    'endpoints',
    'events',
    'limitranges',
    'persistentvolumeclaims',
    'pods',
    'podtemplates',
    'replicationcontrollers',
    'resourcequotas',
    'secrets',
    'serviceaccounts',
    'services',
  ],
  apps: ['controllerrevisions', 'daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  'authorization.k8s.io': ['localsubjectaccessreviews'],
  autoscaling: ['horizontalpodautoscalers'],
  batch: ['cronjobs', 'jobs'],
  'certificates.k8s.io': ['podcertificaterequests'],
  'coordination.k8s.io': ['leasecandidates', 'leases'],
  'discovery.k8s.io': ['endpointslices'],
  'events.k8s.io': ['events'],
  extensions: ['daemonsets', 'deployments', 'ingresses', 'networkpolicies', 'replicasets'],
  'metrics.k8s.io': ['pods'],
  'networking.k8s.io': ['ingresses', 'networkpolicies'],
  policy: ['poddisruptionbudgets'],
  'rbac.authorization.k8s.io': ['rolebindings', 'roles'],
  'resource.k8s.io': ['resourceclaims', 'resourceclaimtemplates'],
  'scheduling.k8s.io': ['workloads'],
  'storage.k8s.io': ['csistoragecapacities'],
};

/** The API groups served by Kubernetes itself (and metrics-server's metrics.k8s.io); anything else is a custom resource. */
export const BUILT_IN_API_GROUPS: ReadonlySet<string> = new Set([...Object.keys(CLUSTER_SCOPED), ...Object.keys(NAMESPACED)]);

/**
 * The scope of `resource` (a plural name, optionally `resource/subresource`: a subresource has its parent's scope)
 * in API `group`, or undefined when the resource is not a known built-in one.
 */
export function builtInResourceScope(group: string, resource: string): ResourceScope | undefined {
  const base = resource.split('/')[0];
  if (CLUSTER_SCOPED[group]?.includes(base)) return 'cluster';
  if (NAMESPACED[group]?.includes(base)) return 'namespaced';
  return undefined;
}

/** The built-in groups that define `resource` (by its base name), for rules whose apiGroups is `*`. */
export function builtInGroupsOf(resource: string): string[] {
  const base = resource.split('/')[0];
  return [...BUILT_IN_API_GROUPS].filter((group) => builtInResourceScope(group, base) !== undefined);
}

/**
 * The apiVersion that serves each built-in kind outside the core group (the newest GA version, Kubernetes 1.35). The core
 * group `v1` never served these kinds and cannot hold custom resources, so `apiVersion: v1` with one of them is a
 * mistake for this kind, judged as it (and reported by deprecated-api-version).
 */
const NON_CORE_KINDS: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  ControllerRevision: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
  CSIDriver: 'storage.k8s.io/v1',
  VolumeAttachment: 'storage.k8s.io/v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  RuntimeClass: 'node.k8s.io/v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Lease: 'coordination.k8s.io/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  APIService: 'apiregistration.k8s.io/v1',
  CertificateSigningRequest: 'certificates.k8s.io/v1',
  ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  ValidatingAdmissionPolicy: 'admissionregistration.k8s.io/v1',
  ValidatingAdmissionPolicyBinding: 'admissionregistration.k8s.io/v1',
  FlowSchema: 'flowcontrol.apiserver.k8s.io/v1',
  PriorityLevelConfiguration: 'flowcontrol.apiserver.k8s.io/v1',
};

/** The apiVersion serving a built-in kind of a non-core group (`apps/v1` for Deployment), or undefined. */
export function nonCoreApiVersionOf(kind: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(NON_CORE_KINDS, kind) ? NON_CORE_KINDS[kind] : undefined;
}

/**
 * The API group an object belongs to: the group of its apiVersion, except that a built-in kind written under the core
 * `v1` (which never served it) is judged as the built-in kind it names.
 */
export function effectiveApiGroup(apiVersion: unknown, kind: unknown): string {
  const text = typeof apiVersion === 'string' ? apiVersion.trim() : '';
  const slash = text.indexOf('/');
  if (slash >= 0) return text.slice(0, slash);
  const servedBy = typeof kind === 'string' && text === 'v1' ? nonCoreApiVersionOf(kind) : undefined;
  return servedBy ? servedBy.slice(0, servedBy.indexOf('/')) : '';
}
