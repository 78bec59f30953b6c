import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { containerLabel } from './utils/pod-security';

/** JSON with sorted keys, so that two probes written in a different key order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export default defineRule({
  meta: {
    id: 'identical-liveness-readiness-probes',
    severity: 'info',
    category: 'reliability',
    description: 'A container\'s liveness probe should not be identical to its readiness probe.',
    rationale:
      'Readiness takes a busy pod out of the Service; liveness restarts it. When both are the same probe with the same thresholds, a pod that is briefly overloaded is restarted at the moment it would only have been taken out of rotation, which turns a load spike into a cascade of restarts. Give liveness a cheaper check or a higher failureThreshold.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Kubernetes', title: 'Configure Liveness, Readiness and Startup Probes', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/' },
      { source: 'kube-score', title: 'pod-probes (identical probes)', url: 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const { livenessProbe, readinessProbe } = container.value as unknown as Record<string, unknown>;
      if (!isRecord(livenessProbe) || !isRecord(readinessProbe) || Object.keys(livenessProbe).length === 0) continue;
      if (canonical(livenessProbe) !== canonical(readinessProbe)) continue;
      ctx.report({
        path: [...container.path, 'livenessProbe'],
        message: `${containerLabel(container)} has the same liveness and readiness probe: a briefly overloaded pod is restarted instead of only leaving the Service; give the liveness probe a higher failureThreshold or a cheaper check.`,
      });
    }
  },
});
