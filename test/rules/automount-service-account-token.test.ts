import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const RULE = 'automount-service-account-token';

test('valid: the pod sets automountServiceAccountToken false', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            automountServiceAccountToken: false
            containers:
              - name: app
                image: nginx:1.25
    `),
    [],
  );
});

test('valid: the ServiceAccount it uses (same namespace, same file) sets it false', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: web, namespace: shop}
      automountServiceAccountToken: false
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        template:
          spec:
            serviceAccountName: web
            containers:
              - name: app
                image: nginx:1.25
    `),
    [],
  );
});

test('valid: the default ServiceAccount in another file of the lint set sets it false', () => {
  const findings = lintWith(
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: nginx:1.25
    `,
    {
      rules: { [RULE]: 'warning' },
      others: {
        'sa.yaml': yaml`
          apiVersion: v1
          kind: ServiceAccount
          metadata: {name: default, namespace: default}
          automountServiceAccountToken: false
        `,
      },
    },
  );
  assert.equal(findings, []);
});

test('valid: the deprecated serviceAccount field names the account', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: legacy}
      automountServiceAccountToken: false
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        serviceAccount: legacy
        containers:
          - name: app
            image: nginx:1.25
    `),
    [],
  );
});

test('invalid: nothing set; reported at the pod spec with a fix', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers:
            - name: app
              image: nginx:1.25
  `);
  assert.equal(positions(findings), [[RULE, 6, 5]]);
  assert.is(findings[0].severity, 'warning');
  assert.match(findings[0].message, /Deployment "web" mounts a token of ServiceAccount "default"/);
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'template', 'spec', 'automountServiceAccountToken'], value: false }]);
});

test('invalid: a pod value true overrides a ServiceAccount that sets false', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: web}
    automountServiceAccountToken: false
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: true
      containers:
        - name: app
          image: nginx:1.25
  `);
  assert.equal(positions(findings), [[RULE, 11, 3]]);
  assert.match(findings[0].message, /sets automountServiceAccountToken: true/);
  assert.equal(findings[0].fix, undefined, 'an explicit true is deliberate: --fix must not flip it');
});

test('invalid: the ServiceAccount is in another namespace, has another name, or does not set false', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: web, namespace: other}
    automountServiceAccountToken: false
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: api, namespace: shop}
    automountServiceAccountToken: true
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: a, namespace: shop}
    spec:
      serviceAccountName: web
      containers: [{name: app, image: "nginx:1.25"}]
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: b, namespace: shop}
    spec:
      serviceAccountName: api
      containers: [{name: app, image: "nginx:1.25"}]
  `);
  assert.equal(positions(findings), [
    [RULE, 14, 1],
    [RULE, 21, 1],
  ]);
  assert.match(findings[0].message, /ServiceAccount "web" by default/);
  assert.match(findings[1].message, /ServiceAccount "api", which does not set automountServiceAccountToken: false/);
});

test('invalid: a CronJob, and a string "false" is not false', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              automountServiceAccountToken: "false"
              restartPolicy: Never
              containers: [{name: job, image: "busybox:1.36"}]
  `);
  assert.equal(positions(findings), [[RULE, 10, 11]]);
});

test('valid: objects without pod spec, and odd metadata, do not crash', () => {
  assert.equal(lintOne(RULE, yaml`
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: x}
  `), []);
  assert.equal(
    positions(lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: [weird]}
      spec:
        serviceAccountName: 7
        containers: [{name: app, image: "nginx:1.25"}]
    `)),
    [[RULE, 4, 1]],
  );
});


// Issue 16: a ServiceAccount bound to a role is there to call the API; neither the finding nor its fix apply.
test('valid: the ServiceAccount is a subject of a ClusterRoleBinding or RoleBinding in the lint set', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: controller-admin}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: controller-admin}
    subjects:
      - kind: ServiceAccount
        name: controller
        namespace: serving
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: leader-election, namespace: system}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: leader-election}
    subjects:
      - kind: ServiceAccount
        name: manager
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: controller, namespace: serving}
    spec:
      template:
        spec:
          serviceAccountName: controller
          containers:
            - name: controller
              image: example.com/controller:1.0
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: manager}
    spec:
      template:
        spec:
          serviceAccountName: manager
          automountServiceAccountToken: true
          containers:
            - name: manager
              image: example.com/manager:1.0
  `);
  assert.equal(findings, []);
});

