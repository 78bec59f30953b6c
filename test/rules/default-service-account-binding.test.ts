import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'default-service-account-binding';

test('valid: dedicated service accounts, users and groups named like default', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: web, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web}
      subjects:
        - {kind: ServiceAccount, name: web, namespace: prod}
        - {kind: ServiceAccount, name: default-reader, namespace: prod}
        - {kind: User, name: default}
        - {kind: Group, name: default}
        - {kind: User, name: "system:serviceaccount:prod:web"}
        - {kind: Group, name: "system:serviceaccounts-admins"}
    `),
    [],
  );
});

test('valid: malformed subjects and other API groups do not crash or fire', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: odd}
      roleRef: {kind: ClusterRole, name: view}
      subjects: [default, null, {kind: ServiceAccount}, {kind: ServiceAccount, name: 7}]
      ---
      apiVersion: example.com/v1
      kind: RoleBinding
      metadata: {name: crd, namespace: prod}
      subjects: [{kind: ServiceAccount, name: default}]
    `),
    [],
  );
});

test('invalid: the default ServiceAccount, with or without its namespace', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: leaky, namespace: prod}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
    subjects:
      - kind: ServiceAccount
        name: default
      - kind: ServiceAccount
        name: default
        namespace: batch
  `);
  assert.equal(positions(findings), [
    [ID, 7, 5],
    [ID, 9, 5],
  ]);
  assert.match(findings[0].message, /RoleBinding "leaky" grants its role to the default ServiceAccount of namespace "prod"/);
  assert.match(findings[1].message, /namespace "batch"/);
  assert.is(findings[0].severity, 'warning');
});

test('invalid: the same account as a User name, and groups that contain it (ClusterRoleBinding)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: everyone}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects:
      - {kind: User, name: "system:serviceaccount:prod:default", apiGroup: rbac.authorization.k8s.io}
      - {kind: Group, name: "system:serviceaccounts:prod", apiGroup: rbac.authorization.k8s.io}
      - {kind: Group, name: "system:serviceaccounts", apiGroup: rbac.authorization.k8s.io}
  `);
  assert.equal(positions(findings), [
    [ID, 6, 18],
    [ID, 7, 19],
    [ID, 8, 19],
  ]);
  assert.match(findings[0].message, /default ServiceAccount of namespace "prod" \(as user system:serviceaccount:prod:default\)/);
  assert.match(findings[1].message, /every ServiceAccount of namespace "prod", default included/);
  assert.match(findings[2].message, /every ServiceAccount of the cluster/);
});

test('invalid: a ClusterRoleBinding naming default without a namespace still says so', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: no-ns}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects:
      - {kind: ServiceAccount, name: default}
  `);
  assert.equal(positions(findings), [[ID, 6, 28]]);
  assert.match(findings[0].message, /grants its role to the default ServiceAccount;/);
});

test.run();
