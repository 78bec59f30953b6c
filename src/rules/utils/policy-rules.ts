// RBAC PolicyRule and subject access with the authorizer's matching semantics
// (k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go: VerbMatches, APIGroupMatches, ResourceMatches).
// Manifests may hold anything: non-list fields and non-string items are skipped, never trusted.
import type { KubeObject, Path } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

export interface PolicyRuleRef {
  value: Record<string, unknown>;
  path: Path;
  index: number;
}

export interface StringItem {
  value: string;
  path: Path;
  index: number;
}

export interface SubjectRef {
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  path: Path;
  index: number;
}

export type PolicyRuleField = 'apiGroups' | 'resources' | 'verbs' | 'resourceNames' | 'nonResourceURLs';

/** The `rules` of a Role or ClusterRole (aggregated ClusterRoles may have none). */
export function policyRules(object: KubeObject): PolicyRuleRef[] {
  const rules = object.rules;
  if (!Array.isArray(rules)) return [];
  const result: PolicyRuleRef[] = [];
  rules.forEach((rule, index) => {
    if (isRecord(rule)) result.push({ value: rule, path: ['rules', index], index });
  });
  return result;
}

/** The string items of one list field of a rule, with their paths. */
export function stringItems(rule: PolicyRuleRef, field: PolicyRuleField): StringItem[] {
  const list = rule.value[field];
  if (!Array.isArray(list)) return [];
  const result: StringItem[] = [];
  list.forEach((value, index) => {
    if (typeof value === 'string') result.push({ value, path: [...rule.path, field, index], index });
  });
  return result;
}

/** The apiGroups items that match `group`: `*` or the exact group. */
export function groupItems(rule: PolicyRuleRef, group: string): StringItem[] {
  return stringItems(rule, 'apiGroups').filter((item) => item.value === '*' || item.value === group);
}

/** The verbs items that match `verb`: `*` or the exact verb (RBAC verbs are case-sensitive). */
export function verbItems(rule: PolicyRuleRef, verb: string): StringItem[] {
  return stringItems(rule, 'verbs').filter((item) => item.value === '*' || item.value === verb);
}

// The resources items that match `resource` (`name` or `name/subresource`): `*`, the exact name, or `*/subresource`.
export function resourceItems(rule: PolicyRuleRef, resource: string): StringItem[] {
  const slash = resource.indexOf('/');
  const subresource = slash >= 0 ? resource.slice(slash + 1) : '';
  return stringItems(rule, 'resources').filter(
    (item) => item.value === '*' || item.value === resource || (subresource !== '' && item.value === `*/${subresource}`),
  );
}

/** True when the rule grants `verb` on `resource` in `group` (ignoring resourceNames, which only narrow it). */
export function ruleGrants(rule: PolicyRuleRef, group: string, resource: string, verb: string): boolean {
  return groupItems(rule, group).length > 0 && resourceItems(rule, resource).length > 0 && verbItems(rule, verb).length > 0;
}

/** True when the rule is limited to named objects (`resourceNames`). */
export function hasResourceNames(rule: PolicyRuleRef): boolean {
  return stringItems(rule, 'resourceNames').length > 0;
}

/** The subjects of a RoleBinding or ClusterRoleBinding. */
export function bindingSubjects(object: KubeObject): SubjectRef[] {
  const subjects = object.subjects;
  if (!Array.isArray(subjects)) return [];
  const result: SubjectRef[] = [];
  subjects.forEach((subject, index) => {
    if (!isRecord(subject)) return;
    result.push({
      kind: typeof subject.kind === 'string' ? subject.kind : undefined,
      name: typeof subject.name === 'string' ? subject.name : undefined,
      namespace: typeof subject.namespace === 'string' ? subject.namespace : undefined,
      path: ['subjects', index],
      index,
    });
  });
  return result;
}

/** `roleRef` of a binding, when it is well formed enough to read. */
export function roleRef(object: KubeObject): { kind: string | undefined; name: string | undefined } | undefined {
  const ref = object.roleRef;
  if (!isRecord(ref)) return undefined;
  return {
    kind: typeof ref.kind === 'string' ? ref.kind : undefined,
    name: typeof ref.name === 'string' ? ref.name : undefined,
  };
}

/** `Kind "name"` for messages. */
export function describeObject(object: KubeObject): string {
  const name = isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '';
  return name ? `${object.kind ?? 'Object'} "${name}"` : String(object.kind ?? 'Object');
}

/** True when the object is in the RBAC API group (any version), so look-alike CRD kinds are left alone. */
export function isRbacObject(object: KubeObject): boolean {
  return typeof object.apiVersion === 'string' && object.apiVersion.startsWith(`${RBAC_GROUP}/`);
}
