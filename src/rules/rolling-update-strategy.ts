import type { KubeObject, Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { percentOf, scaledValue } from './utils/int-or-percent';
import { apiGroupOf } from './utils/lint-set';
import { autoscalerFor, declaredReplicas } from './utils/workload-replicas';

function isZero(value: unknown): boolean {
  return value === 0 || value === '0%';
}

/** Where a kind keeps its rollout settings: the strategy type that recreates, and the rolling-update parameters. */
interface RolloutSettings {
  /** True when the strategy type stops every pod first (Deployment and DeploymentConfig `Recreate`). */
  recreates: boolean;
  /** Path of the maxSurge/maxUnavailable map, when the strategy rolls; undefined for other strategies. */
  parametersPath?: Path;
}

function rolloutSettings(object: KubeObject): RolloutSettings | undefined {
  const spec = object.spec;
  if (!isRecord(spec)) return undefined;
  const strategy = spec.strategy;
  if (strategy !== undefined && strategy !== null && !isRecord(strategy)) return undefined;
  const type = isRecord(strategy) ? strategy.type : undefined;
  const group = apiGroupOf(object);
  if (object.kind === 'Deployment' && (group === 'apps' || group === 'extensions')) {
    if (type === 'Recreate') return { recreates: true };
    if (type !== undefined && type !== null && type !== 'RollingUpdate') return undefined;
    return { recreates: false, parametersPath: ['spec', 'strategy', 'rollingUpdate'] };
  }
  // OpenShift DeploymentConfig: Rolling (the default, with rollingParams), Recreate or Custom.
  if (object.kind === 'DeploymentConfig' && (group === 'apps.openshift.io' || group === '')) {
    if (type === 'Recreate') return { recreates: true };
    if (type !== undefined && type !== null && type !== 'Rolling') return undefined;
    return { recreates: false, parametersPath: ['spec', 'strategy', 'rollingParams'] };
  }
  // Argo Rollout: only the canary strategy rolls pods over with maxSurge/maxUnavailable; blueGreen keeps the old set up.
  if (object.kind === 'Rollout' && group === 'argoproj.io') {
    return isRecord(strategy) && isRecord(strategy.canary) ? { recreates: false, parametersPath: ['spec', 'strategy', 'canary'] } : undefined;
  }
  return undefined;
}

function valueAt(object: KubeObject, path: Path): unknown {
  let node: unknown = object;
  for (const key of path) node = isRecord(node) ? node[key as string] : undefined;
  return node;
}

export default defineRule({
  meta: {
    id: 'rolling-update-strategy',
    severity: 'info',
    category: 'reliability',
    description: 'Deployments (and DeploymentConfigs, canary Rollouts) should roll out with a strategy that keeps pods available.',
    rationale:
      'The Recreate strategy stops every pod before starting the new ones, so each rollout is an outage. A RollingUpdate whose maxUnavailable covers every replica (100%, or a count at least the replica count) does the same, and maxSurge 0 with maxUnavailable 0 is rejected by the API server because the rollout could never progress.',
    kinds: ['Deployment', 'DeploymentConfig', 'Rollout'],
    references: [
      { source: 'Kubernetes', title: 'Deployments: Strategy', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy' },
      { source: 'AKS', title: 'Best practices for application deployments on AKS', url: 'https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability' },
      { source: 'OpenShift', title: 'DeploymentConfig strategies', url: 'https://docs.openshift.com/container-platform/4.14/applications/deployments/deployment-strategies.html' },
      { source: 'Argo Rollouts', title: 'Canary strategy', url: 'https://argo-rollouts.readthedocs.io/en/stable/features/canary/' },
    ],
  },
  check(object, ctx) {
    const settings = rolloutSettings(object);
    if (!settings) return;
    const subject = objectLabel(object);
    if (settings.recreates) {
      ctx.report({
        path: ['spec', 'strategy', 'type'],
        message: `${subject} uses the Recreate strategy: every pod stops before the new ones start, so each rollout is an outage; use ${object.kind === 'Deployment' ? 'RollingUpdate' : 'Rolling'} unless two versions can never run side by side.`,
      });
      return;
    }
    const parametersPath = settings.parametersPath!;
    const parameters = valueAt(object, parametersPath);
    if (!isRecord(parameters)) return;
    const { maxSurge, maxUnavailable } = parameters;
    if (maxSurge !== undefined && maxUnavailable !== undefined && isZero(maxSurge) && isZero(maxUnavailable)) {
      ctx.report({
        path: [...parametersPath, 'maxUnavailable'],
        message: `${subject} sets maxSurge and maxUnavailable both to 0: the rollout can never replace a pod (the API server rejects it); set maxSurge to 1 or 25%.`,
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
        path: [...parametersPath, 'maxUnavailable'],
        message: `${subject} allows maxUnavailable ${String(maxUnavailable)}, so a rollout may take down ${count} at once: lower maxUnavailable (e.g. 25% or 0 with maxSurge 1).`,
      });
    }
  },
});
