import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateObject } from '../../src/model/schema/validate';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'schema';

test('valid: a complete Deployment with IntOrString, quantities as strings and numbers, labels and annotations', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web, version: "1.0"}
        annotations: {prometheus.io/scrape: "true"}
        creationTimestamp: null
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        strategy:
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - name: web
                image: nginx:1.25
                imagePullPolicy: Always
                ports: [{containerPort: 8080, name: http, protocol: TCP}]
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {cpu: 1, memory: 1.5Gi}
                readinessProbe: {httpGet: {path: /, port: http}}
                livenessProbe: {tcpSocket: {port: 8080}}
                securityContext: {privileged: false, runAsNonRoot: true}
            os: {name: linux}
    `),
    [],
  );
});

test('valid: custom resources and unknown kinds are skipped; nested types are not kinds', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: r}
      spec: {replicas: "3", anything: goes}
      ---
      apiVersion: v1
      kind: Container
      name: c
      bogus: true
      ---
      apiVersion: apps/v1
      kind: deployment
      metadata: {name: lower}
      spec: {replicas: "x"}
    `),
    [],
  );
});

test('valid: Secret data in base64, also folded over lines; free-form fields (CRD defaults, RawExtension)', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      data:
        password: aHVudGVyMg==
        tls.crt: |
          LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0t
          LS0tCg==
      stringData: {token: "not base64!"}
      ---
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        group: example.com
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  spec:
                    type: object
                    default: {size: 1, anyKey: [1, 2]}
    `),
    [],
  );
});

test('valid: fields newer than the bundled schemas are not unknown (restartPolicyRules, hostnameOverride)', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        hostnameOverride: worker-1
        containers:
          - name: a
            image: busybox:1.36
            restartPolicy: Never
            restartPolicyRules:
              - action: Restart
                exitCodes: {operator: In, values: [42]}
    `),
    [],
  );
});

test('valid: null for optional fields, strategic-merge patches, defaulted "required" fields', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, labels: null}
      spec:
        securityContext: null
        containers:
          - name: a
            image: nginx:1.25
            envFrom: [{secretRef: null, configMapRef: {name: c}}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: loadgenerator}
      $patch: delete
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - name: web
                image: nginx:1.25
              - $patch: delete
                name: sidecar
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        podFailurePolicy:
          rules:
            - action: Ignore
              onPodConditions:
                - type: DisruptionTarget
        template:
          spec:
            restartPolicy: Never
            containers: [{name: main, image: busybox:1.36}]
    `),
    [],
  );
});

test('invalid: wrong types (quoted boolean, quoted integer, unquoted label value), at the offending key', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web, release: 2}
    spec:
      replicas: "3"
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: web
              image: nginx:1.25
              securityContext:
                privileged: "true"
              env:
                - name: DEBUG
                  value: yes
  `);
  assert.equal(positions(findings), [
    [rule, 5, 22],
    [rule, 7, 3],
    [rule, 16, 13],
    [rule, 19, 15],
  ]);
  assert.is(findings[0].message, 'Label "release" must be a string, not an integer: quote the value.');
  assert.is(findings[1].message, 'Field "replicas" must be an integer, not a string: write 3 without quotes.');
  assert.is(findings[2].message, 'Field "privileged" must be a boolean, not a string: write true without quotes.');
  assert.match(findings[3].message, 'must be a string, not a boolean: quote the value');
});

test('invalid: unknown field with "did you mean", in a CronJob container', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly}
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
                - name: job
                  image: busybox:1.36
                  securityContex:
                    runAsNonRoot: true
                  imagePullSecret: x
  `);
  assert.equal(positions(findings), [
    [rule, 14, 15],
    [rule, 16, 15],
  ]);
  assert.is(findings[0].message, 'Unknown field "securityContex" in spec.jobTemplate.spec.template.spec.containers[0]; did you mean "securityContext"?');
  assert.match(findings[1].message, 'Unknown field "imagePullSecret"');
});

test('invalid: an unknown field with no close match says to remove it', () => {
  const [finding] = lintOne(rule, yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: s}
    spec:
      selector: {app: web}
      ports: [{port: 80}]
      loadBalancerWhatever: 1
  `);
  assert.equal([finding.line, finding.column], [7, 3]);
  assert.match(finding.message, 'Unknown field "loadBalancerWhatever" in spec: remove it');
});

