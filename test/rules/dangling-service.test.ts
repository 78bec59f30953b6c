import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintParsed, ruleMap } from '../../src/api';
import { resolveConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import { DEFAULT_LIMITS, parseManifest } from '../../src/sources/yaml-loader';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const ID = 'dangling-service';

const service = (selector: string, namespace = 'shop') => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: ${namespace}}
  spec:
    selector: ${selector}
    ports: [{port: 80, targetPort: 8080}]
`;

const deployment = (labels: string, namespace = 'shop') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: web, image: nginx:1.25}]}
`;

test('valid: quiet when the namespace holds no pod template in the lint set', () => {
  assert.equal(lintOne(ID, service('{app: web}')), []);
  assert.equal(lintOne(ID, service('{app: web}') + deployment('{app: api}', 'other')), []);
});

test('valid: the selector matches a pod template (a subset of its labels), in this file or another', () => {
  assert.equal(lintOne(ID, service('{app: web}') + deployment('{app: web, tier: front}')), []);
  assert.equal(lintWith(service('{app: web, tier: front}'), { rules: { [ID]: 'warning' }, others: { 'deploy.yaml': deployment('{app: web, tier: front}') } }), []);
});

test('valid: CronJob templates, and labels the controllers add (StatefulSet pod name and index, Job name)', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report, namespace: shop}
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              metadata: {labels: {app: report}}
              spec: {restartPolicy: Never, containers: [{name: r, image: busybox:1.36}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: report, namespace: shop}
      spec: {selector: {app: report, batch.kubernetes.io/job-name: anything}, ports: [{port: 80}]}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: shop}
      spec:
        replicas: 3
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec: {containers: [{name: db, image: postgres:16}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db-2, namespace: shop}
      spec: {selector: {statefulset.kubernetes.io/pod-name: db-2}, ports: [{port: 5432}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db-primary, namespace: shop}
      spec: {selector: {app: db, apps.kubernetes.io/pod-index: "0"}, ports: [{port: 5432}]}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: migrate, namespace: shop}
      spec:
        template:
          spec: {restartPolicy: Never, containers: [{name: m, image: busybox:1.36}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: migrate, namespace: shop}
      spec: {selector: {job-name: migrate}, ports: [{port: 80}]}
    `),
    [],
  );
});

test('valid: ExternalName, no selector, an empty selector', () => {
  const services = yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: db, namespace: shop}
    spec: {type: ExternalName, externalName: db.example.com, selector: {app: db}}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: manual, namespace: shop}
    spec: {ports: [{port: 80}]}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: empty, namespace: shop}
    spec: {selector: {}, ports: [{port: 80}]}
  `;
  assert.equal(lintOne(ID, services + deployment('{app: web}')), []);
});

test('valid: pods made by an operator from a custom resource, or labelled at run time as a policy expects', () => {
  assert.equal(
    lintOne(
      ID,
      service('{app.kubernetes.io/name: prometheus, app.kubernetes.io/instance: k8s}') +
        deployment('{app: grafana}') +
        `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: shop}
spec:
  podMetadata:
    labels: {app.kubernetes.io/name: prometheus, app.kubernetes.io/instance: k8s}
`,
    ),
    [],
  );
  assert.equal(
    lintOne(
      ID,
      service('{longhorn.io/admission-webhook: longhorn-admission-webhook}') +
        deployment('{app: longhorn-manager}') +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: webhook, namespace: shop}
spec:
  podSelector:
    matchLabels: {longhorn.io/admission-webhook: longhorn-admission-webhook}
`,
    ),
    [],
  );
});

test('valid: malformed input does not crash', () => {
  assert.equal(
    lintOne(
      ID,
      yaml`
        apiVersion: v1
        kind: Service
        metadata: {name: odd, namespace: shop}
        spec: {selector: "app=web"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: odder, namespace: shop}
        spec: [1, 2]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: listy, namespace: shop}
        spec: {selector: {app: [web]}}
      ` + deployment('{app: web}'),
    ),
    [],
  );
});

test('invalid: a selector no pod template of the namespace carries, reported at spec.selector', () => {
  const findings = lintOne(ID, service('{app: web, tier: frontend}') + deployment('{app: web, tier: front}'));
  assert.equal(positions(findings), [[ID, 5, 3]]);
  assert.match(findings[0].message, /^Service "web" selects app=web, tier=frontend, which no pod template in namespace "shop" carries/);
  assert.is(findings[0].severity, 'warning');
});

test('invalid: the matching workload lives in another namespace; both without namespace are in default', () => {
  const findings = lintOne(ID, service('{app: web}') + deployment('{app: web}', 'other') + deployment('{app: api}'));
  assert.equal(positions(findings), [[ID, 5, 3]]);
  const unnamespaced = lintOne(
    ID,
    yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: api}
      spec:
        selector:
          app: api
    ` + deployment('{app: apl}', 'default'),
  );
  assert.equal(positions(unnamespaced), [[ID, 5, 3]]);
  assert.match(unnamespaced[0].message, /namespace "default"/);
});

