import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const RULE = 'allowed-registries';
const AKS = { registries: ['*.azurecr.io/**', 'mcr.microsoft.com/**'] };

const POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    initContainers:
      - name: init
        image: busybox:1.36
    containers:
      - name: app
        image: myacr.azurecr.io/team/app:1.0
      - name: cli
        image: mcr.microsoft.com/azure-cli:2.60.0
      - name: hub
        image: docker.io/bitnami/redis:7.2
      - name: lookalike
        image: myacr.azurecr.io.evil.example/app:1.0
    ephemeralContainers:
      - name: debug
        image: localhost:5000/tools/debug:1
`;

test('valid: no registries configured reports nothing', () => {
  assert.equal(lintOne(RULE, POD), []);
  assert.equal(lintOne(RULE, POD, { registries: [] }), []);
});

test('valid: images inside the allowed globs; unparseable images are skipped', () => {
  assert.equal(
    lintOne(
      RULE,
      yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers:
                - {name: a, image: "myacr.azurecr.io/team/app:1.0"}
                - {name: b, image: "MyAcr.azurecr.io/app@sha256:${'ab'.repeat(32)}"}
                - {name: c, image: "mcr.microsoft.com/oss/kubernetes/pause:3.9"}
                - {name: d, image: "{{ .Values.image }}"}
      `,
      AKS,
    ),
    [],
  );
});

test('invalid: images outside the AKS globs, including a look-alike host', () => {
  const findings = lintOne(RULE, POD, AKS);
  assert.equal(positions(findings), [
    [RULE, 7, 7],
    [RULE, 14, 7],
    [RULE, 16, 7],
    [RULE, 19, 7],
  ]);
  assert.is(findings[0].severity, 'error');
  assert.match(findings[0].message, /Init container "init" uses image "docker\.io\/library\/busybox", outside the allowed registries \(\*\.azurecr\.io\/\*\*, mcr\.microsoft\.com\/\*\*\)/);
  assert.match(findings[2].message, /"myacr\.azurecr\.io\.evil\.example\/app"/);
});

test('invalid: Docker Hub short names match only their normalised form', () => {
  const source = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - {name: official, image: "nginx:1.25"}
                - {name: org, image: "bitnami/redis:7.2"}
                - {name: port, image: "localhost:5000/x"}
  `;
  assert.equal(lintOne(RULE, source, { registries: ['docker.io/library/*', 'localhost:5000/**'] }).map((finding) => finding.line), [13]);
  assert.equal(lintOne(RULE, source, { registries: ['nginx', 'bitnami/*'] }).map((finding) => finding.line), [12, 13, 14]);
  assert.equal(lintOne(RULE, source, { registries: ['docker.io/**', 'localhost:5000/**'] }), []);
});

test('the aks preset allows Azure Container Registry and MCR only', () => {
  const findings = lintWith(POD, { preset: 'aks' }).filter((finding) => finding.ruleId === RULE);
  assert.equal(findings.map((finding) => finding.line), [7, 14, 16, 19]);
});

test('regex: the image as written must match Azure Policy\'s allowedContainerImagesRegex', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: ok
          image: myacr.azurecr.io/web:1.0
        - name: hub
          image: nginx:1.27
        - name: lookalike
          image: myacr.azurecr.io.evil.com/web:1.0
  `;
  const findings = lintOne('allowed-registries', pod, { regex: '^myacr\\.azurecr\\.io/.+$' });
  assert.equal(positions(findings), [
    ['allowed-registries', 9, 7],
    ['allowed-registries', 11, 7],
  ]);
  assert.match(findings[0].message, /"nginx:1.27", which does not match the allowed images pattern/);
  // Go's leading (?i) flag is understood.
  assert.equal(lintOne('allowed-registries', pod, { regex: '(?i)^MYACR\\.AZURECR\\.IO/.+$' }).length, 2);
  assert.throws(() => lintOne('allowed-registries', pod, { regex: '^(unclosed' }), /regex.*invalid regular expression/);
});

test.run();
