import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const hostPathPod = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
      - name: a
        image: nginx:1.25
    volumes:
      - name: config
        configMap: {name: c}
      - name: logs
        hostPath:
          path: /var/log
          type: Directory
      - hostPath: {path: /}
`;

test('valid: volumes without hostPath, a null hostPath, no volumes', () => {
  assert.equal(
    lintOne('no-host-path', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
        volumes:
          - name: data
            persistentVolumeClaim: {claimName: data}
          - name: scratch
          - name: nulled
            hostPath: null
    `),
    [],
  );
});

test('valid: malformed volumes do not crash', () => {
  assert.equal(
    lintOne('no-host-path', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes:
          - just-a-string
          - 42
    `),
    [],
  );
  assert.equal(
    lintOne('no-host-path', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes: {hostPath: {path: /}}
    `),
    [],
  );
});

test('valid: level restricted leaves hostPath to restricted-volume-types', () => {
  assert.equal(lintOne('no-host-path', hostPathPod, { level: 'restricted' }), []);
});

test('invalid: each hostPath volume, at its hostPath key (default level baseline)', () => {
  const findings = lintOne('no-host-path', hostPathPod);
  assert.equal(positions(findings), [
    ['no-host-path', 12, 7],
    ['no-host-path', 15, 7],
  ]);
  assert.match(findings[0].message, 'Volume "logs" mounts the host path "/var/log"');
  assert.match(findings[1].message, 'Volume #3');
  assert.equal(lintOne('no-host-path', hostPathPod, { level: 'baseline' }).length, 2);
});

test('invalid: an empty hostPath map in a DaemonSet', () => {
  const findings = lintOne('no-host-path', yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: agent}
    spec:
      selector: {matchLabels: {app: agent}}
      template:
        metadata: {labels: {app: agent}}
        spec:
          containers:
            - name: agent
              image: agent:1.0
          volumes:
            - name: root
              hostPath: {}
  `);
  assert.equal(positions(findings), [['no-host-path', 14, 11]]);
  assert.match(findings[0].message, 'mounts a host path');
});

test('allowedPaths and readOnlyPaths: prefixes by path segment; read-only ones must be mounted read-only', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: app:1.0
          volumeMounts:
            - {name: logs, mountPath: /logs}
            - {name: data, mountPath: /data}
            - {name: config, mountPath: /config, readOnly: true}
      volumes:
        - name: logs
          hostPath: {path: /var/log/app}
        - name: data
          hostPath: {path: /var/lib/app}
        - name: config
          hostPath: {path: /etc/app}
        - name: lookalike
          hostPath: {path: /var/logs}
  `;
  const findings = lintOne('no-host-path', pod, { allowedPaths: ['/var/lib/app'], readOnlyPaths: ['/var/log', '/etc/app/'] });
  assert.equal(positions(findings), [
    ['no-host-path', 9, 12],
    ['no-host-path', 20, 7],
  ]);
  assert.match(findings[0].message, /mounts the host path "\/var\/log\/app" writable/);
  assert.match(findings[1].message, /"\/var\/logs", outside the allowed host paths \(\/var\/lib\/app, \/var\/log \(read-only\), \/etc\/app\/ \(read-only\)\)/);
});

test.run();
