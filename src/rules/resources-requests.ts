import { POD_WORKLOADS } from '../engine/types';
import { hasResource, podLevelResources } from './utils/container-resources';
import { containerLabel } from './utils/container-label';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { containerDefaults } from './utils/limit-range';

const RESOURCES = ['cpu', 'memory'] as const;

export default defineRule({
  meta: {
    id: 'resources-requests',
    severity: 'warning',
    category: 'reliability',
    description: 'Containers must request CPU and memory.',
    rationale:
      'The scheduler places pods by their requests. A container without requests is scheduled as if it needed nothing, lands on full nodes and is the first to be evicted under memory pressure (BestEffort or Burstable QoS); the cluster autoscaler and the HPA\'s utilisation targets also work from requests.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: '03a4ecdb-0684-4039-be91-2762979e1bc8', title: 'Kubernetes cluster containers CPU and memory resource requests must be defined' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
      { source: 'Kubernetes', title: 'Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const podResources = podLevelResources(pod.value, ctx.kubernetesVersion);
    const defaults = containerDefaults(ctx.objects, effectiveNamespace(object));
    for (const container of ctx.containers(object)) {
      if (container.list === 'ephemeralContainers') continue;
      const resources = container.value.resources;
      // The API server copies a limit into a missing request, and a LimitRange or pod-level request fills it in.
      const missing = RESOURCES.filter(
        (resource) =>
          !hasResource(resources, 'requests', resource) &&
          !hasResource(resources, 'limits', resource) &&
          !hasResource(podResources, 'requests', resource) &&
          !defaults.requests.has(resource),
      );
      if (!missing.length) continue;
      ctx.report({
        path: missing.length === 1 ? [...container.path, 'resources', 'requests', missing[0]] : [...container.path, 'resources', 'requests'],
        message: `${containerLabel(container)} has no ${missing.join(' or ')} request: set ${missing.map((resource) => `resources.requests.${resource}`).join(' and ')} so that the scheduler reserves what it needs.`,
      });
    }
  },
});
