import type { KubeObject, LintObject } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { nameOf, withName } from './utils/lint-set';
import { BINDING_KINDS, bindingSubjects, describeObject, isRbacObject, policyRules, roleRef, stringItems } from './utils/policy-rules';

// The verbs that, granted on every resource of every group, amount to cluster-admin (its `*` spelled out).
const ADMIN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** The Role or ClusterRole of the lint set a binding names (a Role only from the binding's own namespace). */
function boundRole(binding: KubeObject, objects: readonly LintObject[]): KubeObject | undefined {
  const ref = roleRef(binding);
  if (!ref?.name || (ref.kind !== 'ClusterRole' && (ref.kind !== 'Role' || binding.kind !== 'RoleBinding'))) return undefined;
  return withName(objects, ref.name)
    .map((entry) => entry.object)
    .find((role) => role.kind === ref.kind && isRbacObject(role) && (ref.kind === 'ClusterRole' || effectiveNamespace(role) === effectiveNamespace(binding)));
}

/** True when the role's rules grant `*` (or every admin verb) on `*` resources in `*` apiGroups. */
function isAdminEquivalent(role: KubeObject): boolean {
  const verbs = new Set<string>();
  for (const rule of policyRules(role)) {
    const everything = (field: 'apiGroups' | 'resources') => stringItems(rule, field).some((item) => item.value === '*');
    // resourceNames narrows a rule to named objects: not admin.
    if (!everything('apiGroups') || !everything('resources') || stringItems(rule, 'resourceNames').length > 0) continue;
    for (const item of stringItems(rule, 'verbs')) verbs.add(item.value);
  }
  return verbs.has('*') || ADMIN_VERBS.every((verb) => verbs.has(verb));
}

export default defineRule({
  meta: {
    id: 'no-cluster-admin-binding',
    severity: 'error',
    category: 'rbac',
    description: 'Bindings must not grant the `cluster-admin` ClusterRole or name the `system:masters` group.',
    rationale:
      '`cluster-admin` is superuser access: every verb on every resource (cluster-wide through a ClusterRoleBinding, ' +
      'namespace-wide through a RoleBinding); a role of the lint set granting every verb on every resource is the same. Members of `system:masters` bypass RBAC and webhook authorization ' +
      'entirely, and the membership cannot be revoked without rotating credentials.',
    kinds: BINDING_KINDS,
    crossObject: true,
    references: [
      { source: 'CIS', id: '5.1.1', title: 'Ensure that the cluster-admin role is only used where required' },
      {
        source: 'Kubernetes',
        title: 'RBAC good practices: least privilege',
        url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      },
      {
        source: 'AKS',
        title: 'Access and identity options for AKS: Kubernetes RBAC',
        url: 'https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac',
      },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    const ref = roleRef(object);
    if (ref?.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
      const scope = object.kind === 'RoleBinding' ? 'in its namespace' : 'across the cluster';
      ctx.report({
        path: ['roleRef', 'name'],
        message: `${describeObject(object)} grants cluster-admin ${scope}; bind a role with only the permissions the subjects need.`,
      });
    } else if (!(nameOf(object) ?? '').startsWith('system:') && !(ref?.name ?? '').startsWith('system:')) {
      // Kubernetes' own `system:` roles and bindings are exempt: it creates them.
      const role = boundRole(object, ctx.objects);
      if (role && isAdminEquivalent(role)) {
        const scope = object.kind === 'RoleBinding' ? 'namespace-admin in its namespace' : 'cluster-admin across the cluster';
        ctx.report({
          path: ['roleRef', 'name'],
          message: `${describeObject(object)} grants ${describeObject(role)}, which allows every verb on every resource: that is ${scope}; bind a role with only the permissions the subjects need.`,
        });
      }
    }
    for (const subject of bindingSubjects(object)) {
      if (subject.kind === 'Group' && subject.name === 'system:masters') {
        ctx.report({
          path: subject.path,
          message: `${describeObject(object)} names the group system:masters, whose members bypass RBAC; bind specific users or groups instead.`,
        });
      }
    }
  },
});
