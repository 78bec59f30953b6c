import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { asRecord, containerLabel, containerSecurityPath, psaCheckReference, pssReference, securityContextOf } from './utils/pod-security';

function hostProcess(holder: unknown): boolean {
  return asRecord(securityContextOf(holder)?.windowsOptions)?.hostProcess === true;
}

export default defineRule({
  meta: {
    id: 'no-windows-host-process',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Windows pods must not run HostProcess containers.',
    rationale:
      'A Windows HostProcess container runs directly on the node as a host process, with access to the host filesystem, network and processes: the Windows equivalent of a privileged container.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'HostProcess'),
      psaCheckReference('check_windowsHostProcess.go', 'windowsHostProcess'),
      { source: 'CIS', id: '5.2.11', title: 'Minimize the admission of Windows HostProcess containers' },
      { source: 'Azure Policy', id: '077f0ce1-86d6-4058-bc60-de05067e8622', title: 'Kubernetes cluster Windows pods should not run HostProcess containers' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    if (hostProcess(pod.value)) {
      ctx.report({
        path: [...pod.path, 'securityContext', 'windowsOptions', 'hostProcess'],
        message: 'The pod runs its containers as Windows HostProcess containers: remove windowsOptions.hostProcess or set it to false.',
      });
    }
    for (const container of ctx.containers(object)) {
      if (hostProcess(container.value)) {
        ctx.report({
          path: containerSecurityPath(container, 'windowsOptions', 'hostProcess'),
          message: `${containerLabel(container)} runs as a Windows HostProcess container: remove windowsOptions.hostProcess or set it to false.`,
        });
      }
    }
  },
});
