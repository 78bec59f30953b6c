import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { apiGroupOf } from './utils/lint-set';
import { objectLabel } from './utils/object-label';

// AKS labels the nodes of a system node pool with this; only they may carry the reserved taint.
const MODE_LABEL = 'kubernetes.azure.com/mode';
// AKS taints a dedicated system pool CriticalAddonsOnly=true:NoSchedule.
const TAINT_VALUE = 'true';
const TAINT_EFFECT = 'NoSchedule';

/** Whether a toleration lets a pod onto a node tainted `key=true:NoSchedule`, by the scheduler's matching rules. */
function tolerates(toleration: Record<string, unknown>, key: string): boolean {
  if (toleration.key !== key) return false;
  const effect = toleration.effect;
  if (effect !== undefined && effect !== null && effect !== '' && effect !== TAINT_EFFECT) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && String(toleration.value ?? '') === TAINT_VALUE;
}

export default defineRule<{ reservedTaints: string[] }>({
  meta: {
    id: 'no-system-pool-toleration',
    severity: 'info',
    category: 'aks',
    description: 'Workloads must not tolerate the CriticalAddonsOnly taint of the AKS system node pool, and only system-pool Nodes may carry it.',
    rationale:
      'AKS keeps application pods off a dedicated system node pool with the CriticalAddonsOnly=true:NoSchedule taint, so that CoreDNS, metrics-server and the other add-ons keep their capacity. An application that tolerates it lands on the system pool, competes with those add-ons and can starve or evict them; a user-pool Node carrying the taint repels the applications meant for it. AKS Deployment Safeguards reserve the taint for the system pool.',
    references: [
      { source: 'Azure Policy', id: '48940d92-ff05-449e-9111-e742d9280451', title: 'Reserved System Pool Taints' },
      { source: 'AKS', title: 'Manage system node pools: taints', url: 'https://learn.microsoft.com/azure/aks/use-system-pools#before-you-begin' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
    ],
    options: {
      reservedTaints: {
        type: 'string[]',
        description: 'Taint keys reserved for the system pool (Azure Policy parameter `reservedTaints`). Default: `CriticalAddonsOnly`.',
      },
    },
    defaultOptions: { reservedTaints: ['CriticalAddonsOnly'] },
  },
  check(object, ctx) {
    const reserved = (Array.isArray(ctx.options.reservedTaints) ? ctx.options.reservedTaints : []).filter((key): key is string => typeof key === 'string' && key !== '');
    if (!reserved.length) return;
    if (object.kind === 'Node' && apiGroupOf(object) === '') {
      const labels = object.metadata?.labels;
      if (isRecord(labels) && labels[MODE_LABEL] === 'system') return;
      const taints = isRecord(object.spec) && Array.isArray(object.spec.taints) ? object.spec.taints : [];
      taints.forEach((taint: unknown, index) => {
        if (!isRecord(taint) || typeof taint.key !== 'string' || !reserved.includes(taint.key)) return;
        ctx.report({
          path: ['spec', 'taints', index, 'key'],
          message: `${objectLabel(object)} is not a system-pool node (no ${MODE_LABEL}: system label) but carries the reserved taint ${taint.key}: set taints on the node pool, and keep ${taint.key} for the system pool.`,
        });
      });
      return;
    }
    // DaemonSets are meant to run on every node, the system pool included.
    if (object.kind === 'DaemonSet') return;
    const pod = ctx.podSpec(object);
    const tolerations = pod && Array.isArray(pod.value.tolerations) ? pod.value.tolerations : [];
    tolerations.forEach((toleration: unknown, index) => {
      if (!isRecord(toleration)) return;
      const key = reserved.find((candidate) => tolerates(toleration, candidate));
      if (!key) return;
      ctx.report({
        path: [...pod!.path, 'tolerations', index, 'key'],
        message: `${objectLabel(object)} tolerates the ${key} taint that AKS reserves for the system node pool, so its pods can be scheduled there beside the cluster's critical add-ons: remove the toleration unless it is a cluster add-on meant for the system pool (schedule applications onto user pools with their own taints and a nodeSelector).`,
      });
    });
  },
});
