import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const ID = 'ingress-tls';

test('valid: every host covered, exactly, by a one-label wildcard, case-insensitively', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      spec:
        ingressClassName: webapprouting.kubernetes.azure.com
        tls:
          - hosts: [shop.example.com]
            secretName: shop-tls
          - hosts: ["*.apps.example.com"]
            secretName: apps-wildcard
        rules:
          - host: shop.example.com
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
          - host: api.apps.example.com
          - host: Admin.Apps.Example.com
          - host: "*.apps.example.com"
          - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
    `),
    [],
  );
});

test('valid: a tls entry without hosts uses the default certificate; legacy API versions with tls', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: default-cert}
      spec:
        tls:
          - secretName: default-cert
        rules:
          - host: anything.example.com
      ---
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata: {name: legacy}
      spec:
        tls: [{hosts: [legacy.example.com], secretName: legacy-tls}]
        rules: [{host: legacy.example.com}]
    `),
    [],
  );
});

test('valid: look-alike kinds and malformed input do not crash or fire', () => {
  assert.equal(
    lintOne(ID, yaml`
      apiVersion: example.com/v1
      kind: Ingress
      metadata: {name: crd}
      spec: {}
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: odd}
      spec:
        tls: [{hosts: [a.example.com]}]
        rules: [null, "b.example.com", {host: 42}, {host: ""}]
    `),
    [],
  );
});

test('invalid: no tls section, reported at spec (the missing tls key falls back to it)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: plain, namespace: shop}
    spec:
      rules:
        - host: shop.example.com
  `);
  assert.equal(positions(findings), [[ID, 4, 1]]);
  assert.match(findings[0].message, /^Ingress "plain" has no tls section and serves plain HTTP/);
  assert.is(findings[0].severity, 'warning');
});

test('invalid: an empty tls list, at the tls key; a defaultBackend-only Ingress (v1beta1)', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: empty}
    spec:
      tls: []
      rules: [{host: a.example.com}]
    ---
    apiVersion: networking.k8s.io/v1beta1
    kind: Ingress
    metadata: {name: backend-only}
    spec:
      backend: {serviceName: web, servicePort: 80}
  `);
  assert.equal(positions(findings), [
    [ID, 5, 3],
    [ID, 11, 1],
  ]);
});

test('invalid: hosts no tls entry covers, each at its host key', () => {
  const findings = lintOne(ID, yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: partial}
    spec:
      tls:
        - hosts: [www.example.com, "*.example.com"]
          secretName: example-tls
      rules:
        - host: www.example.com
        - host: example.com
        - host: deep.api.example.com
        - host: api.example.org
  `);
  assert.equal(positions(findings), [
    [ID, 10, 7],
    [ID, 11, 7],
    [ID, 12, 7],
  ]);
  assert.match(findings[0].message, /Ingress "partial" routes host "example\.com", which no tls entry covers/);
});

test.run();
