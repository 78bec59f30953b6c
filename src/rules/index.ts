// The rule list. Each family keeps its own block; add a rule by importing it and listing it in its block.
import type { Rule } from '../engine/types';

// --- Pod Security Standards: baseline and restricted
import apparmorNotUnconfined from './apparmor-not-unconfined';
import capabilitiesBaseline from './capabilities-baseline';
import dropAllCapabilities from './drop-all-capabilities';
import noHostIpc from './no-host-ipc';
import noHostNetwork from './no-host-network';
import noHostPath from './no-host-path';
import noHostPid from './no-host-pid';
import noHostPorts from './no-host-ports';
import noHostProbes from './no-host-probes';
import noPrivilegeEscalation from './no-privilege-escalation';
import noPrivileged from './no-privileged';
import noWindowsHostProcess from './no-windows-host-process';
import procMountDefault from './proc-mount-default';
import restrictedVolumeTypes from './restricted-volume-types';
import runAsNonRoot from './run-as-non-root';
import seccompProfile from './seccomp-profile';
import selinuxOptions from './selinux-options';
import unsafeSysctls from './unsafe-sysctls';

const podSecurityStandards: Rule<any>[] = [
  noPrivileged,
  noHostNetwork,
  noHostPid,
  noHostIpc,
  noHostPath,
  noHostPorts,
  capabilitiesBaseline,
  procMountDefault,
  apparmorNotUnconfined,
  selinuxOptions,
  seccompProfile,
  unsafeSysctls,
  noWindowsHostProcess,
  noHostProbes,
  restrictedVolumeTypes,
  noPrivilegeEscalation,
  runAsNonRoot,
  dropAllCapabilities,
];

// --- Hardening, secrets, image sources
import allowedRegistries from './allowed-registries';
import automountServiceAccountToken from './automount-service-account-token';
import dockerSockMount from './docker-sock-mount';
import envDuplicates from './env-duplicates';
import hostAliases from './host-aliases';
import imageDigest from './image-digest';
import imagePullPolicy from './image-pull-policy';
import noDangerousCapabilities from './no-dangerous-capabilities';
import noHardcodedSecretEnv from './no-hardcoded-secret-env';
import noKubernetesDashboard from './no-kubernetes-dashboard';
import noLatestTag from './no-latest-tag';
import noPlaintextSecret from './no-plaintext-secret';
import readOnlyRootFilesystem from './read-only-root-filesystem';
import runAsHighUid from './run-as-high-uid';
import secretAsEnv from './secret-as-env';
import secretInConfigmap from './secret-in-configmap';
import sensitiveHostMounts from './sensitive-host-mounts';
import noSshPort from './no-ssh-port';

const hardening: Rule<any>[] = [
  readOnlyRootFilesystem,
  noDangerousCapabilities,
  automountServiceAccountToken,
  runAsHighUid,
  dockerSockMount,
  sensitiveHostMounts,
  hostAliases,
  noKubernetesDashboard,
  noHardcodedSecretEnv,
  secretAsEnv,
  noPlaintextSecret,
  secretInConfigmap,
  envDuplicates,
  noLatestTag,
  imageDigest,
  allowedRegistries,
  imagePullPolicy,
  noSshPort,
];

// --- RBAC scope, network exposure
import danglingService from './dangling-service';
import defaultServiceAccountBinding from './default-service-account-binding';
import ingressTls from './ingress-tls';
import internalLoadBalancer from './internal-load-balancer';
import networkPolicyCoverage from './network-policy-coverage';
import noAnonymousBinding from './no-anonymous-binding';
import noClusterAdminBinding from './no-cluster-admin-binding';
import noNodePort from './no-node-port';
import noWildcardRbac from './no-wildcard-rbac';
import preferNamespacedRole from './prefer-namespaced-role';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacSecretsAccess from './rbac-secrets-access';
import serviceExternalIps from './service-external-ips';
import ingressServiceMissing from './ingress-service-missing';
import serviceTargetPortUndeclared from './service-target-port-undeclared';

const accessAndNetwork: Rule<any>[] = [
  noWildcardRbac,
  noClusterAdminBinding,
  noAnonymousBinding,
  rbacSecretsAccess,
  rbacEscalationVerbs,
  preferNamespacedRole,
  defaultServiceAccountBinding,
  networkPolicyCoverage,
  internalLoadBalancer,
  noNodePort,
  serviceExternalIps,
  ingressTls,
  danglingService,
  ingressServiceMissing,
  serviceTargetPortUndeclared,
];

// --- Reliability, governance, AKS
import allowedSysctls from './allowed-sysctls';
import antiAffinity from './anti-affinity';
import csiStorageClass from './csi-storage-class';
import deprecatedApiVersion from './deprecated-api-version';
import duplicateObject from './duplicate-object';
import missingSecretProviderClass from './missing-secret-provider-class';
import noAadPodIdentity from './no-aad-pod-identity';
import noAksSpecificLabels from './no-aks-specific-labels';
import noDefaultNamespace from './no-default-namespace';
import noSecretProviderPodIdentity from './no-secret-provider-pod-identity';
import noSecretProviderVmIdentity from './no-secret-provider-vm-identity';
import noSystemPoolToleration from './no-system-pool-toleration';
import noWindowsContainerAdministrator from './no-windows-container-administrator';
import pdb from './pdb';
import pdbUnhealthyPodEvictionPolicy from './pdb-unhealthy-pod-eviction-policy';
import workloadSelectorMismatch from './workload-selector-mismatch';
import hpaTargetMissing from './hpa-target-missing';
import hpaCannotScale from './hpa-cannot-scale';
import autoscaledReplicasSet from './autoscaled-replicas-set';
import statefulsetHeadlessServiceMissing from './statefulset-headless-service-missing';
import envKeyMissing from './env-key-missing';
import identicalLivenessReadinessProbes from './identical-liveness-readiness-probes';
import probePortUndeclared from './probe-port-undeclared';
import probes from './probes';
import replicas from './replicas';
import resourcesLimits from './resources-limits';
import resourcesRequests from './resources-requests';
import rollingUpdateStrategy from './rolling-update-strategy';
import schema from './schema';
import syncedSecretAsEnv from './synced-secret-as-env';
import uniqueServiceSelectors from './unique-service-selectors';
import workloadIdentity from './workload-identity';

const reliability: Rule<any>[] = [
  resourcesLimits,
  resourcesRequests,
  probes,
  rollingUpdateStrategy,
  replicas,
  pdb,
  antiAffinity,
  noDefaultNamespace,
  deprecatedApiVersion,
  schema,
  duplicateObject,
  noAadPodIdentity,
  uniqueServiceSelectors,
  csiStorageClass,
  workloadIdentity,
  noAksSpecificLabels,
  noSystemPoolToleration,
  allowedSysctls,
  noWindowsContainerAdministrator,
  noSecretProviderPodIdentity,
  noSecretProviderVmIdentity,
  missingSecretProviderClass,
  syncedSecretAsEnv,
  pdbUnhealthyPodEvictionPolicy,
  workloadSelectorMismatch,
  hpaTargetMissing,
  hpaCannotScale,
  autoscaledReplicasSet,
  statefulsetHeadlessServiceMissing,
  envKeyMissing,
  identicalLivenessReadinessProbes,
  probePortUndeclared,
];

export const rules: readonly Rule<any>[] = [...podSecurityStandards, ...hardening, ...accessAndNetwork, ...reliability];

const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));

export function getRule(id: string): Rule<any> | undefined {
  return byId.get(id);
}
