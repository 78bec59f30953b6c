import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { parseImageReference } from './utils/image-reference';
import { containerLabel } from './utils/pod-security';

/**
 * True for Kubernetes Dashboard images from any registry or mirror: `kubernetesui/dashboard`, `…/dashboard-api`,
 * `…/dashboard-web`, `…/dashboard-auth`, `…/dashboard-metrics-scraper` (v7), and the pre-2.0 `kubernetes-dashboard-amd64`.
 */
function isDashboardImage(image: unknown): boolean {
  const reference = parseImageReference(image);
  if (!reference) return false;
  const components = reference.repository.split('/');
  const last = components[components.length - 1];
  const owner = components[components.length - 2];
  return (owner === 'kubernetesui' && last.startsWith('dashboard')) || last.startsWith('kubernetes-dashboard');
}

export default defineRule({
  meta: {
    id: 'no-kubernetes-dashboard',
    severity: 'warning',
    category: 'hardening',
    description: 'Do not deploy the Kubernetes Dashboard.',
    rationale:
      'The Dashboard is a web UI with broad API access; exposed or over-privileged instances were the entry point of well-known cryptojacking incidents. AKS removed its Dashboard add-on: use the Azure portal\'s Kubernetes resource view or Headlamp with Microsoft Entra ID sign-in, or run the Dashboard only locally with your own credentials.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'AKS', title: 'Access Kubernetes resources from the Azure portal', url: 'https://learn.microsoft.com/azure/aks/kubernetes-portal' },
      { source: 'Kubernetes', title: 'Deploy and Access the Kubernetes Dashboard', url: 'https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const image = container.value.image;
      if (!isDashboardImage(image)) continue;
      ctx.report({
        path: [...container.path, 'image'],
        message: `${containerLabel(container)} runs the Kubernetes Dashboard (${image}): remove it and use the Azure portal's resource view or a local, per-user dashboard instead.`,
      });
    }
  },
});
