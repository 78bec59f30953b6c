// The parameters of each library kind, as its ConstraintTemplate's schema declares them (gatekeeper-library commit
// 5c441fb, spec.crd.spec.validation). A constraint whose parameters do not fit is probably of a custom template that
// reuses a library kind's name: kubeguard names it as unsupported instead of judging it by the library's semantics.
export type ParameterType = 'string' | 'string[]' | 'object' | 'object[]' | 'boolean' | 'integer' | 'number';

export const LIBRARY_PARAMETERS: Readonly<Record<string, Readonly<Record<string, ParameterType>>>> = {
  K8sAllowedRepos: { repos: 'string[]' },
  K8sAllowedReposv2: { allowedImages: 'string[]' },
  K8sBlockEndpointEditDefaultRole: {},
  K8sBlockLoadBalancer: {},
  K8sBlockNodePort: {},
  K8sBlockWildcardIngress: {},
  K8sContainerEphemeralStorageLimit: { exemptImages: 'string[]', "ephemeral-storage": 'string' },
  K8sContainerLimits: { exemptImages: 'string[]', cpu: 'string', memory: 'string' },
  K8sContainerRatios: { exemptImages: 'string[]', ratio: 'string', cpuRatio: 'string' },
  K8sContainerRequests: { exemptImages: 'string[]', cpu: 'string', memory: 'string' },
  K8sDisallowAnonymous: { allowedRoles: 'string[]', disallowAuthenticated: 'boolean' },
  K8sDisallowInteractiveTTY: { exemptImages: 'string[]' },
  K8sDisallowedRepos: { repos: 'string[]' },
  K8sDisallowedTags: { exemptImages: 'string[]', tags: 'string[]' },
  K8sExternalIPs: { allowedIPs: 'string[]' },
  K8sHorizontalPodAutoscaler: { enforceScaleTargetRef: 'boolean', minimumReplicaSpread: 'integer', ranges: 'object[]' },
  K8sHttpsOnly: { tlsOptional: 'boolean' },
  K8sImageDigests: { exemptImages: 'string[]' },
  K8sPSPAllowPrivilegeEscalationContainer: { exemptImages: 'string[]' },
  K8sPSPAllowedUsers: { exemptImages: 'string[]', runAsUser: 'object', runAsGroup: 'object', supplementalGroups: 'object', fsGroup: 'object' },
  K8sPSPAppArmor: { exemptImages: 'string[]', allowedProfiles: 'string[]' },
  K8sPSPAutomountServiceAccountTokenPod: {},
  K8sPSPCapabilities: { exemptImages: 'string[]', allowedCapabilities: 'string[]', requiredDropCapabilities: 'string[]' },
  K8sPSPFSGroup: { rule: 'string', ranges: 'object[]' },
  K8sPSPFlexVolumes: { allowedFlexVolumes: 'object[]' },
  K8sPSPForbiddenSysctls: { allowedSysctls: 'string[]', forbiddenSysctls: 'string[]' },
  K8sPSPHostFilesystem: { allowedHostPaths: 'object[]' },
  K8sPSPHostNamespace: {},
  K8sPSPHostNetworkingPorts: { exemptImages: 'string[]', hostNetwork: 'boolean', min: 'integer', max: 'integer' },
  K8sPSPHostProbesLifecycle: { exemptImages: 'string[]' },
  K8sPSPHostProcess: { exemptImages: 'string[]' },
  K8sPSPPrivilegedContainer: { exemptImages: 'string[]' },
  K8sPSPProcMount: { exemptImages: 'string[]', procMount: 'string' },
  K8sPSPReadOnlyRootFilesystem: { exemptImages: 'string[]' },
  K8sPSPSELinuxV2: { exemptImages: 'string[]', allowedSELinuxOptions: 'object[]' },
  K8sPSPSeccomp: { exemptImages: 'string[]', allowedProfiles: 'string[]', allowedLocalhostFiles: 'string[]' },
  K8sPSPSeccompV2: { exemptImages: 'string[]', allowedProfiles: 'string[]', allowedLocalhostFiles: 'string[]' },
  K8sPSPVolumeTypes: { volumes: 'string[]' },
  K8sPodDisruptionBudget: {},
  K8sReplicaLimits: { ranges: 'object[]' },
  K8sRequiredAnnotations: { message: 'string', annotations: 'object[]' },
  K8sRequiredLabels: { message: 'string', labels: 'object[]' },
  K8sRequiredProbes: { probes: 'string[]', probeTypes: 'string[]' },
  K8sRequiredResources: { exemptImages: 'string[]', limits: 'string[]', requests: 'string[]' },
  K8sStorageClass: { includeStorageClassesInMessage: 'boolean', allowedStorageClasses: 'string[]' },
  K8sUniqueIngressHost: {},
  K8sUniqueServiceSelector: {},
  VerifyDeprecatedAPI: { kvs: 'object[]', k8sVersion: 'number' },
};

function fits(value: unknown, type: ParameterType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'object[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
  }
}

/** Why the parameters do not fit the library kind's schema, or undefined when they do (null values count as absent). */
export function parameterMismatch(kind: string, parameters: Record<string, unknown>): string | undefined {
  const schema = LIBRARY_PARAMETERS[kind];
  if (!schema) return undefined;
  for (const [name, value] of Object.entries(parameters)) {
    if (value === null || value === undefined) continue;
    const type = schema[name];
    if (!type) return `parameter "${name}" is not one of the library's ${kind} parameters${Object.keys(schema).length ? ` (${Object.keys(schema).join(', ')})` : ' (it takes none)'}`;
    if (!fits(value, type)) return `parameter "${name}" is not ${type === 'string[]' ? 'a list of strings' : type === 'object[]' ? 'a list of objects' : `a ${type}`} as the library's ${kind} declares`;
  }
  return undefined;
}
