// One problem, one finding: a rule's `supersedes` hides the other rules' findings at the same path of one object,
// except in presets that mirror a standard (pss-*, aks: oneFindingPerProblem: false).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintParsed, lintText, ruleMap } from '../../src/api';
import { resolveConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import { DEFAULT_LIMITS, parseManifest } from '../../src/sources/yaml-loader';
import { rules } from '../../src/rules';
import { lintWith, positions, yaml } from '../helpers';

const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
      - name: a
        image: nginx
        securityContext:
          capabilities:
            add: [SYS_ADMIN, NET_RAW]
`;

const ids = (findings: ReturnType<typeof lintWith>, line: number) =>
  findings.filter((finding) => finding.line === line).map((finding) => finding.ruleId).sort();

test('recommended: capabilities-baseline speaks for no-dangerous-capabilities and drop-all-capabilities on SYS_ADMIN', () => {
  const findings = lintWith(pod, { preset: 'recommended' });
  assert.equal(ids(findings, 10), ['capabilities-baseline', 'capabilities-baseline']);
  // The missing drop: [ALL] is another problem at another path: it stays.
  assert.ok(findings.some((finding) => finding.ruleId === 'drop-all-capabilities' && finding.path?.endsWith('capabilities.drop')));
});

test('no-dangerous-capabilities speaks for drop-all-capabilities when capabilities-baseline is off', () => {
  const findings = lintWith(pod, { rules: { 'no-dangerous-capabilities': 'error', 'drop-all-capabilities': 'warning' } });
  assert.equal(ids(findings, 10), ['no-dangerous-capabilities', 'no-dangerous-capabilities']);
});

test('recommended: no-latest-tag speaks for image-digest on an untagged image; a tagged one keeps image-digest', () => {
  const findings = lintWith(pod, { preset: 'recommended' });
  assert.equal(ids(findings, 7), ['no-latest-tag']);
  const tagged = lintWith(pod.replace('image: nginx', 'image: nginx:1.25'), { preset: 'recommended' });
  assert.equal(positions(tagged.filter((finding) => finding.line === 7)), [['image-digest', 7, 7]]);
});

test('image-digest alone on an untagged image does not say "by tag"', () => {
  const [finding] = lintWith(pod, { rules: { 'image-digest': 'info' } });
  assert.is(finding.message, 'Container "a" uses image "nginx" without a tag or digest: pin it as "nginx:<tag>@sha256:…".');
});

test('pss-restricted and aks keep their own ids (oneFindingPerProblem: false)', () => {
  assert.equal(ids(lintWith(pod, { preset: 'pss-restricted' }), 10), ['drop-all-capabilities', 'drop-all-capabilities']);
  assert.equal(ids(lintWith(pod, { preset: 'aks' }), 10), [
    'capabilities-baseline', 'capabilities-baseline', 'drop-all-capabilities', 'drop-all-capabilities',
    'no-dangerous-capabilities', 'no-dangerous-capabilities',
  ]);
});

test('a config file can switch it off: oneFindingPerProblem is a boolean', () => {
  const config = resolveConfig(validateConfig('kubeguard.yaml', { extends: ['recommended'], oneFindingPerProblem: false }, ruleMap), ruleMap, { cwd: '/' });
  assert.is(config.oneFindingPerProblem, false);
  const parsed = [parseManifest('p.yaml', pod, DEFAULT_LIMITS)];
  assert.equal(ids(lintParsed(parsed, config, '/').findings, 7), ['image-digest', 'no-latest-tag']);
  assert.throws(() => validateConfig('kubeguard.yaml', { oneFindingPerProblem: 'no' }, ruleMap), /oneFindingPerProblem.*expected true or false/);
});

test('a suppressed winner still speaks for the others', () => {
  const all = lintText([{ file: 'p.yaml', text: pod }], { rules: { 'no-latest-tag': 'error', 'image-digest': 'info' } });
  assert.equal(all.findings.map((finding) => finding.ruleId), ['no-latest-tag']);
  const suppressed = pod.replace('      image: nginx', '      # kubeguard-disable-next-line no-latest-tag -- pinned by the registry mirror\n      image: nginx');
  const result = lintText([{ file: 'p.yaml', text: suppressed }], { rules: { 'no-latest-tag': 'error', 'image-digest': 'info' } });
  assert.equal(result.findings, []);
  assert.is(result.summary.suppressed, 1);
});

test('every supersedes entry names a rule, and no rule supersedes one that supersedes it', () => {
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  for (const rule of rules) {
    for (const loser of rule.meta.supersedes ?? []) {
      assert.ok(byId.has(loser), `${rule.meta.id} supersedes unknown ${loser}`);
      assert.not.ok(byId.get(loser)!.meta.supersedes?.includes(rule.meta.id), `${rule.meta.id} <-> ${loser}`);
    }
  }
});

test('a hidden finding hands its fix to the finding that speaks for it: the missing drop: [ALL] is still fixed', () => {
  const bare = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
          securityContext: {allowPrivilegeEscalation: false}
  `;
  const findings = lintWith(bare, { rules: { 'no-dangerous-capabilities': 'error', 'drop-all-capabilities': 'warning' } });
  assert.equal(positions(findings), [['no-dangerous-capabilities', 8, 7]]);
  assert.equal(findings[0].fix?.map((operation) => operation.path.join('.')), ['spec.containers.0.securityContext.capabilities.drop']);
});

test.run();
