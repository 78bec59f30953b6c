import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { containerLabel, containerSecurityPath, psaCheckReference, pssReference, securityContextOf } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'no-privileged',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Containers must not run privileged.',
    rationale:
      'A privileged container gets every capability and every host device and runs without the seccomp, AppArmor and SELinux confinement; a process in it can take over the node.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Privileged Containers'),
      psaCheckReference('check_privileged.go', 'privileged'),
      { source: 'CIS', id: '5.2.2', title: 'Minimize the admission of privileged containers' },
      { source: 'Azure Policy', id: '95edb821-ddaf-4404-9732-666045e056b4', title: 'Kubernetes cluster should not allow privileged containers' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      if (securityContextOf(container.value)?.privileged === true) {
        ctx.report({
          path: containerSecurityPath(container, 'privileged'),
          message: `${containerLabel(container)} runs privileged: remove securityContext.privileged or set it to false.`,
        });
      }
    }
  },
});
