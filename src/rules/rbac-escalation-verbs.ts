import type { KubeObject, KubernetesVersion, LintObject, Path } from '../engine/types';
import { builtInResourceScope } from '../model/reference/api-resources';
import { appliesTo, ESCALATION_PERMISSIONS } from '../model/reference/rbac-escalation';
import { defineRule } from './utils/define-rule';
import { effectiveNamespace } from './utils/label-selector';
import { apiGroupOf, groupedBy, nameOf, withName } from './utils/lint-set';
import {
  BINDING_KINDS,
  bindingSubjects,
  describeObject,
  groupItems,
  isRbacObject,
  policyRules,
  RBAC_GROUP,
  resourceItems,
  roleRef,
  ROLE_KINDS,
  ruleGrants,
  stringItems,
  verbItems,
  type PolicyRuleRef,
  type StringItem,
  type SubjectRef,
} from './utils/policy-rules';

interface Offence {
  path: Path;
  /** resource -> verbs granted on it */
  grants: Map<string, Set<string>>;
  risks: Set<string>;
  /** True while every grant at this item is a token grant limited to named service accounts (a milder case). */
  named: boolean;
}

/** The bindings of the lint set that grant `role`. */
function bindingsOf(role: KubeObject, objects: readonly LintObject[]): KubeObject[] {
  const name = nameOf(role);
  // Bindings keyed by the name their roleRef names (null when it names none), once per run.
  const byRoleName = groupedBy(objects, 'rbac-bindings-by-role-name', ({ object: binding }) => {
    if (!(BINDING_KINDS as readonly unknown[]).includes(binding.kind) || apiGroupOf(binding) !== RBAC_GROUP) return undefined;
    const ref = roleRef(binding);
    return ref ? ref.name ?? null : undefined;
  });
  return (byRoleName.get(name ?? null) ?? [])
    .map((entry) => entry.object)
    .filter((binding) => {
      if (!(BINDING_KINDS as readonly unknown[]).includes(binding.kind) || apiGroupOf(binding) !== RBAC_GROUP) return false;
      const ref = roleRef(binding);
      if (!ref || ref.kind !== role.kind || ref.name !== name) return false;
      // A Role can only be bound by a RoleBinding of its own namespace.
      return role.kind === 'ClusterRole' || effectiveNamespace(binding) === effectiveNamespace(role);
    });
}

/**
 * True when `resourceNames` limits the rule to the service accounts the role is bound to, in the namespace the
 * grant applies to: such a role only mints its holders' own tokens (cert-manager's tokenrequest Role does this).
 */
function onlyOwnServiceAccounts(rule: PolicyRuleRef, role: KubeObject, objects: readonly LintObject[]): boolean {
  const names = new Set(stringItems(rule, 'resourceNames').map((item) => item.value));
  if (names.size === 0) return false;
  const bindings = bindingsOf(role, objects);
  if (bindings.length === 0) return false;
  return bindings.every((binding) => {
    // Through a ClusterRoleBinding the grant covers the named accounts of every namespace.
    if (binding.kind !== 'RoleBinding') return false;
    const namespace = effectiveNamespace(binding);
    const subjects = bindingSubjects(binding);
    return (
      subjects.length > 0 &&
      subjects.every(
        (subject) =>
          subject.kind === 'ServiceAccount' && subject.name !== undefined && names.has(subject.name) && (subject.namespace ?? namespace) === namespace,
      )
    );
  });
}

// Resources no namespace holds: a Role cannot grant them, and a RoleBinding grants none of a ClusterRole's on them.
const NON_NAMESPACED_RESOURCES: ReadonlySet<string> = new Set(['users', 'groups', 'userextras', 'uids']);

function isClusterScoped(group: string, resource: string): boolean {
  return NON_NAMESPACED_RESOURCES.has(resource) || builtInResourceScope(group, resource) === 'cluster';
}

interface Finding {
  path: Path;
  /** "create on pods/exec; every verb on nodes/proxy" */
  grants: string;
  rule: number;
  risk: string;
  named: boolean;
}

