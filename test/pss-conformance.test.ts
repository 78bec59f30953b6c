// Conformance with the upstream pod-security-admission fixtures (corpus/pss, policy v1.37): for every fixture and
// both levels, the PSS rules that fire through the pss-baseline / pss-restricted presets must be exactly the rules
// mapped (RULES.md) from the checks upstream fails, each finding must point at the line of its key, and the same pod
// wrapped in a Deployment must give the same findings under spec.template.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import type { Finding } from '../src/engine/types';
import { lintWith } from './helpers';

const CORPUS = path.resolve(__dirname, '../../shared/corpus/pss');
const LEVELS = ['baseline', 'restricted'] as const;
type Level = (typeof LEVELS)[number];

interface Expectation {
  file: string;
  level: Level;
  expect: 'pass' | 'fail';
  check: string | null;
  failing_checks: Record<Level, string[]>;
}

/** RULES.md "PSS check → rule"; hostNamespaces is resolved per fixture from the fields it sets. */
const CHECK_TO_RULE: Record<string, string> = {
  privileged: 'no-privileged',
  hostPathVolumes: 'no-host-path',
  hostPorts: 'no-host-ports',
  hostProbesAndHostLifecycle: 'no-host-probes',
  capabilities_baseline: 'capabilities-baseline',
  procMount: 'proc-mount-default',
  procMount_restricted: 'proc-mount-default',
  appArmorProfile: 'apparmor-not-unconfined',
  seLinuxOptions: 'selinux-options',
  seccompProfile_baseline: 'seccomp-profile',
  seccompProfile_restricted: 'seccomp-profile',
  sysctls: 'unsafe-sysctls',
  windowsHostProcess: 'no-windows-host-process',
  restrictedVolumes: 'restricted-volume-types',
  allowPrivilegeEscalation: 'no-privilege-escalation',
  runAsNonRoot: 'run-as-non-root',
  runAsUser: 'run-as-non-root',
  capabilities_restricted: 'drop-all-capabilities',
};
const HOST_NAMESPACE_RULES: Record<string, string> = { hostNetwork: 'no-host-network', hostPID: 'no-host-pid', hostIPC: 'no-host-ipc' };
const PSS_RULES = new Set([...Object.values(CHECK_TO_RULE), ...Object.values(HOST_NAMESPACE_RULES)]);

const expectations: Expectation[] = JSON.parse(readFileSync(path.join(CORPUS, 'expectations.json'), 'utf8'));

function expectedRules(pod: any, checks: readonly string[]): string[] {
  const rules = new Set<string>();
  for (const check of checks) {
    if (check === 'hostNamespaces') {
      for (const [field, rule] of Object.entries(HOST_NAMESPACE_RULES)) if (pod.spec?.[field] === true) rules.add(rule);
    } else {
      const rule = CHECK_TO_RULE[check];
      if (!rule) throw new Error(`unmapped PSS check ${check}`);
      rules.add(rule);
    }
  }
  return [...rules].sort();
}

function firedRules(findings: Finding[]): string[] {
  return [...new Set(findings.filter((finding) => PSS_RULES.has(finding.ruleId)).map((finding) => finding.ruleId))].sort();
}

/** Parses a JSON-result path (spec.containers[0].securityContext, annotations["a/b"]) back into segments. */
function parsePath(text: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const pattern = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]));
  }
  return segments;
}

/**
 * The text a finding's line must contain: the key of the deepest part of its path that exists (a missing field
 * is shown at its nearest existing parent), or for a sequence item its scalar value or its name / first key.
 */
function expectedText(object: unknown, findingPath: string): string {
  let node: any = object;
  let last: string | number | undefined;
  let lastNode: any;
  for (const segment of parsePath(findingPath)) {
    if (node === null || typeof node !== 'object' || !(segment in node)) break;
    node = node[segment];
    last = segment;
    lastNode = node;
  }
  if (typeof last === 'string') return last;
  if (typeof last === 'number') {
    if (lastNode === null || typeof lastNode !== 'object') return String(lastNode);
    return 'name' in lastNode ? 'name' : Object.keys(lastNode)[0];
  }
  return 'kind';
}

