import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, lintWith, positions, yaml } from '../helpers';

const rule = 'allowed-sysctls';

// The list the aks preset sets (the Deployment Safeguards initiative's default).
const withAksPreset = (source: string) => lintWith(source, { preset: 'aks' }).filter((finding) => finding.ruleId === rule);

const pod = (sysctls: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    securityContext:
      sysctls: ${sysctls}
    containers: [{name: a, image: app:1.0}]
`;

test('valid: every sysctl of the initiative default list under the aks preset; no sysctls', () => {
  const all = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
  assert.equal(withAksPreset(pod(`[${all.map((name) => `{name: ${name}, value: "1"}`).join(', ')}]`)), []);
  assert.equal(withAksPreset(pod('[]')), []);
});

test('valid: silent until allowedSysctls is configured (unsafe-sysctls covers the PSS safe set)', () => {
  assert.equal(lintOne(rule, pod('[{name: vm.max_map_count, value: "262144"}]')), []);
});

test('valid: configured names, patterns ending in *, and * for all', () => {
  assert.equal(lintOne(rule, pod('[{name: net.core.somaxconn, value: "1024"}, {name: kernel.msgmax, value: "1"}]'), { allowedSysctls: ['net.core.*', 'kernel.msgmax'] }), []);
  assert.equal(lintOne(rule, pod('[{name: vm.swappiness, value: "1"}]'), { allowedSysctls: ['*'] }), []);
});

test('invalid: under the aks preset, a sysctl outside the list (even one the newest PSS safe set has), at its name', () => {
  const findings = withAksPreset(pod('[{name: kernel.shm_rmid_forced, value: "1"}, {name: net.ipv4.tcp_rmem, value: "4096 87380 16777216"}]'));
  assert.equal(positions(findings), [[rule, 6, 60]]);
  assert.is(findings[0].message, 'The pod sets sysctl "net.ipv4.tcp_rmem", which is not on the allowed list (10 sysctls, see allowedSysctls): remove it, set it on the node pool (custom node configuration), or add it to allowedSysctls.');
});

test('invalid: a pattern is a prefix match, not a glob; an empty list allows nothing', () => {
  const findings = lintOne(rule, pod('[{name: net.ipv4.tcp_rmem, value: "1"}]'), { allowedSysctls: ['net.core.*'] });
  assert.equal(positions(findings), [[rule, 6, 16]]);
  assert.match(findings[0].message, /allowed list \(net\.core\.\*\)/);
  assert.equal(positions(lintOne(rule, pod('[{name: kernel.shm_rmid_forced, value: "1"}]'), { allowedSysctls: [] })), [[rule, 6, 16]]);
});

test('invalid: a Deployment template, block style', () => {
  const findings = withAksPreset(yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          securityContext:
            sysctls:
              - name: vm.max_map_count
                value: "262144"
          containers: [{name: web, image: app:1.0}]
  `);
  assert.equal(positions(findings), [[rule, 11, 13]]);
});

test('valid: malformed sysctls and options do not crash', () => {
  assert.equal(lintOne(rule, pod('{name: vm.swappiness}'), { allowedSysctls: [] }), []);
  // A list that is not all strings is a config-error before the rule runs.
  assert.throws(() => lintOne(rule, pod('[{name: vm.swappiness, value: "1"}]'), { allowedSysctls: [7, '*'] }), /expected a list of strings/);
});

test.run();