/**
 * The escalation paths a Role or ClusterRole grants, one per offending item. `namespacedOnly` (a Role, or a ClusterRole
 * through a RoleBinding) leaves out cluster-scoped permissions, which such a grant never carries.
 */
function escalations(role: KubeObject, namespacedOnly: boolean, kubernetesVersion: KubernetesVersion, objects: readonly LintObject[]): Finding[] {
  const found: Finding[] = [];
  const rules = policyRules(role);
  const roleGrants = (group: string, resource: string, verbs: readonly string[]) =>
    rules.some((rule) => verbs.some((verb) => ruleGrants(rule, group, resource, verb)));
  for (const rule of rules) {
    const offences = new Map<string, Offence>();
    const add = (item: StringItem, resource: string, verbs: Iterable<string>, risk: string, named: boolean) => {
      const key = item.path.join('.');
      let offence = offences.get(key);
      if (!offence) {
        offence = { path: item.path, grants: new Map(), risks: new Set(), named: true };
        offences.set(key, offence);
      }
      offence.named &&= named;
      const granted = offence.grants.get(resource) ?? new Set<string>();
      for (const verb of verbs) granted.add(verb);
      offence.grants.set(resource, granted);
      offence.risks.add(risk);
    };
    for (const permission of ESCALATION_PERMISSIONS) {
      if (!appliesTo(permission, kubernetesVersion)) continue;
      if (groupItems(rule, permission.group).length === 0) continue;
      const resourcesInScope = permission.resources.filter((resource) => !namespacedOnly || !isClusterScoped(permission.group, resource));
      if (resourcesInScope.length === 0) continue;
      const { requires } = permission;
      if (requires && (!roleGrants(requires.group, requires.resource, requires.verbs) || (namespacedOnly && isClusterScoped(requires.group, requires.resource)))) continue;
      let risk = permission.risk;
      let named = false;
      if (permission.exemptOwnServiceAccounts) {
        if (onlyOwnServiceAccounts(rule, role, objects)) continue;
        // Tokens for named accounts only (calico-node mints its CNI plugin's): an escalation only if they hold more.
        const names = stringItems(rule, 'resourceNames').map((item) => item.value);
        if (names.length > 0) {
          named = true;
          risk = `lets it mint tokens for ${names.join(', ')} (make sure they hold no more rights than this role's subjects)`;
        }
      }
      // Verb items that grant the permission, and the verbs they grant (`*` grants each dangerous verb by name).
      const verbs: StringItem[] = [];
      const grantedVerbs = new Set<string>();
      if (permission.verbs === 'any') {
        for (const item of stringItems(rule, 'verbs')) {
          verbs.push(item);
          grantedVerbs.add(item.value);
        }
      } else {
        for (const verb of permission.verbs) {
          for (const item of verbItems(rule, verb)) {
            if (!verbs.some((known) => known.index === item.index)) verbs.push(item);
            grantedVerbs.add(verb);
          }
        }
      }
      if (verbs.length === 0) continue;
      for (const resource of resourcesInScope) {
        const resources = resourceItems(rule, resource);
        if (resources.length === 0) continue;
        const offending = permission.reportAt === 'verb' ? verbs : resources;
        for (const item of offending) add(item, resource, grantedVerbs, risk, named);
      }
    }
    for (const offence of offences.values()) {
      // "create on pods/exec, pods/attach; every verb on nodes/proxy"
      const byVerbs = new Map<string, string[]>();
      for (const [resource, verbs] of offence.grants) {
        const key = describeVerbs(verbs);
        byVerbs.set(key, [...(byVerbs.get(key) ?? []), resource]);
      }
      const grants = [...byVerbs].map(([verbs, resources]) => `${verbs} on ${resources.join(', ')}`).join('; ');
      const risk = offence.risks.size === 1 ? [...offence.risks][0] : 'opens several privilege escalation paths';
      found.push({ path: offence.path, grants, rule: rule.index, risk, named: offence.named });
    }
  }
  return found;
}

