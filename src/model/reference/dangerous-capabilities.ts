// Linux capabilities that break container isolation when added, for no-dangerous-capabilities.
// Sources: capabilities(7) (https://man7.org/linux/man-pages/man7/capabilities.7.html), Azure Policy
// "Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities" (d2e7ea85-6b44-4317-a0be-1b951587f626),
// CIS Kubernetes Benchmark "Minimize the admission of containers with the NET_RAW capability".

/** Capability (without `CAP_`, upper case) → what it lets a container do, for messages. */
export const DANGEROUS_CAPABILITIES: ReadonlyMap<string, string> = new Map([
  ['ALL', 'every capability, close to a privileged container'],
  ['SYS_ADMIN', 'mounts, namespaces, BPF and most known container escapes'],
  ['NET_ADMIN', 'reconfiguring interfaces, routes and iptables of the pod network'],
  ['NET_RAW', 'raw sockets: ARP and DNS spoofing on the node network'],
  ['SYS_PTRACE', 'tracing and injecting code into other processes'],
  ['SYS_MODULE', 'loading kernel modules, that is, running code in the host kernel'],
  ['DAC_READ_SEARCH', 'reading any file by handle (the "shocker" escape)'],
  ['BPF', 'loading BPF programs into the kernel'],
]);

/**
 * The name as the runtimes read it: containerd and CRI-O upper-case the value and add the `CAP_` prefix when it is
 * missing, so `sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` all grant the same capability.
 */
export function normalizeCapability(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
