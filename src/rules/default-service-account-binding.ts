import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { BINDING_KINDS, bindingSubjects, describeObject, isRbacObject } from './utils/policy-rules';

const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([^:]+):default$/;
const SERVICE_ACCOUNTS_GROUP = /^system:serviceaccounts(?::([^:]+))?$/;

export default defineRule({
  meta: {
    id: 'default-service-account-binding',
    severity: 'warning',
    category: 'rbac',
    description: 'Bindings should not grant permissions to the `default` ServiceAccount (or to all service accounts).',
    rationale:
      'Every pod that does not name a ServiceAccount runs as `default`, so permissions bound to it reach every such ' +
      'pod of the namespace, including ones added later by other teams or charts. Bind a dedicated ServiceAccount ' +
      'per workload. The groups `system:serviceaccounts` and `system:serviceaccounts:<namespace>` include `default` too.',
    kinds: BINDING_KINDS,
    references: [
      {
        source: 'Kubernetes',
        title: 'RBAC: service account permissions',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions',
      },
      { source: 'CIS', id: '5.1.5', title: 'Ensure that default service accounts are not actively used' },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    for (const subject of bindingSubjects(object)) {
      if (!subject.name) continue;
      let who: string | undefined;
      if (subject.kind === 'ServiceAccount' && subject.name === 'default') {
        // A RoleBinding may leave the namespace of a ServiceAccount subject out: it is the binding's own.
        const namespace = subject.namespace ?? (object.kind === 'RoleBinding' ? effectiveNamespace(object) : undefined);
        who = namespace ? `the default ServiceAccount of namespace "${namespace}"` : 'the default ServiceAccount';
      } else if (subject.kind === 'User' && SERVICE_ACCOUNT_USER.test(subject.name)) {
        who = `the default ServiceAccount of namespace "${SERVICE_ACCOUNT_USER.exec(subject.name)![1]}" (as user ${subject.name})`;
      } else if (subject.kind === 'Group' && SERVICE_ACCOUNTS_GROUP.test(subject.name)) {
        const namespace = SERVICE_ACCOUNTS_GROUP.exec(subject.name)![1];
        who = namespace
          ? `every ServiceAccount of namespace "${namespace}", default included (group ${subject.name})`
          : `every ServiceAccount of the cluster, default included (group ${subject.name})`;
      }
      if (!who) continue;
      ctx.report({
        path: subject.path,
        message: `${describeObject(object)} grants its role to ${who}; create a dedicated ServiceAccount for the workload and bind that.`,
      });
    }
  },
});
