import type { KubeObject } from '../engine/types';
import { builtInGroupsOf, builtInResourceScope } from '../model/reference/api-resources';
import { defineRule } from './utils/define-rule';
import { apiGroupOf, nameOf, withName } from './utils/lint-set';
import { bindingSubjects, describeObject, isRbacObject, policyRules, RBAC_GROUP, roleRef, stringItems } from './utils/policy-rules';

/**
 * True when `resource`, in the rule's `groups`, is a built-in namespaced resource. Custom resources count as
 * unknown: a ClusterRole over a project's own custom resources belongs to a controller serving them in every
 * namespace (cert-manager Issuers, Argo CD ApplicationSets), where the ClusterRoleBinding is the point.
 */
function isNamespacedResource(groups: readonly string[], resource: string): boolean {
  if (resource === '*' || resource.startsWith('*/')) return false;
  // `*` stands for every group that has the resource; unknown names stay unknown.
  const candidates = groups.includes('*') ? builtInGroupsOf(resource) : groups;
  const scopes = candidates.map((group) => builtInResourceScope(group, resource));
  // Rules list groups and resources as a cross product ("" and apps with pods and deployments): combinations that
  // do not exist grant nothing, but any cluster-scoped one counts.
  return scopes.includes('namespaced') && !scopes.includes('cluster');
}

/** True when the ClusterRole grants something and every grant is on built-in namespaced resources. */
function grantsOnlyNamespaced(role: KubeObject): boolean {
  // Aggregated ClusterRoles get their rules from other roles at run time: their content is unknown here.
  if (role.aggregationRule !== undefined && role.aggregationRule !== null) return false;
  const rules = policyRules(role);
  if (rules.length === 0) return false;
  return rules.every((rule) => {
    if (stringItems(rule, 'nonResourceURLs').length > 0) return false;
    const groups = stringItems(rule, 'apiGroups');
    const resources = stringItems(rule, 'resources');
    if (groups.length === 0 || resources.length === 0) return false;
    const groupNames = groups.map((group) => group.value);
    return resources.every((resource) => isNamespacedResource(groupNames, resource.value));
  });
}

export default defineRule({
  meta: {
    id: 'prefer-namespaced-role',
    severity: 'info',
    category: 'rbac',
    description:
      'A ClusterRoleBinding that grants only namespaced resources to service accounts of one namespace should be a RoleBinding.',
    rationale:
      'A ClusterRoleBinding grants its ClusterRole in every namespace, including future ones. When the role holds only ' +
      'namespaced resources and the subjects all live in one namespace, a RoleBinding (to the same ClusterRole) in the ' +
      'namespaces the workload really works in usually suffices. Controllers that watch every namespace are the ' +
      'legitimate exception: suppress with a reason.',
    kinds: ['ClusterRoleBinding'],
    crossObject: true,
    references: [
      {
        source: 'Kubernetes',
        title: 'RBAC good practices: least privilege (prefer namespace-level permissions)',
        url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      },
      {
        source: 'Kubernetes',
        title: 'RoleBinding referencing a ClusterRole',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-example',
      },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    const ref = roleRef(object);
    if (ref?.kind !== 'ClusterRole' || !ref.name) return;
    const subjects = bindingSubjects(object);
    if (subjects.length === 0) return;
    const namespaces = new Set(subjects.map((subject) => (subject.kind === 'ServiceAccount' ? subject.namespace : undefined)));
    const [namespace] = namespaces;
    if (namespaces.size !== 1 || !namespace) return;
    const role = withName(ctx.objects, ref.name).find(
      ({ object: candidate }) => candidate.kind === 'ClusterRole' && apiGroupOf(candidate) === RBAC_GROUP && nameOf(candidate) === ref.name,
    );
    if (!role || !grantsOnlyNamespaced(role.object)) return;
    ctx.report({
      path: ['kind'],
      message: `${describeObject(object)} grants ClusterRole "${ref.name}", which holds only namespaced permissions, in every namespace to service accounts of namespace "${namespace}"; use a RoleBinding in the namespaces they work in.`,
    });
  },
});
