import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isSet, securityContextOf, show } from './utils/pod-security';

/** Azure's matching: a plain name matches itself, a pattern ending in `*` matches by prefix, `*` matches every sysctl. */
function isAllowed(name: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry));
}

function describe(allowed: readonly string[]): string {
  if (!allowed.length) return 'empty';
  return allowed.length <= 4 ? allowed.join(', ') : `${allowed.length} sysctls, see allowedSysctls`;
}

export default defineRule<{ allowedSysctls: string[] }>({
  meta: {
    id: 'allowed-sysctls',
    severity: 'error',
    category: 'aks',
    description: 'Pods may set only the sysctls of the configured allow-list (Azure Policy allowedSysctls); the aks preset sets the AKS Deployment Safeguards list.',
    rationale:
      'Most sysctls are not isolated between pods: setting them changes the kernel of the whole node or starves its neighbours. AKS Deployment Safeguards admit only the sysctls on their allow-list, a fixed list that does not follow the Kubernetes version as the PSS safe set of unsafe-sysctls does.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: '5e5a0673-649e-4d50-bf9d-5a387a4e2081', title: '[Preview]: Kubernetes cluster containers should use only allowed sysctl interfaces' },
      { source: 'Kubernetes', title: 'Using sysctls in a Kubernetes Cluster', url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/' },
    ],
    options: {
      allowedSysctls: {
        type: 'string[]',
        description: 'Allowed sysctl names, or patterns ending in `*` (`*` allows all; an empty list allows none); Azure Policy parameter `allowedSysctls`. Unset (the default): the rule reports nothing; the aks preset sets the AKS Deployment Safeguards initiative\'s list.',
      },
    },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    const sysctls = securityContextOf(pod?.value)?.sysctls;
    if (!pod || !Array.isArray(sysctls)) return;
    // Unset, the rule stays silent (as allowed-registries does): unsafe-sysctls already holds pods to the PSS safe set.
    if (!Array.isArray(ctx.options.allowedSysctls)) return;
    const allowed = ctx.options.allowedSysctls.filter((entry): entry is string => typeof entry === 'string');
    sysctls.forEach((sysctl: unknown, index) => {
      const name = isRecord(sysctl) && isSet(sysctl.name) ? sysctl.name : '';
      if (typeof name === 'string' && isAllowed(name, allowed)) return;
      ctx.report({
        path: [...pod.path, 'securityContext', 'sysctls', index, 'name'],
        message: `The pod sets sysctl ${show(name)}, which is not on the allowed list (${describe(allowed)}): remove it, set it on the node pool (custom node configuration), or add it to allowedSysctls.`,
      });
    });
  },
});
