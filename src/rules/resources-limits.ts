import { POD_WORKLOADS } from '../engine/types';
import { hasResource, podLevelResources } from './utils/container-resources';
import { parseQuantity } from '../model/quantity';
import { containerLabel } from './utils/container-label';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { containerDefaults } from './utils/limit-range';

/** Why `limit` is over `maximum`, or undefined when it is within it. */
function exceeds(label: string, limit: unknown, maximum: string): string | undefined {
  const allowed = parseQuantity(maximum);
  if (allowed === undefined) return undefined;
  const value = parseQuantity(limit);
  // As Azure Policy's container-limits template, a limit that is not a quantity cannot be shown to be within the maximum.
  if (value === undefined) return `sets ${label} ${JSON.stringify(limit)}, which is not a quantity (the maximum is ${maximum})`;
  return value > allowed ? `sets ${label} ${String(limit)}, above the maximum of ${maximum}: lower resources.limits.${label.split(' ')[0].toLowerCase()}` : undefined;
}

export default defineRule<{ cpu: boolean; maxCpu?: string; maxMemory?: string }>({
  meta: {
    id: 'resources-limits',
    severity: 'warning',
    category: 'reliability',
    description: 'Containers must set a memory limit (and, with the `cpu` option, a CPU limit).',
    rationale:
      'A container without a memory limit can use all the memory of its node: a leak or a load spike then gets other pods OOM-killed or evicted, and on AKS can starve the node\'s system daemons. CPU is compressible (an unlimited container is throttled by its requests\' shares, not killed), so CPU limits are optional by default.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: 'e345eecc-fa47-480f-9e88-67dcc122b164', title: 'Kubernetes cluster containers CPU and memory resource limits should not exceed the specified limits' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
      { source: 'Kubernetes', title: 'Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
      { source: 'NSA', title: 'Kubernetes Hardening Guide: resource policies' },
    ],
    options: {
      cpu: { type: 'boolean', description: 'Also require a CPU limit (the strict preset sets it).' },
      maxCpu: { type: 'string', format: 'quantity', description: 'The highest CPU limit a container may set, as a quantity (`500m`, `2`): Azure Policy\'s cpuLimit.' },
      maxMemory: { type: 'string', format: 'quantity', description: 'The highest memory limit a container may set, as a quantity (`512Mi`, `1Gi`): Azure Policy\'s memoryLimit.' },
    },
    defaultOptions: { cpu: false },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    // Pod-level limits (Kubernetes 1.32+) bound every container together; a LimitRange default fills the field in.
    const podResources = podLevelResources(pod.value, ctx.kubernetesVersion);
    const defaults = containerDefaults(ctx.objects, effectiveNamespace(object));
    const required = ctx.options.cpu || ctx.options.maxCpu !== undefined ? ['memory', 'cpu'] : ['memory'];
    for (const container of ctx.containers(object)) {
      // Ephemeral containers cannot have resources (the API rejects them).
      if (container.list === 'ephemeralContainers') continue;
      for (const resource of required) {
        if (hasResource(container.value.resources, 'limits', resource)) {
          const maximum = resource === 'cpu' ? ctx.options.maxCpu : ctx.options.maxMemory;
          const limit = (container.value.resources as { limits: Record<string, unknown> }).limits[resource];
          const over = maximum === undefined ? undefined : exceeds(resource === 'cpu' ? 'CPU limit' : 'memory limit', limit, maximum);
          if (over) ctx.report({ path: [...container.path, 'resources', 'limits', resource], message: `${containerLabel(container)} ${over}.` });
          continue;
        }
        if (hasResource(podResources, 'limits', resource) || defaults.limits.has(resource)) continue;
        ctx.report({
          path: [...container.path, 'resources', 'limits', resource],
          message:
            resource === 'memory'
              ? `${containerLabel(container)} has no memory limit: set resources.limits.memory so that a leak or spike cannot exhaust the node's memory.`
              : `${containerLabel(container)} has no CPU limit: set resources.limits.cpu.`,
        });
      }
    }
  },
});
