import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isHorizontalPodAutoscaler } from './utils/autoscaler-target';
import { nameOf } from './utils/lint-set';

export default defineRule({
  meta: {
    id: 'hpa-cannot-scale',
    severity: 'warning',
    category: 'reliability',
    description: 'A HorizontalPodAutoscaler needs room to scale: `minReplicas` below `maxReplicas`.',
    rationale:
      'With minReplicas equal to maxReplicas the autoscaler never changes the replica count, so it only adds a moving part (and hides the fixed count from readers of the workload). minReplicas above maxReplicas is rejected by the API server.',
    kinds: ['HorizontalPodAutoscaler'],
    references: [
      { source: 'Kubernetes', title: 'HorizontalPodAutoscaler spec', url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/' },
      { source: 'Polaris', title: 'hpaMaxAvailability / hpaMinAvailability', url: 'https://polaris.docs.fairwinds.com/checks/reliability/' },
    ],
  },
  check(object, ctx) {
    if (!isHorizontalPodAutoscaler(object) || !isRecord(object.spec)) return;
    const { minReplicas, maxReplicas } = object.spec;
    if (!Number.isInteger(maxReplicas)) return;
    // minReplicas defaults to 1.
    const minimum = minReplicas === undefined || minReplicas === null ? 1 : minReplicas;
    if (!Number.isInteger(minimum)) return;
    const name = nameOf(object) ?? '';
    const path = minReplicas === undefined || minReplicas === null ? ['spec', 'maxReplicas'] : ['spec', 'minReplicas'];
    if ((minimum as number) > (maxReplicas as number)) {
      ctx.report({ path, message: `HorizontalPodAutoscaler "${name}" sets minReplicas ${String(minimum)} above maxReplicas ${String(maxReplicas)}: the API server rejects it.` });
    } else if (minimum === maxReplicas) {
      ctx.report({
        path,
        severity: 'info',
        message: `HorizontalPodAutoscaler "${name}" sets minReplicas and maxReplicas both to ${String(maxReplicas)}, so it never scales: widen the range, or drop the autoscaler and set spec.replicas.`,
      });
    }
  },
});
