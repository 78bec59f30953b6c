// Allow-lists of the Pod Security Standards, per policy version, exactly as pod-security-admission defines them.
// Source: https://github.com/kubernetes/kubernetes/tree/master/staging/src/k8s.io/pod-security-admission/policy
// (mirrored at https://github.com/kubernetes/pod-security-admission/tree/master/policy), policy version 1.37.

/** A list that grows with the policy version: `since` is the first Kubernetes minor (1.x) that allows `values`. */
export interface VersionedValues {
  since: number;
  values: readonly string[];
}

/**
 * capabilities_baseline: what `capabilities.add` may hold (check_capabilities_baseline.go, unchanged since 1.0).
 * Matched exactly and case-sensitively: `CAP_CHOWN` or `chown` are not on the list.
 */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** capabilities_restricted (check_capabilities_restricted.go): `drop` must contain this value... */
export const CAPABILITY_ALL = 'ALL';
/** ...and `add` may hold only this one. */
export const RESTRICTED_ADD_CAPABILITIES: ReadonlySet<string> = new Set(['NET_BIND_SERVICE']);

/** sysctls: the safe set (check_sysctls.go, sysctlsAllowedV1Dot0 ... sysctlsAllowedV1Dot37). Only pod-level sysctls exist. */
export const SAFE_SYSCTLS: readonly VersionedValues[] = [
  {
    since: 0,
    values: [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  },
  { since: 27, values: ['net.ipv4.ip_local_reserved_ports'] },
  { since: 29, values: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: 32, values: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  // Added for policy 1.37 (kubernetes/kubernetes#138389); no released Kubernetes has them yet.
  { since: 37, values: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

/** seLinuxOptions: allowed `type` values (check_seLinuxOptions.go); "" means unset. `user` and `role` must stay empty. */
export const SELINUX_TYPES: readonly VersionedValues[] = [
  { since: 0, values: ['', 'container_t', 'container_init_t', 'container_kvm_t'] },
  { since: 31, values: ['container_engine_t'] },
];

/**
 * restrictedVolumes (check_restrictedVolumes.go): the only volume sources the restricted level accepts.
 * `image` was added in place for Kubernetes 1.33 (not version-gated), so it is allowed at every policy version.
 */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Every volume source field of core/v1 VolumeSource. A volume with none of them is defaulted to `emptyDir: {}` by the API server. */
export const VOLUME_SOURCE_FIELDS: readonly string[] = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'hostPath',
  'image',
  'iscsi',
  'nfs',
  'persistentVolumeClaim',
  'photonPersistentDisk',
  'portworxVolume',
  'projected',
  'quobyte',
  'rbd',
  'scaleIO',
  'secret',
  'storageos',
  'vsphereVolume',
];

/** appArmorProfile: the allowed `appArmorProfile.type` values (pod and container level). */
export const APPARMOR_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);
/** The deprecated per-container AppArmor annotation, still checked by PSS on the pod (template) metadata. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** Allowed annotation values: empty, `runtime/default`, or `localhost/<profile>`. */
export function isAllowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/** seccompProfile_baseline / _restricted: the allowed `seccompProfile.type` values (policy 1.19+). */
export const SECCOMP_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);
/** Before policy 1.19 seccomp was checked through these alpha annotations. */
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** Allowed alpha annotation values: `runtime/default`, `docker/default` or `localhost/<profile>`. */
export function isAllowedSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** procMount: the only value allowed (check_procMount_baseline.go, check_procMount_restricted.go). */
export const DEFAULT_PROC_MOUNT = 'Default';

/** Probe and lifecycle handlers whose `httpGet.host` / `tcpSocket.host` hostProbesAndHostLifecycle checks (1.34+). */
export const PROBE_FIELDS: readonly string[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];
export const LIFECYCLE_HANDLERS: readonly string[] = ['postStart', 'preStop'];
export const HOST_HANDLER_ACTIONS: readonly string[] = ['httpGet', 'tcpSocket'];

/** The union of every versioned list entry whose `since` is at or below `minor`. */
export function valuesAt(lists: readonly VersionedValues[], minor: number): Set<string> {
  const values = new Set<string>();
  for (const list of lists) if (list.since <= minor) for (const value of list.values) values.add(value);
  return values;
}
