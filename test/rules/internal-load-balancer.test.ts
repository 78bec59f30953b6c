import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'internal-load-balancer';

test('valid: internal annotation, source ranges, AKS allowed-ranges annotations, other Service types', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: internal
        annotations:
          service.beta.kubernetes.io/azure-load-balancer-internal: "true"
      spec:
        type: LoadBalancer
        ports: [{port: 443}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: ranged}
      spec:
        type: LoadBalancer
        loadBalancerSourceRanges: [203.0.113.0/24, 198.51.100.7/32]
        ports: [{port: 443}]
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: aks-ranges
        annotations:
          service.beta.kubernetes.io/azure-allowed-ip-ranges: "203.0.113.0/24,198.51.100.0/24"
      spec: {type: LoadBalancer, ports: [{port: 443}]}
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: front-door-only
        annotations:
          service.beta.kubernetes.io/azure-allowed-service-tags: AzureFrontDoor.Backend
      spec: {type: LoadBalancer, ports: [{port: 443}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: cluster-ip}
      spec: {type: ClusterIP, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: default-type}
      spec: {ports: [{port: 80}]}
    `),
    [],
  );
});

test('valid: an unquoted true (YAML boolean) still reads as internal; look-alike kinds and malformed specs', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: bool
        annotations:
          service.beta.kubernetes.io/azure-load-balancer-internal: true
      spec: {type: LoadBalancer}
      ---
      apiVersion: serving.knative.dev/v1
      kind: Service
      metadata: {name: knative}
      spec: {type: LoadBalancer}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: odd, annotations: [a]}
      spec: LoadBalancer
    `),
    [],
  );
});

test('invalid: a public LoadBalancer, reported at spec.type', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
      annotations:
        service.beta.kubernetes.io/azure-load-balancer-internal: "false"
    spec:
      type: LoadBalancer
      selector: {app: web}
      ports: [{port: 443}]
  `);
  assert.equal(positions(findings), [[ID, 8, 3]]);
  assert.match(findings[0].message, /^Service "web" gets a public load balancer; annotate it with service\.beta\.kubernetes\.io\/azure-load-balancer-internal: "true"/);
  assert.is(findings[0].severity, 'warning');
});

test('invalid: source ranges that admit everything, at the open range or annotation', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: open}
    spec:
      type: LoadBalancer
      loadBalancerSourceRanges:
        - 10.0.0.0/8
        - 0.0.0.0/0
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: open-annotation
      annotations:
        service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8, ::/0"
    spec:
      type: LoadBalancer
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: empty-ranges}
    spec:
      type: LoadBalancer
      loadBalancerSourceRanges: []
  `);
  assert.equal(positions(findings), [
    [ID, 8, 7],
    [ID, 15, 5],
    [ID, 23, 3],
  ]);
  assert.match(findings[0].message, /Service "open" admits every address \(0\.0\.0\.0\/0\)/);
  assert.match(findings[1].message, /through annotation service\.beta\.kubernetes\.io\/load-balancer-source-ranges/);
});

test.run();
