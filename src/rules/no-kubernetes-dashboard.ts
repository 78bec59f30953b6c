import { POD_WORKLOADS, type KubeObject, type Path, type PodSpecRef } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { objectLabel } from './utils/object-label';
import { defineRule } from './utils/define-rule';
import { parseImageReference } from './utils/image-reference';
import { nameOf } from './utils/lint-set';
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

// The labels and names the Dashboard's own manifests and Helm chart (v2: kubernetes-dashboard; v7: -web, -api, -auth) use.
const DASHBOARD_LABEL_KEYS = ['k8s-app', 'app', 'app.kubernetes.io/name'];
const DASHBOARD_NAME = /^kubernetes-dashboard(-(web|api|auth))?$/;

/** Where the object says it is the Dashboard by a label or its name, for images that are mirrored or not set. */
function dashboardMarker(object: KubeObject, pod: PodSpecRef | undefined): Path | undefined {
  const labelSets: Array<[Path, unknown]> = [
    [['metadata', 'labels'], object.metadata?.labels],
    ...(pod ? ([[[...pod.metadataPath, 'labels'], pod.metadata.labels]] as Array<[Path, unknown]>) : []),
  ];
  for (const [path, labels] of labelSets) {
    if (!isRecord(labels)) continue;
    for (const key of DASHBOARD_LABEL_KEYS) {
      if (typeof labels[key] === 'string' && DASHBOARD_NAME.test(labels[key] as string)) return [...path, key];
    }
  }
  const name = nameOf(object);
  return name !== undefined && DASHBOARD_NAME.test(name) ? ['metadata', 'name'] : undefined;
}

export default defineRule({
  meta: {
    id: 'no-kubernetes-dashboard',
    severity: 'warning',
    category: 'hardening',
    description: 'Do not deploy the Kubernetes Dashboard (found by image, or by its labels and names when the image is mirrored).',
    rationale:
      'The Dashboard is a web UI with broad API access; exposed or over-privileged instances were the entry point of well-known cryptojacking incidents. AKS removed its Dashboard add-on: use the Azure portal\'s Kubernetes resource view or Headlamp with Microsoft Entra ID sign-in, or run the Dashboard only locally with your own credentials.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'AKS', title: 'Access Kubernetes resources from the Azure portal', url: 'https://learn.microsoft.com/azure/aks/kubernetes-portal' },
      { source: 'Kubernetes', title: 'Deploy and Access the Kubernetes Dashboard', url: 'https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/' },
    ],
  },
  check(object, ctx) {
    let byImage = false;
    for (const container of ctx.containers(object)) {
      const image = container.value.image;
      if (!isDashboardImage(image)) continue;
      byImage = true;
      ctx.report({
        path: [...container.path, 'image'],
        message: `${containerLabel(container)} runs the Kubernetes Dashboard (${image}): remove it and use the Azure portal's resource view or a local, per-user dashboard instead.`,
      });
    }
    if (byImage) return;
    const marker = dashboardMarker(object, ctx.podSpec(object));
    if (!marker) return;
    const what = marker[marker.length - 1] === 'name' && marker.length === 2 ? 'is named' : 'is labelled';
    ctx.report({
      path: marker,
      message: `${objectLabel(object)} ${what} as the Kubernetes Dashboard (its image is mirrored or not set here): remove it and use the Azure portal's resource view or a local, per-user dashboard instead.`,
    });
  },
});
