// Host paths that give a pod control of the node, for docker-sock-mount and sensitive-host-mounts.
// Paths are written normalised (see src/rules/utils/host-path.ts): `/var/run` is written `/run` (it is a symlink to
// /run on every current distribution), Windows paths lower case with `/`.
// Sources: Kubernetes "Volumes: hostPath" (https://kubernetes.io/docs/concepts/storage/volumes/#hostpath),
// the container runtime endpoints (https://kubernetes.io/docs/setup/production-environment/container-runtimes/),
// Trivy's KSV121 "disallowed volumes mounted" and KICS "Workload mounting with sensitive OS directory" (lists to compare),
// and the writable /var/log escape (Aqua KHV047, https://avd.aquasec.com/misconfig/kubernetes/khv047).

/** File names of container runtime API sockets, wherever they live (`/run/k3s/containerd/containerd.sock`...). */
export const RUNTIME_SOCKET_FILES = /^(?:docker|containerd|crio|cri-dockerd|dockershim|podman)\.sock(?:\.ttrpc)?$/;

/** Directories that hold a runtime socket: mounting them exposes the socket too. */
export const RUNTIME_SOCKET_DIRECTORIES: readonly string[] = [
  '/run',
  '/run/docker',
  '/run/containerd',
  '/run/crio',
  '/run/cri-dockerd',
  '/run/podman',
  '/run/k3s',
  '/run/k3s/containerd',
  '/run/dockershim',
];

/** Windows named pipes of Docker and containerd (`\\.\pipe\docker_engine`), normalised to lower case with `/`. */
export const RUNTIME_NAMED_PIPES: readonly string[] = ['//./pipe/docker_engine', '//./pipe/containerd-containerd'];

export interface SensitiveHostPath {
  path: string;
  /** `tree`: the directory and everything under it; `exact`: only the path itself (the root filesystem). */
  match: 'tree' | 'exact';
  /** What the directory holds, for messages: "/etc holds …". */
  holds: string;
  /** Mounted read-only by every container, the finding is lowered to this severity (the risk is in writing). */
  readOnlySeverity?: 'warning';
  /** Why writing there is worse, when it is: added to the message of a writable mount. */
  writableRisk?: string;
}

export const SENSITIVE_HOST_PATHS: readonly SensitiveHostPath[] = [
  { path: '/', match: 'exact', holds: "the node's whole root filesystem" },
  { path: '/etc', match: 'tree', holds: 'host configuration, /etc/shadow and the kubeconfigs and PKI under /etc/kubernetes' },
  { path: '/root', match: 'tree', holds: "root's SSH keys, kubeconfig and cloud credentials" },
  { path: '/home', match: 'tree', holds: "users' SSH keys, kubeconfigs and cloud credentials" },
  { path: '/proc', match: 'tree', holds: 'every host process (/proc/<pid>/environ, /proc/1/root) and kernel tunables' },
  { path: '/sys', match: 'tree', holds: 'kernel interfaces and cgroups (known container escapes)' },
  { path: '/dev', match: 'tree', holds: "the node's raw disks and devices" },
  { path: '/boot', match: 'tree', holds: 'the kernel and boot loader' },
  { path: '/var/lib/kubelet', match: 'tree', holds: "every pod's volumes (Secrets, service account tokens) and the kubelet's credentials" },
  { path: '/var/lib/docker', match: 'tree', holds: "every container's filesystem, configuration and images" },
  { path: '/var/lib/containerd', match: 'tree', holds: "every container's filesystem and images" },
  { path: '/var/lib/containers', match: 'tree', holds: "every CRI-O/Podman container's filesystem and images" },
  { path: '/var/lib/etcd', match: 'tree', holds: "the cluster's etcd data, with every Secret" },
  // Log shippers need it, read-only. Writable, a pod can plant symlinks the kubelet follows when serving logs.
  {
    path: '/var/log',
    match: 'tree',
    holds: "every pod's logs",
    readOnlySeverity: 'warning',
    writableRisk: "writable, it is a known escape through the kubelet's log endpoint",
  },
  // Windows nodes (AKS keeps the kubelet's kubeconfig and certificates under c:\k).
  { path: 'c:', match: 'exact', holds: "the Windows node's system drive" },
  { path: 'c:/windows', match: 'tree', holds: 'the Windows system files' },
  { path: 'c:/k', match: 'tree', holds: "the kubelet's kubeconfig and certificates on AKS Windows nodes" },
  { path: 'c:/var/lib/kubelet', match: 'tree', holds: "every pod's volumes and the kubelet's credentials" },
  { path: 'c:/programdata/docker', match: 'tree', holds: "every container's filesystem and images" },
  { path: 'c:/programdata/containerd', match: 'tree', holds: "every container's filesystem and images" },
];

export interface BenignHostPath {
  path: string;
  match: 'tree' | 'exact';
  /** Benign only when every container mounts it read-only (a writable CA bundle lets a pod add a trusted CA). */
  readOnly: boolean;
}

/** Paths under the sensitive directories that are commonly mounted and harmless: not reported. */
export const BENIGN_HOST_PATHS: readonly BenignHostPath[] = [
  ...['/dev/null', '/dev/zero', '/dev/full', '/dev/random', '/dev/urandom', '/dev/log'].map((path) => ({ path, match: 'exact' as const, readOnly: false })),
  ...['/etc/localtime', '/etc/timezone', '/etc/machine-id', '/etc/os-release', '/etc/hostname'].map((path) => ({ path, match: 'exact' as const, readOnly: true })),
  ...['/etc/ssl/certs', '/etc/pki/tls/certs', '/etc/pki/ca-trust', '/etc/ca-certificates', '/usr/share/zoneinfo'].map((path) => ({ path, match: 'tree' as const, readOnly: true })),
];
