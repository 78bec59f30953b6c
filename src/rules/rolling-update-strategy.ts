import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { percentOf, scaledValue } from './utils/int-or-percent';
import { autoscalerFor, declaredReplicas } from './utils/workload-replicas';

function isZero(value: unknown): boolean {
  return value === 0 || value === '0%';
}

export default defineRule({
  meta: {
    id: 'rolling-update-strategy',
    severity: 'info',
    category: 'reliability',
    description: 'Deployments should roll out with a RollingUpdate strategy that keeps pods available.',
    rationale:
      'The Recreate strategy stops every pod before starting the new ones, so each rollout is an outage. A RollingUpdate whose maxUnavailable covers every replica (100%, or a count at least the replica count) does the same, and maxSurge 0 with maxUnavailable 0 is rejected by the API server because the rollout could never progress.',
    kinds: ['Deployment'],
    references: [
      { source: 'Kubernetes', title: 'Deployments: Strategy', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy' },
      { source: 'AKS', title: 'Best practices for application deployments on AKS', url: 'https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability' },
    ],
  },
  check(object, ctx) {
    const deployment = object as IDeployment;
    const spec = deployment.spec as unknown;
    if (!isRecord(spec)) return;
    const strategy = spec.strategy;
    if (strategy !== undefined && strategy !== null && !isRecord(strategy)) return;
    const type = isRecord(strategy) ? strategy.type : undefined;
    if (type === 'Recreate') {
      ctx.report({
        path: ['spec', 'strategy', 'type'],
        message: `${objectLabel(object)} uses the Recreate strategy: every pod stops before the new ones start, so each rollout is an outage; use RollingUpdate unless two versions can never run side by side.`,
      });
      return;
    }
    if (type !== undefined && type !== null && type !== 'RollingUpdate') return;
    const rollingUpdate = isRecord(strategy) ? strategy.rollingUpdate : undefined;
    if (!isRecord(rollingUpdate)) return;
    const { maxSurge, maxUnavailable } = rollingUpdate;
    if (maxSurge !== undefined && maxUnavailable !== undefined && isZero(maxSurge) && isZero(maxUnavailable)) {
      ctx.report({
        path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
        message: `${objectLabel(object)} sets maxSurge and maxUnavailable both to 0: the rollout can never replace a pod (the API server rejects it); set maxSurge to 1 or 25%.`,
      });
      return;
    }
    if (maxUnavailable === undefined || maxUnavailable === null) return;
    // With an autoscaler the rollout may start at its minimum.
    const autoscaler = autoscalerFor(object, ctx.objects);
    const replicas = autoscaler ? autoscaler.min : declaredReplicas(object);
    const percent = percentOf(maxUnavailable);
    const unavailable = replicas !== undefined && replicas > 0 ? scaledValue(maxUnavailable, replicas, false) : undefined;
    const allDown = (percent !== undefined && percent >= 100) || (unavailable !== undefined && replicas !== undefined && unavailable >= replicas);
    if (allDown) {
      const count = replicas === 1 ? 'its only pod' : 'all its pods';
      ctx.report({
        path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
        message: `${objectLabel(object)} allows maxUnavailable ${String(maxUnavailable)}, so a rollout may take down ${count} at once: lower maxUnavailable (e.g. 25% or 0 with maxSurge 1).`,
      });
    }
  },
});