test('invalid: a binding of a same-named ServiceAccount in another namespace does not count', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: controller-admin}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: controller-admin}
    subjects:
      - kind: ServiceAccount
        name: controller
        namespace: serving
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: controller, namespace: shop}
    spec:
      template:
        spec:
          serviceAccountName: controller
          containers:
            - name: controller
              image: example.com/controller:1.0
  `);
  assert.equal(positions(findings), [[RULE, 15, 5]]);
  assert.equal(findings[0].fix, [{ op: 'set', path: ['spec', 'template', 'spec', 'automountServiceAccountToken'], value: false }]);
});

test('invalid: a value the author wrote other than false is reported without a fix; a quoted "false" is corrected', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      automountServiceAccountToken: "true"
      containers: [{name: app, image: nginx:1.25}]
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      automountServiceAccountToken: "false"
      containers: [{name: app, image: nginx:1.25}]
  `);
  assert.equal(positions(findings), [
    [RULE, 5, 3],
    [RULE, 12, 3],
  ]);
  assert.equal(findings[0].fix, undefined);
  assert.equal(findings[1].fix, [{ op: 'set', path: ['spec', 'automountServiceAccountToken'], value: false }]);
});

// Issue 13 (CIS 5.1.5): the default ServiceAccount itself should opt out.
test('valid: a default ServiceAccount that sets false, or that a binding names (its pods call the API)', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: default, namespace: shop}
    automountServiceAccountToken: false
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: default, namespace: ops}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: read, namespace: ops}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read}
    subjects:
      - kind: ServiceAccount
        name: default
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: web, namespace: shop}
  `);
  assert.equal(findings, []);
});

test('invalid: the default ServiceAccount declared without false (fix adds it) or with true (no fix)', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: default, namespace: shop}
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: default, namespace: ops}
    automountServiceAccountToken: true
  `);
  assert.equal(positions(findings), [
    [RULE, 2, 1],
    [RULE, 8, 1],
  ]);
  assert.match(findings[0].message, 'The default ServiceAccount of namespace "shop" does not set automountServiceAccountToken: false');
  assert.match(findings[0].message, 'CIS 5.1.5');
  assert.equal(findings[0].fix, [{ op: 'set', path: ['automountServiceAccountToken'], value: false }]);
  assert.match(findings[1].message, 'sets automountServiceAccountToken: true');
  assert.equal(findings[1].fix, undefined);
});
test('a binding and a pod that do not both name their namespace pair up only within one directory', () => {
  const binding = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: read-gmsa, namespace: default}
    subjects:
      - {kind: ServiceAccount, name: default, namespace: default}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: gmsa-user}
  `;
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: web}
    spec:
      containers:
        - name: web
          image: web:1.0
  `;
  const rules = { [RULE]: 'warning' as const };
  // Another sample folder's binding of "default" says nothing of this pod, which kubectl -n may put anywhere.
  const apart = lintText([{ file: 'windows/gmsa/rbac.yaml', text: binding }, { file: 'ai/agent/pod.yaml', text: pod }], { rules }).findings;
  assert.equal(apart.map((finding) => [finding.file, finding.ruleId, finding.line, finding.column]), [['ai/agent/pod.yaml', RULE, 4, 1]]);
  const together = lintText([{ file: 'windows/gmsa/rbac.yaml', text: binding }, { file: 'windows/gmsa/pod.yaml', text: pod }], { rules }).findings;
  assert.equal(together, []);
});

test.run();
