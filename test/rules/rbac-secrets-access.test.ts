import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'rbac-secrets-access';

test('valid: write-only access, other resources, other API groups, named Secrets', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: writer, namespace: prod}
      rules:
        - apiGroups: [""]
          resources: [secrets]
          verbs: [create, update, delete]
        - apiGroups: [""]
          resources: [configmaps, pods]
          verbs: [get, list, watch]
        - apiGroups: [external-secrets.io]
          resources: [secrets, externalsecrets]
          verbs: [get, list]
        - apiGroups: [""]
          resources: [secrets]
          resourceNames: [web-tls]
          verbs: [get, watch, list]
    `),
    [],
  );
});

test('valid: `*` verbs or resources without a read verb on core secrets; malformed rules', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: odd}
      rules:
        - apiGroups: [apps]
          resources: ["*"]
          verbs: ["*"]
        - apiGroups: [""]
          resources: ["*"]
          verbs: [create]
        - apiGroups: ""
          resources: secrets
          verbs: get
        - null
        - apiGroups: [""]
          resources: [Secrets]
          verbs: [Get]
    `),
    [],
  );
});

test('invalid: get/list/watch on secrets, at the secrets item', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: reader, namespace: prod}
    rules:
      - apiGroups: [""]
        resources:
          - configmaps
          - secrets
        verbs: [get, list, watch]
  `);
  assert.equal(positions(findings), [[ID, 8, 9]]);
  assert.match(findings[0].message, /^Role "reader" grants get, list, watch on Secrets \(rules\[0\]\)/);
  assert.is(findings[0].severity, 'warning');
});

test('invalid: wildcards count: `*` verbs, `*` resources, `*` apiGroups (ClusterRole)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: broad}
    rules:
      - apiGroups: ["*"]
        resources: [secrets]
        verbs: ["*"]
      - apiGroups: [""]
        resources: ["*"]
        verbs: [list]
  `);
  assert.equal(positions(findings), [
    [ID, 6, 17],
    [ID, 9, 17],
  ]);
  assert.match(findings[0].message, /grants get, list, watch on Secrets/);
  assert.match(findings[1].message, /grants list on every resource, Secrets included/);
});

test.run();
