import type { KubeObject } from '../engine/types';
import { embeddingOf } from '../model/pod-spec';
import { builtInResourceScope } from '../model/reference/api-resources';
import { defineRule } from './utils/define-rule';
import { apiGroupOf, nameOf } from './utils/lint-set';
import { guessResource } from './utils/resource-name';

/**
 * Objects Kubernetes itself keeps in `default` (a cluster dump or a patch of them holds these): the `default`
 * ServiceAccount, the `kubernetes` Service with its Endpoints and EndpointSlice, and the `kube-root-ca.crt` ConfigMap.
 */
function createdByKubernetes(object: KubeObject): boolean {
  const name = nameOf(object);
  const group = apiGroupOf(object);
  switch (object.kind) {
    case 'ServiceAccount':
      return group === '' && name === 'default';
    case 'Service':
    case 'Endpoints':
      return group === '' && name === 'kubernetes';
    case 'EndpointSlice':
      // The API server names its slice after the Service: `kubernetes`.
      return group === 'discovery.k8s.io' && name === 'kubernetes';
    case 'ConfigMap':
      return group === '' && name === 'kube-root-ca.crt';
    default:
      return false;
  }
}

export default defineRule({
  meta: {
    id: 'no-default-namespace',
    severity: 'info',
    category: 'reliability',
    description: 'Objects should not be placed in the default namespace.',
    rationale:
      'The default namespace is shared by everything applied without a namespace: RBAC grants, resource quotas, network policies and Pod Security Admission labels cannot be scoped to one application there, and a mistaken `kubectl delete -n default` hits all of it. Azure Policy audits workloads in the default namespace.',
    references: [
      { source: 'Azure Policy', id: '9f061a12-e40d-4183-a00e-171812443373', title: 'Kubernetes clusters should not use the default namespace' },
      { source: 'Kubernetes', title: 'Namespaces', url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/' },
      { source: 'CIS', id: '5.7.4', title: 'The default namespace should not be used' },
    ],
  },
  check(object, ctx) {
    if (object.metadata?.namespace !== 'default') return;
    // A CSV's Deployments take the CSV's namespace, which is reported on the CSV itself.
    if (createdByKubernetes(object) || embeddingOf(object)) return;
    // Cluster-scoped objects ignore metadata.namespace.
    if (typeof object.kind === 'string' && builtInResourceScope(apiGroupOf(object), guessResource(object.kind)) === 'cluster') return;
    const name = nameOf(object);
    ctx.report({
      path: ['metadata', 'namespace'],
      message: `${object.kind ?? 'Object'}${name ? ` "${name}"` : ''} is in the default namespace: give the application its own namespace so that RBAC, quotas and network policies can be scoped to it.`,
    });
  },
});