/** The Role or ClusterRole of the lint set that a binding's roleRef names (a Role from the binding's namespace). */
function boundRole(binding: KubeObject, objects: readonly LintObject[]): KubeObject | undefined {
  const ref = roleRef(binding);
  if (!ref?.name || (ref.kind !== 'Role' && ref.kind !== 'ClusterRole')) return undefined;
  if (ref.kind === 'Role' && binding.kind !== 'RoleBinding') return undefined;
  return withName(objects, ref.name)
    .map((entry) => entry.object)
    .find((candidate) => candidate.kind === ref.kind && isRbacObject(candidate) && (ref.kind === 'ClusterRole' || effectiveNamespace(candidate) === effectiveNamespace(binding)));
}

function describeSubject(subject: SubjectRef, binding: KubeObject): string {
  const namespace = subject.kind === 'ServiceAccount' ? subject.namespace ?? (binding.kind === 'RoleBinding' ? effectiveNamespace(binding) : undefined) : undefined;
  return `${subject.kind ?? 'subject'} "${namespace ? `${namespace}/` : ''}${subject.name ?? ''}"`;
}

function describeVerbs(verbs: Iterable<string>): string {
  return [...verbs].map((verb) => (verb === '*' ? 'every verb' : verb)).join(', ');
}

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    severity: 'error',
    category: 'rbac',
    description:
      'Roles and ClusterRoles must not grant escalate, bind, impersonate, exec/attach, token creation, nodes/proxy or CSR approval.',
    rationale:
      'These permissions let a subject go beyond its own role: write or bind roles with more rights (escalate, bind), ' +
      'act as another identity (impersonate), run commands in pods and take their tokens (pods/exec, pods/attach), ' +
      'mint service account tokens, reach the kubelet API directly (nodes/proxy) or issue client certificates for any ' +
      'user (CSR approval). Wildcards grant them too. A binding of such a role (both in the lint set) is reported too, naming ' +
      'who receives it; a Role (or a ClusterRole through a RoleBinding) carries no cluster-scoped permission.',
    kinds: [...ROLE_KINDS, ...BINDING_KINDS],
    crossObject: true,
    references: [
      {
        source: 'Kubernetes',
        title: 'RBAC good practices: privilege escalation risks',
        url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
      },
      { source: 'CIS', id: '5.1.8', title: 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster' },
      {
        source: 'Kubernetes',
        title: 'Certificate signing requests: authorization',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
      },
      {
        source: 'Kubernetes',
        title: 'KEP-4006: WebSocket upgrades of pods/exec need create (1.35)',
        url: 'https://github.com/kubernetes/kubernetes/pull/134577',
      },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    if ((ROLE_KINDS as readonly unknown[]).includes(object.kind)) {
      for (const found of escalations(object, object.kind === 'Role', ctx.kubernetesVersion, ctx.objects)) {
        ctx.report({
          path: found.path,
          severity: found.named ? 'warning' : undefined,
          message: `${describeObject(object)} grants ${found.grants} (rules[${found.rule}]), which ${found.risk}; remove it or keep it in a role bound only to trusted identities.`,
        });
      }
      return;
    }
    // A binding: who receives the role's escalation paths. Kubernetes' own `system:` bindings are left alone.
    if ((nameOf(object) ?? '').startsWith('system:')) return;
    const role = boundRole(object, ctx.objects);
    if (!role) return;
    const found = escalations(role, object.kind === 'RoleBinding', ctx.kubernetesVersion, ctx.objects).filter((entry) => !entry.named);
    if (found.length === 0) return;
    const grants = [...new Set(found.map((entry) => entry.grants))].join('; ');
    for (const subject of bindingSubjects(object)) {
      // A subject without a name is malformed (the schema rule's): nobody to name.
      if (!subject.name) continue;
      ctx.report({
        path: [...subject.path, 'name'],
        message: `${describeObject(object)} gives ${describeSubject(subject, object)} ${describeObject(role)}, which grants ${grants}: bind it only to trusted identities.`,
      });
    }
  },
});
