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
