import type { KubeObject } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { objectLabel } from './utils/object-label';
import { defineRule } from './utils/define-rule';
import { isEmptyLabelSelector, labelSelectorError, matchesLabelSelector, matchesServiceSelector, toLabels } from './utils/label-selector';
import { apiGroupOf } from './utils/lint-set';

/** Workloads whose `spec.selector` must select their own pod template, and whether it is a plain map (RC, DeploymentConfig). */
const SELECTOR_KINDS: Readonly<Record<string, { groups: readonly string[]; plain: boolean }>> = {
  Deployment: { groups: ['apps', 'extensions'], plain: false },
  StatefulSet: { groups: ['apps'], plain: false },
  DaemonSet: { groups: ['apps', 'extensions'], plain: false },
  ReplicaSet: { groups: ['apps', 'extensions'], plain: false },
  Rollout: { groups: ['argoproj.io'], plain: false },
  ReplicationController: { groups: [''], plain: true },
  DeploymentConfig: { groups: ['apps.openshift.io', ''], plain: true },
};

function templateLabels(object: KubeObject): Record<string, unknown> | undefined {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  const template = spec && isRecord(spec.template) ? spec.template : undefined;
  const metadata = template && isRecord(template.metadata) ? template.metadata : undefined;
  return metadata && isRecord(metadata.labels) && Object.keys(metadata.labels).length > 0 ? metadata.labels : undefined;
}

export default defineRule({
  meta: {
    id: 'workload-selector-mismatch',
    severity: 'error',
    category: 'reliability',
    description: "A workload's `spec.selector` must select its own pod template labels.",
    rationale:
      'The API server rejects a Deployment, StatefulSet, DaemonSet or ReplicaSet whose selector does not match its template labels ("selector does not match template labels"); a ReplicationController or DeploymentConfig with such a selector never owns the pods it creates and keeps creating more. The mistake usually comes from renaming a label in one place only.',
    kinds: Object.keys(SELECTOR_KINDS),
    references: [
      { source: 'Kubernetes', title: 'Deployments: Selector', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector' },
      { source: 'kube-linter', title: 'mismatching-selector', url: 'https://docs.kubelinter.io/#/generated/checks' },
      { source: 'kube-score', title: 'deployment-pod-selector-labels-match-template-metadata-labels', url: 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md' },
    ],
  },
  check(object, ctx) {
    const entry = typeof object.kind === 'string' ? SELECTOR_KINDS[object.kind] : undefined;
    if (!entry || !entry.groups.includes(apiGroupOf(object)) || !isRecord(object.spec)) return;
    const selector = object.spec.selector;
    const labels = templateLabels(object);
    // No template labels (a partial manifest, labels a Kustomize commonLabels adds) or no selector: nothing to compare.
    if (!labels || !isRecord(selector) || Object.keys(selector).length === 0) return;
    let matches: boolean;
    let shown: string;
    if (entry.plain) {
      matches = matchesServiceSelector(selector, labels);
      shown = [...toLabels(selector)].map(([key, value]) => `${key}=${value}`).join(', ');
    } else {
      // An invalid selector is the schema rule's; an empty one selects everything.
      if (labelSelectorError(selector) !== undefined || isEmptyLabelSelector(selector)) return;
      matches = matchesLabelSelector(selector, labels);
      shown = [
        ...[...toLabels(selector.matchLabels)].map(([key, value]) => `${key}=${value}`),
        ...(Array.isArray(selector.matchExpressions) ? selector.matchExpressions.map((requirement) => (isRecord(requirement) ? `${String(requirement.key)} ${String(requirement.operator)}` : '')) : []),
      ].join(', ');
    }
    if (matches) return;
    ctx.report({
      path: ['spec', 'selector'],
      message: `${objectLabel(object)} selects ${shown || 'labels'} but its pod template labels do not match: ${entry.plain ? 'it never owns the pods it creates' : 'the API server rejects it'}; make the selector and spec.template.metadata.labels agree.`,
    });
  },
});
