import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintWith, positions, yaml } from '../helpers';

const rule = 'service-target-port-undeclared';

const service = (targetPort: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}
  spec:
    selector: {app: web}
    ports:
      - {name: http, port: 80, targetPort: ${targetPort}}
`;

const deployment = (ports: string, namespace = 'shop') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: ${namespace}}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: app:1.0, ports: ${ports}}]
`;

const lint = (source: string, others: Record<string, string>) => lintWith(source, { rules: { [rule]: 'warning' }, others });

test('valid: a declared name, a number, no selected template in the set, a template without containers', () => {
  assert.equal(lint(service('http'), { 'web.yaml': deployment('[{name: http, containerPort: 8080}]') }), []);
  assert.equal(lint(service('8080'), { 'web.yaml': deployment('[]') }), []);
  assert.equal(lint(service('"8080"'), { 'web.yaml': deployment('[]') }), []);
  assert.equal(lint(service('metrics'), {}), []);
  assert.equal(lint(service('metrics'), { 'web.yaml': deployment('[]', 'other') }), []);
  const patch = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      template:
        metadata: {labels: {app: web}}
        spec: {hostNetwork: false}
  `;
  assert.equal(lint(service('metrics'), { 'patch.yaml': patch }), []);
});

test('invalid: a port name no container of the selected pod template declares, at targetPort', () => {
  const findings = lint(service('web-http'), { 'web.yaml': deployment('[{name: http, containerPort: 8080}]') });
  assert.equal(positions(findings), [[rule, 7, 30]]);
  assert.is(
    findings[0].message,
    'Service "web" targets port "web-http", which no container of its pod template (Deployment "web") declares: the port gets no endpoints; name the container port "web-http" or use a declared name.',
  );
});

test('valid: placeholders a script fills in (PORT, ${GRPC_PORT:-9002}) are not port names', () => {
  assert.equal(lint(service('PORT'), { 'web.yaml': deployment('[{name: http, containerPort: 8080}]') }), []);
  assert.equal(lint(service('"${GRPC_PORT:-9002}"'), { 'web.yaml': deployment('[{name: http, containerPort: 8080}]') }), []);
});

test.run();