test('invalid: a StatefulSet pod name beyond its replicas', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db, namespace: shop}
    spec:
      replicas: 2
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec: {containers: [{name: db, image: postgres:16}]}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: db-2, namespace: shop}
    spec:
      selector: {statefulset.kubernetes.io/pod-name: db-2}
  `);
  assert.equal(positions(findings), [[ID, 15, 3]]);
});

const customResource = (apiVersion: string, kind: string, namespace = 'shop') => `---
apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: thing, namespace: ${namespace}}
spec: {}
`;

test('valid: a namespace holding a custom resource that may make pods (LeaderWorkerSet, CNPG Cluster, postgresql, Redis, OLM CSV) is not judged', () => {
  for (const [apiVersion, kind] of [
    ['leaderworkerset.x-k8s.io/v1', 'LeaderWorkerSet'],
    ['postgresql.cnpg.io/v1', 'Cluster'],
    ['acid.zalan.do/v1', 'postgresql'],
    ['redis.redis.opstreelabs.in/v1beta2', 'RedisCluster'],
    ['operators.coreos.com/v1alpha1', 'ClusterServiceVersion'],
  ]) {
    assert.equal(lintOne(ID, service('{cnpg.io/cluster: db}') + deployment('{app: web}') + customResource(apiVersion, kind)), [], kind);
  }
});

test('invalid: custom resources known to make no pods (ServiceMonitor, Certificate, HTTPRoute) do not silence it', () => {
  const findings = lintOne(
    ID,
    service('{app: wbe}') +
      deployment('{app: web}') +
      customResource('monitoring.coreos.com/v1', 'ServiceMonitor') +
      customResource('cert-manager.io/v1', 'Certificate') +
      customResource('gateway.networking.k8s.io/v1', 'HTTPRoute'),
  );
  assert.equal(positions(findings), [[ID, 5, 3]]);
});

const unnamespacedService = yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: sample}
  spec:
    selector: {app: sample}
    ports: [{port: 80}]
`;
const unnamespacedDeployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: other}
  spec:
    selector: {matchLabels: {app: other}}
    template:
      metadata: {labels: {app: other}}
      spec: {containers: [{name: o, image: nginx:1.25}]}
`;

test('valid: objects without a namespace in other directories are unrelated samples, not one "default" namespace', () => {
  const findings = lintWith(unnamespacedService, {
    file: 'samples/a/service.yaml',
    rules: { [ID]: 'warning' },
    others: { 'samples/b/deployment.yaml': unnamespacedDeployment },
  });
  assert.equal(findings, []);
});

test('invalid: objects without a namespace pair up in one directory, or everywhere with scope: all', () => {
  const sameDirectory = lintWith(unnamespacedService, {
    file: 'samples/a/service.yaml',
    rules: { [ID]: 'warning' },
    others: { 'samples/a/deployment.yaml': unnamespacedDeployment },
  });
  assert.equal(positions(sameDirectory), [[ID, 5, 3]]);
  const everywhere = lintWith(unnamespacedService, {
    file: 'samples/a/service.yaml',
    rules: { [ID]: ['warning', { scope: 'all' }] },
    others: { 'samples/b/deployment.yaml': unnamespacedDeployment },
  });
  assert.equal(positions(everywhere), [[ID, 5, 3]]);
  assert.match(everywhere[0].message, /^Service "sample" selects app=sample, which no pod template in namespace "default" carries/);
});

test('valid: a Service file also linted on its own is judged in the build that reads it, beside its Deployment', () => {
  const config = resolveConfig(validateConfig('options', { extends: [], rules: { [ID]: 'warning' } }, ruleMap), ruleMap, { cwd: '/' });
  const plainService = parseManifest('app/svc/service.yaml', unnamespacedService, DEFAULT_LIMITS);
  const plainOther = parseManifest('app/svc/other.yaml', unnamespacedDeployment, DEFAULT_LIMITS);
  const build = parseManifest('app (kustomize build)', unnamespacedService + '---\n' + unnamespacedDeployment.replace(/other/g, 'sample'), DEFAULT_LIMITS);
  build.buildFile = 'app/kustomization.yaml';
  build.documents[0].sourceFile = 'app/svc/service.yaml';
  build.documents[1].sourceFile = 'app/workload/deployment.yaml';
  const result = lintParsed([plainService, plainOther, build], config, '/');
  assert.equal(result.findings.filter((finding) => finding.ruleId === ID), []);
  // Without the build, the same plain files are judged together (one directory): the Service is dangling there.
  const alone = lintParsed([parseManifest('app/svc/service.yaml', unnamespacedService, DEFAULT_LIMITS), plainOther], config, '/');
  assert.equal(positions(alone.findings.filter((finding) => finding.ruleId === ID)), [[ID, 5, 3]]);
});

test.run();

