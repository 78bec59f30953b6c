import { defineRule } from './utils/define-rule';
import { BINDING_KINDS, bindingSubjects, describeObject, isRbacObject } from './utils/policy-rules';

/** The identities of unauthenticated requests: user system:anonymous in group system:unauthenticated. */
const ANONYMOUS_NAMES = new Set(['system:anonymous', 'system:unauthenticated']);

export default defineRule({
  meta: {
    id: 'no-anonymous-binding',
    severity: 'error',
    category: 'rbac',
    description: 'Bindings must not grant anything to `system:anonymous` or `system:unauthenticated`.',
    rationale:
      'Requests without credentials are authenticated as user `system:anonymous` in group `system:unauthenticated`. ' +
      'A binding to either opens the permissions to anyone who can reach the API server, which on AKS is a public ' +
      'endpoint unless the cluster is private or uses authorized IP ranges.',
    kinds: BINDING_KINDS,
    references: [
      {
        source: 'Kubernetes',
        title: 'Anonymous requests',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
      },
      {
        source: 'Kubernetes',
        title: 'RBAC: default roles and role bindings (discovery roles)',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles',
      },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    for (const subject of bindingSubjects(object)) {
      // Either name under either kind: `Group system:anonymous` matches nobody, but it shows the intent to open access.
      if ((subject.kind === 'User' || subject.kind === 'Group') && subject.name && ANONYMOUS_NAMES.has(subject.name)) {
        ctx.report({
          path: subject.path,
          message: `${describeObject(object)} grants access to unauthenticated requests (${subject.kind} ${subject.name}); bind authenticated identities instead.`,
        });
      }
    }
  },
});
