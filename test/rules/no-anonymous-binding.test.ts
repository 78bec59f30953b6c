import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'no-anonymous-binding';

test('valid: authenticated users, groups and service accounts', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: readers}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects:
        - {kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}
        - {kind: User, name: anonymous}
        - {kind: ServiceAccount, name: system:anonymous, namespace: prod}
    `),
    [],
  );
});

test('valid: malformed subjects do not crash', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: odd, namespace: prod}
      roleRef: {kind: Role, name: r}
      subjects:
        - system:anonymous
        - {kind: User, name: [system:anonymous]}
        - null
    `),
    [],
  );
});

test('invalid: User system:anonymous and Group system:unauthenticated, each at its subject', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: public}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects:
      - kind: User
        name: system:anonymous
        apiGroup: rbac.authorization.k8s.io
      - kind: Group
        name: system:unauthenticated
        apiGroup: rbac.authorization.k8s.io
  `);
  assert.equal(positions(findings), [
    [ID, 7, 5],
    [ID, 10, 5],
  ]);
  assert.match(findings[0].message, /ClusterRoleBinding "public" grants access to unauthenticated requests \(User system:anonymous\)/);
  assert.is(findings[1].severity, 'error');
});

test('invalid: the names under the other kind still show the intent (RoleBinding in a RoleBindingList)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBindingList
    items:
      - apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: open, namespace: web}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects:
          - {kind: Group, name: system:anonymous}
  `);
  assert.equal(positions(findings), [[ID, 9, 23]]);
});

test.run();
