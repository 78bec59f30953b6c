import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { isKind, withName } from './utils/lint-set';
import { objectLabel } from './utils/object-label';

/** The ServiceAccount a pod runs as: serviceAccountName, else the deprecated serviceAccount alias, else `default`. */
function serviceAccountOf(spec: Record<string, unknown>): string {
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const value = spec[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'default';
}

export default defineRule({
  meta: {
    id: 'automount-service-account-token',
    severity: 'warning',
    category: 'hardening',
    description: 'Pods should not mount a service account token unless they call the Kubernetes API.',
    rationale:
      'Kubernetes mounts a token of the pod\'s ServiceAccount into every container by default. Most applications never call the API server, and a stolen token lets an attacker act with whatever RBAC the ServiceAccount has. Set automountServiceAccountToken: false on the pod, or on its ServiceAccount, and opt in only where the API is needed.',
    kinds: POD_WORKLOADS,
    crossObject: true,
    references: [
      { source: 'Azure Policy', id: '423dd1ba-798e-40e4-9c4d-b6902674b423', title: 'Kubernetes clusters should disable automounting API credentials' },
      { source: 'CIS', id: '5.1.6', title: 'Ensure that Service Account Tokens are only mounted where necessary' },
      { source: 'Kubernetes', title: 'Configure Service Accounts for Pods: opt out of API credential automounting', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' },
    ],
    fixable: true,
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const spec = pod.value as unknown as Record<string, unknown>;
    const value = spec.automountServiceAccountToken;
    if (value === false) return;
    const path = [...pod.path, 'automountServiceAccountToken'];
    const fix = [{ op: 'set' as const, path, value: false }];

    // The pod's own `true` wins over its ServiceAccount (the admission plugin reads the pod first). It is a deliberate
    // choice (controllers need the API), so --fix leaves it alone: flipping it would break the workload.
    if (value === true) {
      ctx.report({
        path,
        message: `${objectLabel(object)} sets automountServiceAccountToken: true: set it to false, or suppress this finding with the reason the workload needs the Kubernetes API.`,
      });
      return;
    }

    const name = serviceAccountOf(spec);
    const namespace = effectiveNamespace(object);
    const serviceAccounts = withName(ctx.objects, name).filter(
      (entry) => isKind(entry.object, 'ServiceAccount', ['']) && entry.object.metadata?.name === name && effectiveNamespace(entry.object) === namespace,
    );
    if (serviceAccounts.some((entry) => isRecord(entry.object) && (entry.object as IServiceAccount).automountServiceAccountToken === false)) return;

    ctx.report({
      path,
      message: serviceAccounts.length
        ? `${objectLabel(object)} mounts a token of ServiceAccount "${name}", which does not set automountServiceAccountToken: false: set it false on the pod (or the ServiceAccount) unless the workload calls the Kubernetes API.`
        : `${objectLabel(object)} mounts a token of ServiceAccount "${name}" by default: set automountServiceAccountToken: false on the pod (or on the ServiceAccount) unless the workload calls the Kubernetes API.`,
      fix,
    });
  },
});
