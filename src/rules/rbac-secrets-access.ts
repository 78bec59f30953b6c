import { defineRule } from './utils/define-rule';
import { describeObject, groupItems, hasResourceNames, isRbacObject, policyRules, resourceItems, ROLE_KINDS, verbItems } from './utils/policy-rules';

const READ_VERBS = ['get', 'list', 'watch'] as const;

export default defineRule({
  meta: {
    id: 'rbac-secrets-access',
    severity: 'warning',
    category: 'rbac',
    description: 'Roles and ClusterRoles should not grant get, list or watch on Secrets.',
    rationale:
      'Reading Secrets exposes every credential stored in them, including service account tokens of more privileged ' +
      'identities; `list` and `watch` return the contents of all Secrets in scope, not just names. On AKS prefer the ' +
      'Secrets Store CSI driver with Azure Key Vault so workloads never need the Secrets API.',
    kinds: ROLE_KINDS,
    references: [
      { source: 'CIS', id: '5.1.2', title: 'Minimize access to secrets' },
      {
        source: 'Kubernetes',
        title: 'RBAC good practices: listing secrets',
        url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
      },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    for (const rule of policyRules(object)) {
      if (groupItems(rule, '').length === 0) continue;
      const verbs = READ_VERBS.filter((verb) => verbItems(rule, verb).length > 0);
      if (verbs.length === 0) continue;
      // resourceNames limits the grant to the named Secrets: that is the least-privilege form this rule asks for.
      if (hasResourceNames(rule)) continue;
      for (const item of resourceItems(rule, 'secrets')) {
        const what = item.value === '*' ? 'every resource, Secrets included' : 'Secrets';
        ctx.report({
          path: item.path,
          message: `${describeObject(object)} grants ${verbs.join(', ')} on ${what} (rules[${rule.index}]); limit it to named Secrets with resourceNames, or mount the Secrets the workload needs instead.`,
        });
      }
    }
  },
});
