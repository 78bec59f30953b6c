import { defineRule } from './utils/define-rule';
import { describeObject, isRbacObject, policyRules, ROLE_KINDS, stringItems } from './utils/policy-rules';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

export default defineRule({
  meta: {
    id: 'no-wildcard-rbac',
    severity: 'error',
    category: 'rbac',
    description: 'Roles and ClusterRoles must not use `*` in apiGroups, resources or verbs.',
    rationale:
      'A wildcard grants every current and future verb, resource or API group, including ones added later by CRDs and ' +
      'new Kubernetes versions (escalate, bind, impersonate, secrets...). Least privilege needs explicit lists.',
    kinds: ROLE_KINDS,
    references: [
      { source: 'CIS', id: '5.1.3', title: 'Minimize wildcard use in Roles and ClusterRoles' },
      {
        source: 'Kubernetes',
        title: 'RBAC good practices: least privilege',
        url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    for (const rule of policyRules(object)) {
      for (const field of FIELDS) {
        for (const item of stringItems(rule, field)) {
          if (item.value !== '*') continue;
          ctx.report({
            path: item.path,
            message: `${describeObject(object)} uses "*" in ${field} of rules[${rule.index}]; list the ${field} it needs explicitly.`,
          });
        }
      }
    }
  },
});
