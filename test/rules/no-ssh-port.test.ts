import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'no-ssh-port';

const pod = (ports: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: app}
  spec:
    containers:
      - name: app
        image: app:1.0
        ports: ${ports}
`;

test('valid: other ports, UDP 22, malformed ports', () => {
  assert.equal(lintOne(rule, pod('[{containerPort: 8080}, {containerPort: 2222}]')), []);
  assert.equal(lintOne(rule, pod('[{containerPort: 22, protocol: UDP}]')), []);
  assert.equal(lintOne(rule, pod('[{containerPort: "22"}]')), []);
  assert.equal(lintOne(rule, pod('{containerPort: 22}')), []);
});

test('invalid: containerPort 22, at the containerPort', () => {
  const findings = lintOne(rule, pod('[{name: http, containerPort: 80}, {name: ssh, containerPort: 22, protocol: TCP}]'));
  assert.equal(positions(findings), [[rule, 8, 60]]);
  assert.match(findings[0].message, 'Container "app" exposes port 22 (SSH)');
});

test.run();
