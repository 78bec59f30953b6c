import { objectLabel } from './utils/object-label';
import { defineRule } from './utils/define-rule';
import { isObjectName } from './utils/object-name';
import { objectsOfKind, scaleTargetOf, targetsInSet } from './utils/autoscaler-target';
import { effectiveNamespace } from './utils/label-selector';
import { sameApplyScope } from './utils/lint-set';

export default defineRule({
  meta: {
    id: 'hpa-target-missing',
    severity: 'warning',
    category: 'reliability',
    description: "An autoscaler's scale target must exist, when the namespace's workloads of that kind are in the lint set.",
    rationale:
      'A HorizontalPodAutoscaler (or KEDA ScaledObject) whose scaleTargetRef names no workload scales nothing: the workload it was meant for runs at its fixed replica count, usually after a rename. The rule judges only namespaces whose workloads of the target kind the lint set holds, so a target defined elsewhere is not reported.',
    kinds: ['HorizontalPodAutoscaler', 'ScaledObject'],
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'Horizontal Pod Autoscaling', url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/' },
      { source: 'kube-score', title: 'horizontalpodautoscaler-has-target', url: 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md' },
      { source: 'kube-linter', title: 'dangling-horizontalpodautoscaler', url: 'https://docs.kubelinter.io/#/generated/checks' },
    ],
  },
  check(object, ctx) {
    const target = scaleTargetOf(object);
    // A placeholder target name is filled in later.
    if (!target || !isObjectName(target.name)) return;
    const namespace = effectiveNamespace(object);
    // Only when the set holds this namespace's workloads of the target kind (else the target may live elsewhere).
    if (sameApplyScope(ctx.objects, objectsOfKind(ctx.objects, namespace, target.kind), object).length === 0) return;
    if (targetsInSet(object, target, ctx.objects).length > 0) return;
    ctx.report({
      path: target.namePath,
      message: `${objectLabel(object)} scales ${target.kind} "${target.name}", which is not in namespace "${namespace}" of the lint set while its other ${target.kind}s are: it scales nothing; check the name.`,
    });
  },
});