test('invalid: enum values with case mistakes (imagePullPolicy, restartPolicy, protocol, Service type)', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      restartPolicy: always
      containers:
        - name: a
          image: nginx:1.25
          imagePullPolicy: always
          ports: [{containerPort: 80, protocol: tcp}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: s}
    spec:
      type: Loadbalancer
      ports: [{port: 80}]
  `);
  assert.equal(positions(findings), [
    [rule, 5, 3],
    [rule, 9, 7],
    [rule, 10, 35],
    [rule, 16, 3],
  ]);
  assert.is(findings[1].message, 'Field "imagePullPolicy" is "always", which is not one of Always, IfNotPresent, Never; did you mean "Always"?');
  assert.match(findings[3].message, 'did you mean "LoadBalancer"?');
});

test('invalid: supplementary enums the OpenAPI lacks (label selector operator, os.name, RBAC subject kind)', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector:
        matchExpressions: [{key: app, operator: in, values: [web]}]
      template:
        metadata: {labels: {app: web}}
        spec:
          os: {name: Windows}
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions: [{key: size, operator: Gt, values: ["3"]}]
          containers: [{name: a, image: nginx:1.25}]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: rb}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: role, name: r}
    subjects: [{kind: serviceaccount, name: app, namespace: prod}]
  `);
  assert.equal(positions(findings), [
    [rule, 6, 35],
    [rule, 10, 12],
    [rule, 21, 48],
    [rule, 22, 13],
  ]);
  assert.match(findings[0].message, 'did you mean "In"?');
  assert.match(findings[1].message, 'did you mean "windows"?');
  assert.match(findings[2].message, 'not one of Role, ClusterRole; did you mean "Role"?');
  assert.match(findings[3].message, 'did you mean "ServiceAccount"?');
});

test('invalid: missing required fields point at the nearest existing parent', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - image: nginx:1.25
              ports: [{name: http}]
  `);
  assert.equal(positions(findings), [
    [rule, 4, 1],
    [rule, 9, 11],
    [rule, 10, 20],
  ]);
  assert.is(findings[0].message, 'Required field "selector" is missing in spec.');
  assert.is(findings[1].message, 'Required field "name" is missing in spec.template.spec.containers[0].');
  assert.match(findings[2].message, 'Required field "containerPort" is missing');
});

test('invalid: bad quantities, bad base64 (the value is not printed)', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          resources:
            limits: {memory: 1GB, cpu: 500mm}
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: s}
    data:
      password: hunter2!
  `);
  assert.equal(positions(findings), [
    [rule, 9, 18],
    [rule, 9, 31],
    [rule, 15, 3],
  ]);
  assert.match(findings[0].message, 'Field "memory" is not a valid quantity ("1GB")');
  assert.match(findings[1].message, 'Field "cpu" is not a valid quantity ("500mm")');
  assert.is(findings[2].message, 'Field "password" is not valid base64: encode the value (or, in a Secret, move it to stringData).');
  assert.not.match(findings[2].message, 'hunter2');
});

test('invalid: IntOrString accepts an int or a string, not a boolean or a map', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: s}
    spec:
      ports:
        - port: 80
          targetPort: true
        - port: 81
          targetPort: {name: x}
  `);
  assert.equal(positions(findings), [
    [rule, 7, 7],
    [rule, 9, 7],
  ]);
  assert.is(findings[0].message, 'Field "targetPort" must be a string or an integer, not a boolean.');
});

test('invalid: malformed structure (a map where a list belongs, a scalar spec) is reported, never thrown', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: {name: a, image: nginx}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: web
    spec: 3
  `);
  assert.equal(positions(findings), [
    [rule, 5, 3],
    [rule, 9, 1],
    [rule, 10, 1],
  ]);
  assert.is(findings[0].message, 'Field "containers" must be a list, not a map.');
});

test('invalid: items of a List are validated with their own kind', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {enabled: true}
  `);
  assert.equal(positions(findings), [[rule, 7, 12]]);
});

test('validateObject: undefined for kinds without a schema, issues otherwise', () => {
  assert.is(validateObject({ apiVersion: 'example.com/v1', kind: 'Widget' }), undefined);
  assert.is(validateObject({ apiVersion: '../../etc', kind: 'passwd' }), undefined);
  assert.is(validateObject({ apiVersion: 'v1', kind: '../Pod' }), undefined);
  assert.equal(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), []);
});


test('valid: placeholders (envsubst, Helm, HELMSUBST_, a template read as a mapping) are not judged for type or enum', () => {
  const findings = lintOne('schema', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: \${REPLICAS:-1}
      revisionHistoryLimit: HELMSUBST_deployment_history
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: web
              image: nginx:1.25
              imagePullPolicy: "{{ .Values.image.pullPolicy }}"
              resources: {{ toYaml .Values.resources }}
              ports:
                - containerPort: {{ .Values.port }}
  `);
  assert.equal(findings, []);
});

test('invalid: protocol HTTP gets no implausible "did you mean"; a placeholder next to a real error keeps the error', () => {
  const findings = lintOne('schema', yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
      ports:
        - port: 80
          protocol: HTTP
        - port: "\${PORT}"
          protocol: TPC
  `);
  assert.equal(positions(findings), [
    ['schema', 8, 7],
    ['schema', 10, 7],
  ]);
  assert.is(findings[0].message, 'Field "protocol" is "HTTP", which is not one of SCTP, TCP, UDP.');
  assert.match(findings[1].message, /did you mean "TCP"\?/);
});

test.run();
