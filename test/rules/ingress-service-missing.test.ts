import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintWith, positions, yaml } from '../helpers';

const rule = 'ingress-service-missing';

const ingress = (namespace: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: shop${namespace ? `, namespace: ${namespace}` : ''}}
  spec:
    defaultBackend: {service: {name: web, port: {number: 80}}}
    rules:
      - http:
          paths:
            - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
            - {path: /old, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}
`;

const services = (namespace: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web${namespace ? `, namespace: ${namespace}` : ''}}
  spec:
    selector: {app: web}
    ports: [{name: http, port: 80, targetPort: 8080}]
`;

const lint = (source: string, others: Record<string, string>, file = 'test.yaml') => lintWith(source, { rules: { [rule]: 'warning' }, others, file });

test('valid: no Service of the namespace in the set; every backend and port found', () => {
  assert.equal(lint(ingress('shop'), {}), []);
  assert.equal(lint(ingress('shop'), { 'other.yaml': services('elsewhere') }), []);
  const all = `${services('shop')}---\n${services('shop').replace('name: web', 'name: api')}`.replace('port: 80,', 'port: 80, ').replace(/\n$/, '');
  const complete = lint(ingress('shop').replace('number: 8080', 'number: 80'), { 'svc.yaml': all });
  assert.equal(complete, []);
});

test('invalid: a backend Service missing while the namespace has others, and a port the Service lacks', () => {
  const findings = lint(ingress('shop'), { 'svc.yaml': services('shop') });
  assert.equal(positions(findings), [[rule, 9, 64], [rule, 10, 82]]);
  assert.is(findings[0].message, 'Ingress "shop" routes to Service "api", which is not in the lint set while this namespace\'s other Services are: check the name (or add the Service).');
  assert.is(findings[1].message, 'Ingress "shop" routes to port 8080 of Service "web", which has no such port: use one of the Service\'s ports.');
});

test('without metadata.namespace only Services of the same directory count (a folder of unrelated examples)', () => {
  assert.equal(lint(ingress(''), { 'other/svc.yaml': services('') }, 'app/ingress.yaml'), []);
  assert.equal(positions(lint(ingress(''), { 'app/svc.yaml': services('') }, 'app/ingress.yaml')), [[rule, 9, 64], [rule, 10, 82]]);
});

test('extensions/v1beta1 backends (serviceName, servicePort)', () => {
  const legacy = yaml`
    apiVersion: extensions/v1beta1
    kind: Ingress
    metadata: {name: old, namespace: shop}
    spec:
      backend: {serviceName: gone, servicePort: 80}
  `;
  assert.equal(positions(lint(legacy, { 'svc.yaml': services('shop') })), [[rule, 5, 13]]);
});

test('valid: an AWS Load Balancer Controller action (port use-annotation) names an annotation, not a Service', () => {
  const alb = yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: alb
      namespace: shop
      annotations: {alb.ingress.kubernetes.io/actions.canary: '{"type":"forward"}'}
    spec:
      rules:
        - http:
            paths:
              - {path: /, pathType: Prefix, backend: {service: {name: canary, port: {name: use-annotation}}}}
              - {path: /web, pathType: Prefix, backend: {service: {name: web, port: {name: use-annotation}}}}
  `;
  assert.equal(lint(alb, { 'svc.yaml': services('shop') }), []);
});

test('valid: placeholder Service names and ports are filled in later', () => {
  const templated = yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: t, namespace: shop}
    spec:
      defaultBackend: {service: {name: "\${SERVICE_NAME}", port: {number: 80}}}
      rules:
        - http:
            paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: PORT_NAME}}}}
  `;
  assert.equal(lint(templated, { 'svc.yaml': services('shop') }), []);
});

test.run();
