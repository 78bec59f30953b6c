import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const newest = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    securityContext:
      sysctls:
        - {name: kernel.shm_rmid_forced, value: "1"}
        - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
        - {name: net.ipv4.tcp_syncookies, value: "1"}
        - {name: net.ipv4.ping_group_range, value: "0 2147483647"}
        - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}
        - {name: net.ipv4.ip_local_reserved_ports, value: "30000"}
        - {name: net.ipv4.tcp_keepalive_time, value: "600"}
        - {name: net.ipv4.tcp_fin_timeout, value: "30"}
        - {name: net.ipv4.tcp_keepalive_intvl, value: "60"}
        - {name: net.ipv4.tcp_keepalive_probes, value: "5"}
        - {name: net.ipv4.tcp_rmem, value: "4096 87380 16777216"}
        - {name: net.ipv4.tcp_wmem, value: "4096 65536 16777216"}
        - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
        - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}
    containers:
      - name: a
        image: nginx:1.25
`;

test('valid: the whole safe set at the newest version (1.37)', () => {
  assert.equal(lintOne('unsafe-sysctls', newest), []);
  assert.equal(lintOne('unsafe-sysctls', newest, undefined, { kubernetesVersion: '1.37' }), []);
});

test('valid: no sysctls, an empty list, malformed input', () => {
  assert.equal(
    lintOne('unsafe-sysctls', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          sysctls: []
        containers:
          - name: a
            image: nginx:1.25
    `),
    [],
  );
  assert.equal(
    lintOne('unsafe-sysctls', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          sysctls: {name: kernel.msgmax}
        containers:
          - name: a
            image: nginx:1.25
    `),
    [],
  );
});

test('invalid: the safe set is version-gated (1.27, 1.29, 1.32, 1.37)', () => {
  const at = (version: string) => lintOne('unsafe-sysctls', newest, undefined, { kubernetesVersion: version }).map((finding) => finding.line);
  assert.equal(at('1.36'), [19, 20]);
  assert.equal(at('1.32'), [19, 20]);
  assert.equal(at('1.31'), [17, 18, 19, 20]);
  assert.equal(at('1.28'), [13, 14, 15, 16, 17, 18, 19, 20]);
  assert.equal(at('1.26'), [12, 13, 14, 15, 16, 17, 18, 19, 20]);
  const [first] = lintOne('unsafe-sysctls', newest, undefined, { kubernetesVersion: '1.36' });
  assert.match(first.message, 'sysctl "net.ipv4.tcp_slow_start_after_idle", which is not in the PSS safe set for Kubernetes 1.36');
});

test('invalid: unsafe names (exact match: no slash form), a missing name, in a Deployment', () => {
  const findings = lintOne('unsafe-sysctls', yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          securityContext:
            sysctls:
              - name: kernel.msgmax
                value: "65536"
              - name: net/ipv4/tcp_syncookies
                value: "1"
              - value: "1"
              - name: net.core.somaxconn
                value: "1024"
          containers:
            - name: a
              image: nginx:1.25
  `);
  assert.equal(positions(findings), [
    ['unsafe-sysctls', 9, 13],
    ['unsafe-sysctls', 11, 13],
    ['unsafe-sysctls', 13, 13],
    ['unsafe-sysctls', 14, 13],
  ]);
  assert.match(findings[0].message, '"kernel.msgmax"');
  assert.is(findings[1].path, 'spec.template.spec.securityContext.sysctls[1].name');
  assert.match(findings[2].message, 'sysctl ""');
});

test.run();
