import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'no-node-port';

test('valid: ClusterIP, headless, LoadBalancer (its node ports are not the point here), ExternalName', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: a}
      spec: {type: ClusterIP, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: b}
      spec: {clusterIP: None, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: c, annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "true"}}
      spec: {type: LoadBalancer, ports: [{port: 80, nodePort: 30080}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: d}
      spec: {type: ExternalName, externalName: db.example.com}
    `),
    [],
  );
});

test('valid: near misses and malformed input (lower-case type, other API groups, non-map spec)', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: lower}
      spec: {type: nodeport}
      ---
      apiVersion: example.com/v1
      kind: Service
      metadata: {name: crd}
      spec: {type: NodePort}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: odd}
      spec: [NodePort]
    `),
    [],
  );
});

test('invalid: type NodePort, at spec.type', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: web, namespace: shop}
    spec:
      selector: {app: web}
      type: NodePort
      ports:
        - port: 80
          nodePort: 30080
  `);
  assert.equal(positions(findings), [[ID, 6, 3]]);
  assert.match(findings[0].message, /^Service "web" opens a port on every node/);
  assert.is(findings[0].severity, 'warning');
});

test('invalid: inside a List', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: Service
        metadata: {name: a}
        spec: {type: NodePort, ports: [{port: 80}]}
  `);
  assert.equal(positions(findings), [[ID, 7, 12]]);
});

test.run();
