// examples/insecure triggers every rule; examples/secure triggers none (RULES.md, issue: foundation).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { lintText } from '../src/api';
import { rules } from '../src/rules';

const root = resolve(__dirname, '..');

function readFolder(folder: string) {
  const dir = join(root, 'examples', folder);
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => ({ file: `examples/${folder}/${name}`, text: readFileSync(join(dir, name), 'utf8') }));
}

function lintFolder(folder: string) {
  const inputs = readFolder(folder);
  // strict turns on every rule; allowed-registries and allowed-sysctls need their lists to say anything.
  return lintText(inputs, {
    preset: 'strict',
    rules: {
      'allowed-registries': ['error', { registries: ['myregistry.azurecr.io/**', 'mcr.microsoft.com/**'] }],
      'allowed-sysctls': ['error', { allowedSysctls: ['net.ipv4.ip_local_port_range'] }],
    },
  });
}

test('examples/insecure triggers every rule', () => {
  const fired = new Set(lintFolder('insecure').findings.map((finding) => finding.ruleId));
  const missing = rules.map((rule) => rule.meta.id).filter((id) => !fired.has(id));
  assert.equal(missing, []);
  assert.not.ok(fired.has('parse-error'));
});

test('examples/insecure triggers every rule of the aks preset under --preset aks', () => {
  const aks = Object.keys(parse(readFileSync(join(root, 'rulesets', 'aks.yaml'), 'utf8')).rules);
  const fired = new Set(lintText(readFolder('insecure'), { preset: 'aks' }).findings.map((finding) => finding.ruleId));
  assert.equal(aks.filter((id) => !fired.has(id)), []);
});

test('examples/secure triggers no rule at all', () => {
  const findings = lintFolder('secure').findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}: ${finding.message}`);
  assert.equal(findings, []);
});

test.run();
