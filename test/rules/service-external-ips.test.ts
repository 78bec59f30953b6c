import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'service-external-ips';

test('valid: no externalIPs, an empty list, null, a LoadBalancer IP', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: a}
      spec: {ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: b}
      spec: {externalIPs: [], ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: c}
      spec: {externalIPs: null, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: d, annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "true"}}
      spec: {type: LoadBalancer, loadBalancerIP: 10.240.0.25, ports: [{port: 80}]}
    `),
    [],
  );
});

test('valid: malformed values and look-alike kinds', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: odd}
      spec: {externalIPs: "203.0.113.10"}
      ---
      apiVersion: example.com/v1
      kind: Service
      metadata: {name: crd}
      spec: {externalIPs: [203.0.113.10]}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      data: {externalIPs: "203.0.113.10"}
    `),
    [],
  );
});

test('invalid: externalIPs set, at the key', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: mitm, namespace: shop}
    spec:
      selector: {app: web}
      ports: [{port: 443}]
      externalIPs:
        - 203.0.113.10
        - 198.51.100.20
  `);
  assert.equal(positions(findings), [[ID, 7, 3]]);
  assert.match(findings[0].message, /^Service "mitm" sets externalIPs \(203\.0\.113\.10, 198\.51\.100\.20\).*CVE-2020-8554/);
  assert.is(findings[0].severity, 'error');
});

test.run();
