import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { SAFE_SYSCTLS, valuesAt } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import { isSet, minorOf, psaCheckReference, pssReference, securityContextOf, show } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'unsafe-sysctls',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Pods may set only the sysctls of the PSS safe set.',
    rationale:
      'Most sysctls are not namespaced or not isolated between pods: setting them changes the kernel of the whole node or starves its neighbours. PSS baseline allows only the safe set, which grows with the Kubernetes version.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Sysctls'),
      psaCheckReference('check_sysctls.go', 'sysctls'),
      { source: 'Kubernetes', title: 'Using sysctls in a Kubernetes Cluster', url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/' },
      { source: 'Azure Policy', id: '56d0a13f-712f-466b-8416-56fb354fb823', title: 'Kubernetes cluster containers should not use forbidden sysctl interfaces' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    const sysctls = securityContextOf(pod?.value)?.sysctls;
    if (!pod || !Array.isArray(sysctls)) return;
    const safe = valuesAt(SAFE_SYSCTLS, minorOf(ctx.kubernetesVersion));
    const version = `${ctx.kubernetesVersion.major}.${ctx.kubernetesVersion.minor}`;
    sysctls.forEach((sysctl: unknown, index) => {
      const name = isRecord(sysctl) && isSet(sysctl.name) ? sysctl.name : '';
      // Matched exactly as upstream does: the slash form (net/ipv4/...) is not on the list.
      if (typeof name === 'string' && safe.has(name)) return;
      ctx.report({
        path: [...pod.path, 'securityContext', 'sysctls', index, 'name'],
        message: `The pod sets sysctl ${show(name)}, which is not in the PSS safe set for Kubernetes ${version}: remove it or set it on the node instead.`,
      });
    });
  },
});
