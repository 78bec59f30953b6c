import { isRecord } from '../model/pod-spec';
import { objectLabel } from './utils/object-label';
import { defineRule } from './utils/define-rule';
import { autoscalerFor, REPLICATED_KIND_NAMES, isReplicatedWorkload } from './utils/workload-replicas';

export default defineRule({
  meta: {
    id: 'autoscaled-replicas-set',
    severity: 'warning',
    category: 'reliability',
    description: 'A workload scaled by an autoscaler of the lint set should not set `spec.replicas`.',
    rationale:
      'The autoscaler owns the replica count. A manifest that also sets spec.replicas resets it on every apply or GitOps sync: a workload scaled out under load drops back to the fixed count until the autoscaler reacts again, and Argo CD or Flux report a permanent diff.',
    kinds: REPLICATED_KIND_NAMES,
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'Horizontal Pod Autoscaling: migrating Deployments and StatefulSets to horizontal autoscaling', url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling' },
      { source: 'kube-score', title: 'deployment-targeted-by-hpa-does-not-have-replicas-configured', url: 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md' },
    ],
  },
  check(object, ctx) {
    if (!isReplicatedWorkload(object) || !isRecord(object.spec)) return;
    const replicas = object.spec.replicas;
    if (replicas === undefined || replicas === null) return;
    const autoscaler = autoscalerFor(object, ctx.objects);
    if (!autoscaler) return;
    ctx.report({
      path: ['spec', 'replicas'],
      message: `${objectLabel(object)} sets replicas ${String(replicas)} while ${autoscaler.label} scales it: each apply resets the count; remove spec.replicas and let the autoscaler own it.`,
    });
  },
});
