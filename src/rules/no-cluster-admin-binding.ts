import { defineRule } from './utils/define-rule';
import { BINDING_KINDS, bindingSubjects, describeObject, isRbacObject, roleRef } from './utils/policy-rules';

export default defineRule({
  meta: {
    id: 'no-cluster-admin-binding',
    severity: 'error',
    category: 'rbac',
    description: 'Bindings must not grant the `cluster-admin` ClusterRole or name the `system:masters` group.',
    rationale:
      '`cluster-admin` is superuser access: every verb on every resource (cluster-wide through a ClusterRoleBinding, ' +
      'namespace-wide through a RoleBinding). Members of `system:masters` bypass RBAC and webhook authorization ' +
      'entirely, and the membership cannot be revoked without rotating credentials.',
    kinds: BINDING_KINDS,
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
