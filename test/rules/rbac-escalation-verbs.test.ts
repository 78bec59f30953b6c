import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const ID = 'rbac-escalation-verbs';

test('valid: ordinary permissions, and dangerous verbs where they mean nothing', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: deployer}
      rules:
        - apiGroups: ["", apps]
          resources: [pods, "pods/log", "pods/status", deployments, "pods/*"]
          verbs: [get, list, watch, create, update, delete]
        - apiGroups: [""]
          resources: ["pods/portforward", "pods/eviction"]
          verbs: [create]
        - apiGroups: [rbac.authorization.k8s.io]
          resources: [rolebindings]
          verbs: [bind, escalate, create]
        - apiGroups: [apps]
          resources: [users, serviceaccounts]
          verbs: [impersonate]
        - apiGroups: [""]
          resources: [nodes, "nodes/status", serviceaccounts]
          verbs: [get, create]
    `),
    [],
  );
});

test('valid: get on pods/exec from Kubernetes 1.35 (the WebSocket upgrade needs create)', () => {
  const source = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: exec-get, namespace: prod}
    rules:
      - apiGroups: [""]
        resources: ["pods/exec", "pods/attach"]
        verbs: [get]
  `;
  assert.equal(lintOne(ID, source), []);
  assert.equal(lintOne(ID, source, undefined, { kubernetesVersion: '1.35' }), []);
});

test('valid: one half of CSR approval is not approval', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: csr-half}
      rules:
        - apiGroups: [certificates.k8s.io]
          resources: ["certificatesigningrequests/approval", certificatesigningrequests]
          verbs: [get, update]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: signer-half}
      rules:
        - apiGroups: [certificates.k8s.io]
          resources: [signers]
          resourceNames: [example.com/my-signer]
          verbs: [approve]
    `),
    [],
  );
});

test('valid: a token grant limited to the very service accounts the Role is bound to', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: tokenrequest, namespace: cert-manager}
      rules:
        - apiGroups: [""]
          resources: ["serviceaccounts/token"]
          resourceNames: [cert-manager]
          verbs: [create]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: tokenrequest, namespace: cert-manager}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: tokenrequest}
      subjects:
        - {kind: ServiceAccount, name: cert-manager, namespace: cert-manager}
    `),
    [],
  );
});

test('valid: malformed rules and look-alike kinds do not crash or fire', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: odd}
      rules:
        - "*"
        - apiGroups: "*"
          resources: "*"
          verbs: "*"
        - apiGroups: [null]
          resources: [{"pods/exec": true}]
          verbs: [[create]]
      ---
      apiVersion: example.com/v1
      kind: ClusterRole
      metadata: {name: not-rbac}
      rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
    `),
    [],
  );
});

test('invalid: escalate, bind and impersonate, each at its verb item', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: rbac-manager}
    rules:
      - apiGroups: [rbac.authorization.k8s.io]
        resources: [clusterroles, roles]
        verbs: [get, escalate, bind]
      - apiGroups: [""]
        resources: [users, groups, serviceaccounts]
        verbs: [impersonate]
  `);
  assert.equal(positions(findings), [
    [ID, 7, 18],
    [ID, 7, 28],
    [ID, 10, 13],
  ]);
  assert.match(findings[0].message, /ClusterRole "rbac-manager" grants escalate on roles, clusterroles \(rules\[0\]\), which lets it write roles/);
  assert.match(findings[1].message, /grants bind on roles, clusterroles/);
  assert.match(findings[2].message, /grants impersonate on users, groups, serviceaccounts \(rules\[1\]\), which lets it act as other/);
  assert.is(findings[0].severity, 'error');
});

test('invalid: create on pods/exec, pods/attach and serviceaccounts/token, at the resource items (Role)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: debugger, namespace: prod}
    rules:
      - apiGroups: [""]
        resources:
          - pods
          - pods/exec
          - pods/attach
        verbs: [get, create]
      - apiGroups: [""]
        resources: ["serviceaccounts/token"]
        verbs: [create]
  `);
  assert.equal(positions(findings), [
    [ID, 8, 9],
    [ID, 9, 9],
    [ID, 12, 17],
  ]);
  assert.match(findings[0].message, /grants create on pods\/exec \(rules\[0\]\), which lets it run commands in pods/);
  assert.match(findings[2].message, /grants create on serviceaccounts\/token \(rules\[1\]\), which lets it mint tokens/);
});

test('invalid: `*/exec` matches the exec subresource of every resource', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: any-exec}
    rules:
      - apiGroups: [""]
        resources: ["*/exec"]
        verbs: [create]
  `);
  assert.equal(positions(findings), [[ID, 6, 17]]);
});

test('invalid: get on pods/exec before Kubernetes 1.35', () => {
  const findings = lintOne(
    ID,
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: exec-get, namespace: prod}
      rules:
        - apiGroups: [""]
          resources: ["pods/exec"]
          verbs: [get]
    `,
    undefined,
    { kubernetesVersion: '1.34' },
  );
  assert.equal(positions(findings), [[ID, 6, 17]]);
  assert.match(findings[0].message, /grants get on pods\/exec .*WebSocket/);
});

test('invalid: any verb on nodes/proxy', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: metrics}
    rules:
      - apiGroups: [""]
        resources: [nodes, "nodes/metrics", "nodes/proxy"]
        verbs: [get]
  `);
  assert.equal(positions(findings), [[ID, 6, 41]]);
  assert.match(findings[0].message, /grants get on nodes\/proxy \(rules\[0\]\), which gives direct access to the kubelet API/);
});

