import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { apiGroupOf, nameOf } from './utils/lint-set';

// The field is beta (on by default) from Kubernetes 1.27 and GA in 1.31; older API servers drop it.
const SERVED_SINCE_MINOR = 27;

export default defineRule({
  meta: {
    id: 'pdb-unhealthy-pod-eviction-policy',
    severity: 'info',
    category: 'reliability',
    description: 'PodDisruptionBudgets should set `unhealthyPodEvictionPolicy: AlwaysAllow`.',
    rationale:
      'With the default policy (IfHealthyBudget) a pod that is running but not ready can only be evicted while the budget still has room, so a workload stuck in CrashLoopBackOff or failing readiness blocks node drains and cluster upgrades. AlwaysAllow lets the drain evict pods that are not serving anyway. This is advice: a workload that must never lose a starting pod keeps the default.',
    kinds: ['PodDisruptionBudget'],
    references: [
      { source: 'Kubernetes', title: 'Unhealthy Pod Eviction Policy', url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy' },
      { source: 'kube-linter', title: 'pdb-unhealthy-pod-eviction-policy', url: 'https://docs.kubelinter.io/#/generated/checks' },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== 'policy' || object.apiVersion === 'policy/v1beta1' || !isRecord(object.spec)) return;
    const { major, minor } = ctx.kubernetesVersion;
    if (major === 1 && minor < SERVED_SINCE_MINOR) return;
    const policy = object.spec.unhealthyPodEvictionPolicy;
    if (policy === 'AlwaysAllow') return;
    const name = nameOf(object) ?? '';
    ctx.report({
      path: policy === undefined || policy === null ? ['spec'] : ['spec', 'unhealthyPodEvictionPolicy'],
      message: `PodDisruptionBudget "${name}" ${policy === undefined || policy === null ? 'keeps the default unhealthyPodEvictionPolicy (IfHealthyBudget)' : `sets unhealthyPodEvictionPolicy ${String(policy)}`}, so pods that run but are not ready can block node drains: set unhealthyPodEvictionPolicy: AlwaysAllow.`,
    });
  },
});
