import { POD_WORKLOADS, type KubeObject } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { containerLabel } from './utils/container-label';
import { defineRule } from './utils/define-rule';
import { apiGroupOf } from './utils/lint-set';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/**
 * Knative Serving gives every container of its Services, Configurations and Revisions a default readiness probe
 * (a TCP check on the serving port) when none is set, so a missing one is not a gap there.
 * https://knative.dev/docs/serving/services/configure-probing/
 */
function hasDefaultReadinessProbe(object: KubeObject): boolean {
  return apiGroupOf(object) === 'serving.knative.dev';
}

/** Pods that run to completion: Jobs, CronJobs and bare Pods (or templates) whose restartPolicy is not Always. */
function runsToCompletion(object: KubeObject, restartPolicy: unknown): boolean {
  if (object.kind === 'Job' || object.kind === 'CronJob') return true;
  return restartPolicy === 'Never' || restartPolicy === 'OnFailure';
}

export default defineRule<{ required: string[] }>({
  meta: {
    id: 'probes',
    severity: 'warning',
    category: 'reliability',
    description: 'Long-running containers must have a readiness probe and a liveness probe.',
    rationale:
      'Without a readiness probe a pod receives traffic as soon as its process starts, and a rolling update replaces healthy pods with ones that are not serving yet. Without a liveness probe a deadlocked process stays in rotation until someone restarts it. AKS Deployment Safeguards require both by default.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: 'b1a9997f-2883-4f12-bdff-2280f99b5915', title: 'Ensure cluster containers have readiness or liveness probes configured' },
      { source: 'AKS', title: 'Deployment Safeguards', url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards' },
      { source: 'Kubernetes', title: 'Configure Liveness, Readiness and Startup Probes', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/' },
    ],
    options: {
      required: { type: 'string[]', description: 'The probes every long-running container must define (readinessProbe, livenessProbe, startupProbe), as Azure Policy\'s requiredProbes parameter.' },
    },
    defaultOptions: { required: ['readinessProbe', 'livenessProbe'] },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod || runsToCompletion(object, pod.value.restartPolicy)) return;
    const required = PROBES.filter((probe) => Array.isArray(ctx.options.required) && ctx.options.required.includes(probe));
    for (const container of ctx.containers(object)) {
      // Init containers run to completion (native sidecars are left out too); ephemeral containers cannot have probes.
      if (container.list !== 'containers') continue;
      const values = container.value as unknown as Record<string, unknown>;
      for (const probe of required) {
        const value = values[probe];
        if (value === undefined || value === null) {
          if (probe === 'readinessProbe' && hasDefaultReadinessProbe(object)) continue;
          ctx.report({
            path: [...container.path, probe],
            message: `${containerLabel(container)} has no ${probe}: ${probe === 'readinessProbe' ? 'add one so that it only receives traffic when it can serve it' : probe === 'livenessProbe' ? 'add one so that a hung process is restarted' : 'add one so that slow starts are not killed by the liveness probe'}.`,
          });
        } else if (!isRecord(value) || !HANDLERS.some((handler) => isRecord(value[handler]))) {
          ctx.report({
            path: [...container.path, probe],
            message: `${containerLabel(container)} has a ${probe} without a handler: set one of exec, httpGet, tcpSocket or grpc.`,
          });
        }
      }
    }
  },
});
