// Custom resource kinds known NOT to make pods: configuration read by a controller that runs elsewhere (routes,
// certificates, monitors, policies, secrets references, autoscaler targets). Any other custom resource may be an
// operator's workload (a LeaderWorkerSet, a CloudNativePG Cluster, a Zalando postgresql, a Redis, an OLM
// ClusterServiceVersion, a Prometheus...), whose pods carry labels the lint set cannot know.
// Sources: each project's CRD reference (cert-manager.io/docs/reference/api-docs, prometheus-operator.dev/docs/api-reference,
// istio.io/latest/docs/reference/config, gateway-api.sigs.k8s.io/reference/spec, external-secrets.io, keda.sh/docs).

/** API group -> kinds that make no pods ('*': every kind of the group). */
export const NON_WORKLOAD_KINDS: Readonly<Record<string, readonly string[] | '*'>> = {
  'cert-manager.io': '*',
  'monitoring.coreos.com': ['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Probe', 'ScrapeConfig', 'AlertmanagerConfig'],
  'networking.istio.io': ['VirtualService', 'DestinationRule', 'ServiceEntry', 'Sidecar', 'EnvoyFilter', 'WorkloadEntry', 'WorkloadGroup', 'ProxyConfig'],
  'security.istio.io': '*',
  'telemetry.istio.io': '*',
  'extensions.istio.io': '*',
  // A Gateway may get its own Deployment from the implementation (Istio, Envoy Gateway): it is left out.
  'gateway.networking.k8s.io': ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute', 'ReferenceGrant', 'BackendTLSPolicy', 'GatewayClass'],
  'traefik.io': '*',
  'traefik.containo.us': '*',
  'bitnami.com': ['SealedSecret'],
  'external-secrets.io': '*',
  'secrets-store.csi.x-k8s.io': '*',
  'autoscaling.k8s.io': '*',
  'keda.sh': ['ScaledObject', 'TriggerAuthentication', 'ClusterTriggerAuthentication'],
  'kyverno.io': '*',
  'wgpolicyk8s.io': '*',
  'constraints.gatekeeper.sh': '*',
  'templates.gatekeeper.sh': '*',
  'mutations.gatekeeper.sh': '*',
  'config.gatekeeper.sh': '*',
  'cilium.io': ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'CiliumLoadBalancerIPPool', 'CiliumBGPPeeringPolicy'],
  'crd.projectcalico.org': '*',
  'projectcalico.org': '*',
  'snapshot.storage.k8s.io': '*',
  'externaldns.k8s.io': '*',
  'aadpodidentity.k8s.io': '*',
  'policy.linkerd.io': '*',
  'linkerd.io': ['ServiceProfile'],
  'split.smi-spec.io': '*',
  'getambassador.io': ['Mapping', 'Host', 'TLSContext', 'Module'],
  'configuration.konghq.com': '*',
  'argoproj.io': ['AppProject'],
};

/** True when a custom resource of `group`/`kind` is known to make no pods. */
export function isNonWorkloadKind(group: string, kind: unknown): boolean {
  const kinds = NON_WORKLOAD_KINDS[group];
  return kinds === '*' || (Array.isArray(kinds) && typeof kind === 'string' && kinds.includes(kind));
}
