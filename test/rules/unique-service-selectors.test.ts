import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'unique-service-selectors';

test('valid: different selectors, namespaces, no selector, ExternalName, the same Service twice', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: prod}
      spec: {selector: {app: web}, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web-admin, namespace: prod}
      spec: {selector: {app: web, role: admin}, ports: [{port: 81}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: staging}
      spec: {selector: {app: web}}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: external-db, namespace: prod}
      spec: {ports: [{port: 5432}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: external-cache, namespace: prod}
      spec: {selector: {}, ports: [{port: 6379}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: alias, namespace: prod}
      spec: {type: ExternalName, externalName: web.example.com, selector: {app: web}}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: prod}
      spec: {selector: {app: web}}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: odd, namespace: prod}
      spec: "none"
    `),
    [],
  );
});

test('invalid: the same selector (in any key order, numbers as text) in one namespace, at the later spec.selector', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web, version: 2}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web-copy, namespace: default}
    spec:
      ports: [{port: 80}]
      selector:
        version: "2"
        app: web
  `);
  assert.equal(positions(findings), [[rule, 12, 3]]);
  assert.is(findings[0].message, 'Service "web-copy" has the same selector as Service "web" in namespace "default": give each Service a selector that picks only its own pods.');
});

const statefulSetServices = yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: db, namespace: data}
  spec:
    selector: {app: db}
    ports: [{port: 5432}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: db-headless, namespace: data}
  spec:
    clusterIP: None
    selector: {app: db}
    ports: [{port: 5432}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: controller-metrics, namespace: data}
  spec:
    selector: {control-plane: controller}
    ports: [{name: https, port: 8443, targetPort: https}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: webhook-service, namespace: data}
  spec:
    selector: {control-plane: controller}
    ports: [{port: 443, targetPort: 9443}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: webhook-copy, namespace: data}
  spec:
    selector: {control-plane: controller}
    ports: [{port: 8443, targetPort: 9443}]
`;

test('valid (recommended, semantics distinct-ports): a headless Service beside a client Service; metrics and webhook Services', () => {
  const findings = lintOne(rule, statefulSetServices);
  // Only the copy reaching the webhook's pod port 9443 again is reported.
  assert.equal(positions(findings), [[rule, 34, 3]]);
  assert.match(findings[0].message, /^Service "webhook-copy" has the same selector as Service "webhook-service" in namespace "data"/);
});

test('invalid (aks preset, semantics azure): every Service with a selector already taken in the namespace', () => {
  const findings = lintOne(rule, statefulSetServices, { semantics: 'azure' });
  assert.equal(positions(findings), [
    [rule, 13, 3],
    [rule, 27, 3],
    [rule, 34, 3],
  ]);
  const aks = lintText([{ file: 'test.yaml', text: statefulSetServices }], { preset: 'aks' }).findings.filter((finding) => finding.ruleId === rule);
  assert.is(aks.length, 3);
});

test('valid: a headless Service without ports beside a client Service without ports', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web, version: 2}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web-headless, namespace: default}
    spec:
      clusterIP: None
      selector:
        version: "2"
        app: web
  `);
  assert.equal(findings, []);
});

test('invalid: across files only with scope directory (naming the file) or all', () => {
  const service = (name: string) => yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: ${name}, namespace: shop}
    spec:
      selector: {app: cart}
  `;
  const inputs = [
    { file: 'apps/cart.yaml', text: service('cart') },
    { file: 'apps/cart-copy.yaml', text: service('cart-v2') },
    { file: 'legacy/cart.yaml', text: service('cart-legacy') },
  ];
  assert.equal(lintText(inputs, { rules: { [rule]: 'warning' } }).findings, []);
  const findings = lintText(inputs, { rules: { [rule]: ['warning', { scope: 'directory' }] } }).findings.filter((finding) => finding.ruleId === rule);
  assert.equal(findings.map((finding) => [finding.file, finding.line, finding.column]), [['apps/cart-copy.yaml', 5, 3]]);
  assert.match(findings[0].message, 'as Service "cart" (apps/cart.yaml) in namespace "shop"');
  const all = lintText(inputs, { rules: { [rule]: ['warning', { scope: 'all' }] } }).findings.filter((finding) => finding.ruleId === rule);
  assert.equal(all.map((finding) => finding.file), ['apps/cart-copy.yaml', 'legacy/cart.yaml']);
});

test.run();
