import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'no-wildcard-rbac';

test('valid: explicit apiGroups, resources and verbs', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader, namespace: prod}
      rules:
        - apiGroups: ["", apps]
          resources: [pods, deployments, "pods/log"]
          verbs: [get, list, watch]
        - nonResourceURLs: ["/healthz"]
          verbs: [get]
    `),
    [],
  );
});

test('valid: near misses are not the `*` wildcard (subresource patterns, resourceNames, names containing *)', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: scaler}
      rules:
        - apiGroups: [apps]
          resources: ["*/scale", "deployments/*"]
          resourceNames: ["*"]
          verbs: [get, update]
        - nonResourceURLs: ["*"]
          verbs: [get]
    `),
    [],
  );
});

test('valid: aggregated ClusterRole without rules, RBAC kinds of other API groups, bindings', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: monitoring}
      aggregationRule:
        clusterRoleSelectors:
          - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
      rules: []
      ---
      apiVersion: iam.example.com/v1
      kind: Role
      metadata: {name: not-rbac}
      rules:
        - apiGroups: ["*"]
          resources: ["*"]
          verbs: ["*"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "*"}
      subjects: [{kind: User, name: "*"}]
    `),
    [],
  );
});

test('valid: malformed rules do not crash', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: odd}
      rules:
        - null
        - "*"
        - apiGroups: "*"
          resources: {"*": true}
          verbs: [1, null, {a: b}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: odder, namespace: x}
      rules: "*"
    `),
    [],
  );
});

test('invalid: each `*` item is reported at the item', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: admin-ish}
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
      - apiGroups: [""]
        resources:
          - pods
          - "*"
        verbs: [get, "*"]
  `);
  assert.equal(positions(findings), [
    [ID, 5, 17],
    [ID, 6, 17],
    [ID, 7, 13],
    [ID, 11, 9],
    [ID, 12, 18],
  ]);
  assert.match(findings[0].message, /ClusterRole "admin-ish" uses "\*" in apiGroups of rules\[0\]/);
  assert.match(findings[4].message, /in verbs of rules\[1\]/);
  assert.is(findings[0].severity, 'error');
});

test('invalid: a namespaced Role in a RoleList, and rbac v1beta1', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleList
    items:
      - apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: a, namespace: prod}
        rules:
          - apiGroups: [apps]
            resources: [deployments]
            verbs: ["*"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1beta1
    kind: Role
    metadata: {name: b, namespace: prod}
    rules:
      - apiGroups: ["*"]
        resources: [configmaps]
        verbs: [get]
  `);
  assert.equal(positions(findings), [
    [ID, 10, 17],
    [ID, 16, 17],
  ]);
  assert.match(findings[0].message, /^Role "a" uses/);
});

test.run();
