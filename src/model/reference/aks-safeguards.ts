// Default parameters of the AKS Deployment Safeguards initiative (Azure/azure-policy,
// built-in-policies/policySetDefinitions/Kubernetes/AKS_Safeguards.json, version 3.0.0).

/** `allowedSysctls`: the initiative's default (the definition itself has none). */
export const AKS_ALLOWED_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
