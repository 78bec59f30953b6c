import { test } from 'uvu';
import * as assert from 'uvu/assert';
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

test.run();
