import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const ID = 'prefer-namespaced-role';

const binding = (role: string, subjects = '[{kind: ServiceAccount, name: app, namespace: shop}]') => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: ${role}}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
  subjects: ${subjects}
`;

const clusterRole = (name: string, rules: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules:
${rules}`;

test('valid: the ClusterRole grants cluster-scoped resources, wildcards, non-resource URLs or custom resources', () => {
  const cases: Array<[string, string]> = [
    ['nodes', '  - {apiGroups: [""], resources: [pods, nodes], verbs: [get]}\n'],
    ['namespaces', '  - {apiGroups: [""], resources: ["namespaces/status"], verbs: [get]}\n'],
    ['storage', '  - {apiGroups: [storage.k8s.io], resources: [storageclasses], verbs: [get]}\n'],
    ['any-group-nodes', '  - {apiGroups: ["*"], resources: [nodes], verbs: [get]}\n'],
    ['star', '  - {apiGroups: [""], resources: ["*"], verbs: [get]}\n'],
    ['star-scale', '  - {apiGroups: [apps], resources: ["*/scale"], verbs: [get]}\n'],
    ['urls', '  - {apiGroups: [""], resources: [pods], verbs: [get]}\n  - {nonResourceURLs: ["/metrics"], verbs: [get]}\n'],
    ['issuers', '  - {apiGroups: [cert-manager.io], resources: [issuers], verbs: [get, list, watch]}\n'],
    ['unknown-core', '  - {apiGroups: [""], resources: [widgets], verbs: [get]}\n'],
    ['empty', '  []\n'],
    ['no-resources', '  - {apiGroups: [""], verbs: [get]}\n'],
  ];
  for (const [name, rules] of cases) {
    assert.equal(lintOne(ID, binding(name) + clusterRole(name, rules)), [], name);
  }
});

test('valid: subjects of several namespaces, users, groups, no subjects, no ClusterRole in the set', () => {
  const rules = '  - {apiGroups: [""], resources: [configmaps], verbs: [get]}\n';
  const subjects = [
    '[{kind: ServiceAccount, name: a, namespace: shop}, {kind: ServiceAccount, name: b, namespace: billing}]',
    '[{kind: ServiceAccount, name: a, namespace: shop}, {kind: User, name: alice}]',
    '[{kind: Group, name: developers}]',
    '[{kind: ServiceAccount, name: a}]',
    '[]',
  ];
  for (const list of subjects) assert.equal(lintOne(ID, binding('reader', list) + clusterRole('reader', rules)), [], list);
  assert.equal(lintOne(ID, binding('absent')), []);
});

test('valid: aggregated ClusterRoles, RoleBindings, roleRef to a Role, malformed input', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: agg}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: agg}
      subjects: [{kind: ServiceAccount, name: a, namespace: shop}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: agg}
      aggregationRule:
        clusterRoleSelectors: [{matchLabels: {aggregate: "true"}}]
      rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: reader, namespace: shop}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
      subjects: [{kind: ServiceAccount, name: a, namespace: shop}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: reader}
      rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: odd}
      roleRef: reader
      subjects: {kind: ServiceAccount, name: a, namespace: shop}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: broken}
      rules: [null, "x", {apiGroups: "", resources: pods}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: broken}
      roleRef: {kind: ClusterRole, name: broken}
      subjects: [{kind: ServiceAccount, name: a, namespace: shop}]
    `),
    [],
  );
});

test('invalid: only namespaced built-in resources to service accounts of one namespace, reported at kind', () => {
  const findings = lintOne(
    ID,
    binding('app-reader', '[{kind: ServiceAccount, name: app, namespace: shop}, {kind: ServiceAccount, name: worker, namespace: shop}]') +
      clusterRole(
        'app-reader',
        '  - {apiGroups: ["", apps], resources: [configmaps, pods, "pods/log", deployments], verbs: [get, list, watch]}\n' +
          '  - {apiGroups: [coordination.k8s.io], resources: [leases], resourceNames: [app-lock], verbs: [get, update]}\n',
      ),
  );
  assert.equal(positions(findings), [[ID, 2, 1]]);
  assert.match(
    findings[0].message,
    /ClusterRoleBinding "app-reader" grants ClusterRole "app-reader", which holds only namespaced permissions, in every namespace to service accounts of namespace "shop"/,
  );
  assert.is(findings[0].severity, 'info');
});

test('invalid: `*` apiGroups over resources namespaced in every built-in group; the ClusterRole in another file', () => {
  const findings = lintWith(binding('events'), {
    rules: { [ID]: 'info' },
    others: { 'roles.yaml': clusterRole('events', '  - {apiGroups: ["*"], resources: [events, pods], verbs: [create, get]}\n') },
  });
  assert.equal(positions(findings), [[ID, 2, 1]]);
});

test.run();
