import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { KubeObject, LintObject } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { entryOf, isKind, perLintSet, withName } from './utils/lint-set';
import { pairsUp } from './utils/lint-scope';
import { objectLabel } from './utils/object-label';
import { BINDING_KINDS, bindingSubjects, RBAC_GROUP } from './utils/policy-rules';

const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** The ServiceAccount a pod runs as: serviceAccountName, else the deprecated serviceAccount alias, else `default`. */
function serviceAccountOf(spec: Record<string, unknown>): string {
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const value = spec[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'default';
}

interface Binding {
  /** The subject's namespace (or the RoleBinding's), when the manifest says it. */
  namespace: string | undefined;
  entry: LintObject;
}

/**
 * ServiceAccounts named as subjects of a RoleBinding or ClusterRoleBinding in the lint set (by name, with the
 * namespace when the binding says it). A bound ServiceAccount is how a workload gets to call the API.
 */
function boundServiceAccounts(objects: readonly LintObject[]): Map<string, Binding[]> {
  return perLintSet(objects, 'automount-bound-service-accounts', () => {
    const bound = new Map<string, Binding[]>();
    for (const entry of objects) {
      const { object } = entry;
      if (!BINDING_KINDS.some((kind) => isKind(object, kind, [RBAC_GROUP]))) continue;
      const add = (name: string, namespace: string | undefined) => bound.set(name, [...(bound.get(name) ?? []), { namespace, entry }]);
      const bindingNamespace = object.kind === 'RoleBinding' && typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined;
      for (const subject of bindingSubjects(object)) {
        if (!subject.name) continue;
        if (subject.kind === 'ServiceAccount') add(subject.name, subject.namespace ?? bindingNamespace);
        const user = subject.kind === 'User' ? SERVICE_ACCOUNT_USER.exec(subject.name) : null;
        if (user) add(user[2], user[1]);
      }
    }
    return bound;
  });
}

/**
 * True when a binding names ServiceAccount `name` of the object's namespace. Manifests often leave the namespace to
 * `kubectl -n` or a Kustomize `namespace:`; where either side does not say it, they pair up only within one build or
 * directory (a binding of `default` in one sample folder says nothing of the pods of another).
 */
function isBound(objects: readonly LintObject[], object: KubeObject, name: string): boolean {
  const bindings = boundServiceAccounts(objects).get(name);
  if (!bindings) return false;
  const declared = typeof object.metadata?.namespace === 'string' && object.metadata.namespace !== '' ? object.metadata.namespace : undefined;
  const self = entryOf(objects, object);
  return bindings.some((binding) =>
    binding.namespace !== undefined && declared !== undefined ? binding.namespace === declared : self === undefined || pairsUp(self, binding.entry, 'directory'),
  );
}

function checkDefaultServiceAccount(object: KubeObject, report: (message: string, fix: boolean) => void, objects: readonly LintObject[]): void {
  if (!isKind(object, 'ServiceAccount', ['']) || object.metadata?.name !== 'default') return;
  const value = (object as IServiceAccount).automountServiceAccountToken as unknown;
  if (value === false || isBound(objects, object, 'default')) return;
  const namespace = effectiveNamespace(object);
  report(
    value === true
      ? `The default ServiceAccount of namespace "${namespace}" sets automountServiceAccountToken: true: pods that name no ServiceAccount get its token unless they opt out (CIS 5.1.5); set it to false and give workloads that call the API their own ServiceAccount.`
      : `The default ServiceAccount of namespace "${namespace}" does not set automountServiceAccountToken: false: pods that name no ServiceAccount get its token unless they opt out (CIS 5.1.5).`,
    value === undefined || value === null || value === 'false',
  );
}

export default defineRule({
  meta: {
    id: 'automount-service-account-token',
    severity: 'warning',
    category: 'hardening',
    description: 'Pods should not mount a service account token unless they call the Kubernetes API.',
    rationale:
      'Kubernetes mounts a token of the pod\'s ServiceAccount into every container by default. Most applications never call the API server, and a stolen token lets an attacker act with whatever RBAC the ServiceAccount has. Set automountServiceAccountToken: false on the pod, or on its ServiceAccount, and opt in only where the API is needed.',
    // Pod workloads, and the `default` ServiceAccount itself (CIS 5.1.5).
    crossObject: true,
    references: [
      { source: 'Azure Policy', id: '423dd1ba-798e-40e4-9c4d-b6902674b423', title: 'Kubernetes clusters should disable automounting API credentials' },
      { source: 'CIS', id: '5.1.6', title: 'Ensure that Service Account Tokens are only mounted where necessary' },
      { source: 'CIS', id: '5.1.5', title: 'Ensure that default service accounts are not actively used' },
      { source: 'Kubernetes', title: 'Configure Service Accounts for Pods: opt out of API credential automounting', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' },
    ],
    fixable: true,
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) {
      checkDefaultServiceAccount(
        object,
        (message, fix) => ctx.report({ path: ['automountServiceAccountToken'], message, ...(fix ? { fix: [{ op: 'set' as const, path: ['automountServiceAccountToken'], value: false }] } : {}) }),
        ctx.objects,
      );
      return;
    }
    const spec = pod.value as unknown as Record<string, unknown>;
    const value = spec.automountServiceAccountToken;
    if (value === false) return;
    const name = serviceAccountOf(spec);
    // A ServiceAccount bound to a role is there to call the API: the token is the point, not a leak.
    if (isBound(ctx.objects, object, name)) return;
    const path = [...pod.path, 'automountServiceAccountToken'];

    // The pod's own `true` wins over its ServiceAccount (the admission plugin reads the pod first). It is a deliberate
    // choice (controllers need the API), so --fix leaves it alone: flipping it would break the workload.
    if (value === true) {
      ctx.report({
        path,
        message: `${objectLabel(object)} sets automountServiceAccountToken: true: set it to false, or suppress this finding with the reason the workload needs the Kubernetes API.`,
      });
      return;
    }

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
      // A missing value is filled in and a quoted "false" corrected; any other value is the author's, never rewritten.
      ...(value === undefined || value === null || value === 'false' ? { fix: [{ op: 'set' as const, path, value: false }] } : {}),
    });
  },
});
