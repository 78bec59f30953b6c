import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const ID = 'no-cluster-admin-binding';

test('valid: bindings to other roles, a Role named cluster-admin, system:masters as a User name', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: view}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects:
        - {kind: Group, name: "00000000-0000-0000-0000-000000000000", apiGroup: rbac.authorization.k8s.io}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: local, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}
      subjects:
        - {kind: User, name: system:masters}
        - {kind: Group, name: system:masters-readers}
    `),
    [],
  );
});

test('valid: malformed bindings do not crash', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: odd}
      roleRef: cluster-admin
      subjects: {kind: Group, name: system:masters}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: odder}
      roleRef: null
      subjects: [null, 3, "system:masters"]
    `),
    [],
  );
});

test('invalid: ClusterRoleBinding to cluster-admin, reported at roleRef.name', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: ci-admin}
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: cluster-admin
    subjects:
      - kind: ServiceAccount
        name: ci
        namespace: build
  `);
  assert.equal(positions(findings), [[ID, 7, 3]]);
  assert.match(findings[0].message, /ClusterRoleBinding "ci-admin" grants cluster-admin across the cluster/);
  assert.is(findings[0].severity, 'error');
});

test('invalid: RoleBinding to the cluster-admin ClusterRole is namespace-wide admin', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: team-admin, namespace: team-a}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    subjects: [{kind: Group, name: team-a-admins, apiGroup: rbac.authorization.k8s.io}]
  `);
  assert.equal(positions(findings), [[ID, 4, 67]]);
  assert.match(findings[0].message, /grants cluster-admin in its namespace/);
});

test('invalid: any binding naming the group system:masters, at the subject', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: masters-view}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects:
      - kind: User
        name: alice
      - kind: Group
        name: system:masters
        apiGroup: rbac.authorization.k8s.io
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: both, namespace: prod}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    subjects:
      - {kind: Group, name: system:masters}
  `);
  assert.equal(positions(findings), [
    [ID, 9, 5],
    [ID, 15, 67],
    [ID, 17, 19],
  ]);
  assert.match(findings[0].message, /names the group system:masters/);
});

test('capability: a binding to a role of the set that grants everything is cluster-admin (namespace-admin for a RoleBinding)', () => {
  const roles = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: superuser}
    rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: all-verbs, namespace: prod}
    rules:
      - {apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch]}
      - {apiGroups: ["*"], resources: ["*"], verbs: [create, update, patch, delete]}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: reader}
    rules: [{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch]}]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: "system:everything"}
    rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
  `;
  const findings = lintWith(
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: ops}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: superuser}
      subjects: [{kind: Group, name: ops}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: team, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: all-verbs}
      subjects: [{kind: Group, name: team}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: other-namespace, namespace: dev}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: all-verbs}
      subjects: [{kind: Group, name: team}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: readers}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
      subjects: [{kind: Group, name: ops}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: "system:everything"}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: superuser}
      subjects: [{kind: Group, name: ops}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: builtin}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:everything"}
      subjects: [{kind: Group, name: ops}]
    `,
    { rules: { 'no-cluster-admin-binding': 'error' }, others: { 'roles.yaml': roles } },
  );
  assert.equal(positions(findings), [['no-cluster-admin-binding', 4, 67], ['no-cluster-admin-binding', 10, 60]]);
  assert.equal(
    findings[0].message,
    'ClusterRoleBinding "ops" grants ClusterRole "superuser", which allows every verb on every resource: that is cluster-admin across the cluster; bind a role with only the permissions the subjects need.',
  );
  assert.match(findings[1].message, 'Role "all-verbs", which allows every verb on every resource: that is namespace-admin in its namespace');
});

test.run();