function assertLinesHoldKeys(findings: Finding[], text: string, object: unknown, label: string): void {
  const lines = text.split('\n');
  for (const finding of findings) {
    if (!PSS_RULES.has(finding.ruleId)) continue;
    assert.ok(finding.path, `${label}: ${finding.ruleId} has no path`);
    const key = expectedText(object, finding.path!);
    const line = lines[finding.line - 1] ?? '';
    assert.ok(line.includes(key), `${label}: ${finding.ruleId} at ${finding.line}:${finding.column} (${finding.path}) points at "${line.trim()}", expected "${key}"`);
    assert.is(line.slice(finding.column - 1).startsWith(key) || line.slice(finding.column - 1).startsWith(`- ${key}`), true, `${label}: column of ${finding.ruleId} at "${line}"`);
  }
}

function asDeployment(pod: any): any {
  const labels = { app: pod.metadata.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: pod.metadata.name },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { ...pod.metadata, labels }, spec: pod.spec },
    },
  };
}

/** A pod finding's path, as the same field sits in the Deployment's template. */
function templatePath(podPath: string): string {
  return podPath.startsWith('spec.') ? `spec.template.${podPath}` : podPath.replace(/^metadata/, 'spec.template.metadata');
}

test('the corpus is complete: 148 fixtures, every failing check mapped', () => {
  assert.is(expectations.length, 148);
  for (const entry of expectations) {
    for (const level of LEVELS) for (const check of entry.failing_checks[level]) assert.ok(check === 'hostNamespaces' || CHECK_TO_RULE[check], check);
  }
});

for (const entry of expectations) {
  const text = readFileSync(path.join(CORPUS, entry.file), 'utf8');
  const pod = parse(text);
  for (const level of LEVELS) {
    test(`${entry.file} at ${level}: ${entry.failing_checks[level].join(', ') || 'passes'}`, () => {
      const findings = lintWith(text, { preset: `pss-${level}`, file: 'pod.yaml' });
      const expected = expectedRules(pod, entry.failing_checks[level]);
      assert.equal(firedRules(findings), expected);
      // Upstream's own contract: a level flags its fail fixtures, and restricted also flags every baseline fail fixture.
      if (entry.expect === 'fail' && (entry.level === level || level === 'restricted')) assert.ok(expected.length > 0);
      if (entry.expect === 'pass' && entry.level === level) assert.equal(expected, []);
      assertLinesHoldKeys(findings, text, pod, entry.file);
    });
  }
}

test('every fixture wrapped in a Deployment gives the same findings under spec.template', () => {
  for (const entry of expectations) {
    const text = readFileSync(path.join(CORPUS, entry.file), 'utf8');
    const pod = parse(text);
    const deployment = asDeployment(pod);
    const deploymentText = stringify(deployment);
    for (const level of LEVELS) {
      const onPod = lintWith(text, { preset: `pss-${level}`, file: 'pod.yaml' }).filter((finding) => PSS_RULES.has(finding.ruleId));
      const onDeployment = lintWith(deploymentText, { preset: `pss-${level}`, file: 'deployment.yaml' }).filter((finding) => PSS_RULES.has(finding.ruleId));
      const label = `${entry.file} at ${level}`;
      assert.equal(
        onDeployment.map((finding) => `${finding.ruleId} ${finding.path}`).sort(),
        onPod.map((finding) => `${finding.ruleId} ${templatePath(finding.path!)}`).sort(),
        label,
      );
      assertLinesHoldKeys(onDeployment, deploymentText, deployment, `${label} (Deployment)`);
    }
  }
});

test('a Deployment wrapper keeps the pod-level exemptions (hostUsers: false, Windows) and the AppArmor annotation', () => {
  const wrap = (file: string) => stringify(asDeployment(parse(readFileSync(path.join(CORPUS, file), 'utf8'))));
  assert.equal(firedRules(lintWith(wrap('baseline/pass/procmount1.yaml'), { preset: 'pss-baseline' })), []);
  assert.equal(firedRules(lintWith(wrap('baseline/pass/procmount1.yaml'), { preset: 'pss-restricted' })), [
    'drop-all-capabilities',
    'no-privilege-escalation',
    'proc-mount-default',
    'seccomp-profile',
  ]);
  assert.equal(firedRules(lintWith(wrap('restricted/pass/base_windows.yaml'), { preset: 'pss-restricted' })), []);
  assert.equal(firedRules(lintWith(wrap('baseline/fail/apparmorprofile1.yaml'), { preset: 'pss-baseline' })), ['apparmor-not-unconfined']);
});

test.run();
