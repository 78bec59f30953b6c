import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { asRecord, containerLabel, containerSecurityPath, isSet, isWindowsPod, psaCheckReference, pssReference, securityContextOf, show, versionAtLeast } from './utils/pod-security';

/** The API server rejects allowPrivilegeEscalation: false next to privileged or CAP_SYS_ADMIN, so no fix is offered there. */
function fixWouldBeInvalid(securityContext: Record<string, unknown> | undefined): boolean {
  if (securityContext?.privileged === true) return true;
  const add: unknown = asRecord(securityContext?.capabilities)?.add;
  return Array.isArray(add) && add.some((capability) => capability === 'SYS_ADMIN' || capability === 'CAP_SYS_ADMIN');
}

export default defineRule({
  meta: {
    id: 'no-privilege-escalation',
    severity: 'error',
    category: 'pss-restricted',
    description: 'Containers must set allowPrivilegeEscalation to false.',
    rationale:
      'Unless allowPrivilegeEscalation is false, the container process runs without no_new_privs and can gain privileges through setuid or setgid binaries and file capabilities. PSS restricted requires the explicit false on every container (Windows pods are exempt from Kubernetes 1.25).',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('restricted', 'Privilege Escalation'),
      psaCheckReference('check_allowPrivilegeEscalation.go', 'allowPrivilegeEscalation'),
      { source: 'CIS', id: '5.2.6', title: 'Minimize the admission of containers with allowPrivilegeEscalation' },
      { source: 'Azure Policy', id: '1c6e92c9-99f0-4e55-9cf2-0c234dc48f99', title: 'Kubernetes clusters should not allow container privilege escalation' },
    ],
    fixable: true,
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod || !versionAtLeast(ctx.kubernetesVersion, 8)) return;
    if (versionAtLeast(ctx.kubernetesVersion, 25) && isWindowsPod(pod.value)) return;
    for (const container of ctx.containers(object)) {
      const securityContext = securityContextOf(container.value);
      const value = securityContext?.allowPrivilegeEscalation;
      if (value === false) continue;
      const path = containerSecurityPath(container, 'allowPrivilegeEscalation');
      const malformedParent = isSet(container.value.securityContext) && !securityContext;
      // --fix fills in a missing value and corrects a quoted "false"; a value the author wrote (true) is reported, never flipped.
      const fillable = !isSet(value) || value === 'false';
      ctx.report({
        path,
        message: isSet(value)
          ? `${containerLabel(container)} sets allowPrivilegeEscalation to ${show(value)}: set it to false.`
          : `${containerLabel(container)} does not set allowPrivilegeEscalation: set securityContext.allowPrivilegeEscalation to false.`,
        ...(fillable && !fixWouldBeInvalid(securityContext) && !malformedParent ? { fix: [{ op: 'set' as const, path, value: false }] } : {}),
      });
    }
  },
});