test('invalid: CSR approval needs both halves; each half is reported', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: csr-approver}
    rules:
      - apiGroups: [certificates.k8s.io]
        resources: ["certificatesigningrequests/approval"]
        verbs: [update]
      - apiGroups: [certificates.k8s.io]
        resources: [signers]
        verbs: [approve]
  `);
  assert.equal(positions(findings), [
    [ID, 6, 17],
    [ID, 10, 13],
  ]);
  assert.match(findings[1].message, /approve on signers/);
});

test('invalid: wildcards grant everything: one report at the `*` verb, one at the `*` resource', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: god}
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
  `);
  assert.equal(positions(findings), [
    [ID, 6, 17],
    [ID, 7, 13],
  ]);
  assert.match(findings[0].message, /create on pods\/exec, pods\/attach, serviceaccounts\/token; every verb on nodes\/proxy/);
  assert.match(findings[0].message, /opens several privilege escalation paths/);
  assert.match(findings[1].message, /escalate, bind on roles, clusterroles; impersonate on users, groups, serviceaccounts/);
});

test('invalid: a token grant for named accounts bound elsewhere is a warning', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: calico-node}
    rules:
      - apiGroups: [""]
        resources: ["serviceaccounts/token"]
        resourceNames: [calico-cni-plugin]
        verbs: [create]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: calico-node}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: calico-node}
    subjects: [{kind: ServiceAccount, name: calico-cni-plugin, namespace: kube-system}]
  `);
  assert.equal(positions(findings), [[ID, 6, 17]]);
  assert.is(findings[0].severity, 'warning');
  assert.match(findings[0].message, /mint tokens for calico-cni-plugin \(make sure they hold no more rights than this role's subjects\)/);
});

test('invalid: a named token grant whose RoleBinding names another account stays a warning', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: tokens, namespace: prod}
    rules:
      - apiGroups: [""]
        resources: ["serviceaccounts/token"]
        resourceNames: [deployer]
        verbs: [create]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: tokens, namespace: prod}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: tokens}
    subjects: [{kind: ServiceAccount, name: web}]
  `);
  assert.equal(positions(findings), [[ID, 6, 17]]);
  assert.is(findings[0].severity, 'warning');
});

test('defect: a Role carries no cluster-scoped permission (nodes/proxy, CSR approval, signers, impersonating users/groups)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: scoped, namespace: prod}
    rules:
      - apiGroups: [""]
        resources: ["nodes/proxy"]
        verbs: [get]
      - apiGroups: [certificates.k8s.io]
        resources: ["certificatesigningrequests/approval", signers]
        verbs: [update, approve]
      - apiGroups: [""]
        resources: [users, groups]
        verbs: [impersonate]
      - apiGroups: [""]
        resources: [serviceaccounts]
        verbs: [impersonate]
  `);
  assert.equal(positions(findings), [[ID, 16, 13]]);
  assert.match(findings[0].message, 'impersonate on serviceaccounts');
});

test('capability: pods/exec and pods/attach through wildcards (resources, apiGroups, verbs, */exec)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: wide, namespace: prod}
    rules:
      - apiGroups: [""]
        resources: ["*"]
        verbs: [create]
      - apiGroups: ["*"]
        resources: ["pods/exec"]
        verbs: ["*"]
      - apiGroups: [""]
        resources: ["*/attach"]
        verbs: [create]
  `);
  assert.equal(positions(findings), [[ID, 6, 17], [ID, 9, 17], [ID, 12, 17]]);
  assert.match(findings[0].message, 'create on pods/exec, pods/attach, serviceaccounts/token');
  assert.match(findings[1].message, 'create on pods/exec');
});

test('capability: the binding that grants a risky role names the subject and the role; system: bindings are exempt', () => {
  const findings = lintWith(
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: ops-exec, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
      subjects:
        - {kind: ServiceAccount, name: ci}
        - {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}
        - {kind: User}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: node-proxy, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy}
      subjects: [{kind: User, name: alice}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: "system:proxy"}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy}
      subjects: [{kind: User, name: bob}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: proxy}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy}
      subjects: [{kind: User, name: carol}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: unknown-role, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: elsewhere}
      subjects: [{kind: User, name: dave}]
    `,
    {
      rules: { [ID]: 'error' },
      others: {
        'roles.yaml': yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: {name: exec, namespace: prod}
          rules: [{apiGroups: [""], resources: ["pods/exec"], verbs: [create]}]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: {name: proxy}
          rules: [{apiGroups: [""], resources: ["nodes/proxy"], verbs: [get]}]
        `,
      },
    },
  );
  assert.equal(positions(findings), [[ID, 6, 28], [ID, 7, 19], [ID, 26, 25]]);
  assert.equal(findings[0].message, 'RoleBinding "ops-exec" gives ServiceAccount "prod/ci" Role "exec", which grants create on pods/exec: bind it only to trusted identities.');
  assert.match(findings[1].message, 'Group "ops"');
  assert.match(findings[2].message, 'ClusterRoleBinding "proxy" gives User "carol" ClusterRole "proxy", which grants get on nodes/proxy');
});

test.run();
