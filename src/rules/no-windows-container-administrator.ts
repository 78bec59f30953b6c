import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { objectLabel } from './utils/object-label';
import { defineRule } from './utils/define-rule';
import { containerLabel, containerSecurityPath, securityContextOf } from './utils/pod-security';

const ADMINISTRATOR = 'containeradministrator';

/** `windowsOptions.runAsUserName` of a security context, when set. Windows account names ignore case. */
function runAsUserName(securityContext: Record<string, unknown> | undefined): string | undefined {
  const options = securityContext?.windowsOptions;
  return isRecord(options) && typeof options.runAsUserName === 'string' ? options.runAsUserName : undefined;
}

export default defineRule({
  meta: {
    id: 'no-windows-container-administrator',
    severity: 'warning',
    category: 'aks',
    description: 'Windows containers must not run as ContainerAdministrator (windowsOptions.runAsUserName), at pod or container level.',
    rationale:
      'ContainerAdministrator is the administrator account inside a Windows container: a compromised process can change the container\'s system configuration and has far more reach into the node\'s shared kernel objects and mounts than ContainerUser. AKS Deployment Safeguards deny or audit it.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: '5485eac0-7e8f-4964-998b-a44f4f0c1e75', title: 'Kubernetes cluster Windows containers should not run as ContainerAdministrator' },
      { source: 'Kubernetes', title: 'Configure RunAsUserName for Windows pods and containers', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-runasusername/' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const podUser = runAsUserName(securityContextOf(pod.value));
    const containers = ctx.containers(object);
    // The pod-level value matters for the containers that do not set their own.
    const inheriting = containers.filter((container) => runAsUserName(securityContextOf(container.value)) === undefined);
    if (podUser?.toLowerCase() === ADMINISTRATOR && (inheriting.length > 0 || containers.length === 0)) {
      ctx.report({
        path: [...pod.path, 'securityContext', 'windowsOptions', 'runAsUserName'],
        message: `${objectLabel(object)} runs its containers as ${podUser}: set runAsUserName to ContainerUser (or a non-administrator account).`,
      });
    }
    for (const container of containers) {
      const user = runAsUserName(securityContextOf(container.value));
      if (user?.toLowerCase() !== ADMINISTRATOR) continue;
      ctx.report({
        path: containerSecurityPath(container, 'windowsOptions', 'runAsUserName'),
        message: `${containerLabel(container)} runs as ${user}: set runAsUserName to ContainerUser (or a non-administrator account).`,
      });
    }
  },
});
