// Inline suppression comments and ignore annotations, as RULES.md fixes them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { yaml } from '../helpers';

function run(text: string, rules: Record<string, unknown> = { 'no-privileged': 'error', 'no-host-network': 'error' }) {
  const result = lintText([{ file: 'test.yaml', text }], { rules });
  return { rows: result.findings.map((finding) => [finding.ruleId, finding.line, finding.column]), summary: result.summary, findings: result.findings };
}

// `privileged: true` is line 9, column 7; a `before` line comes in at line 3 and a `comment` at line 9.
const pod = (before = '', comment = '') =>
  ['apiVersion: v1', 'kind: Pod', ...(before ? [before] : []), 'metadata:', '  name: p', 'spec:', '  containers:', '  - name: a', '    securityContext:', ...(comment ? [`      ${comment}`] : []), '      privileged: true', ''].join('\n');

test('disable-next-line with a reason silences that line only', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          securityContext:
            # kubeguard-disable-next-line no-privileged -- the CNI agent needs it
            privileged: true
        - name: b
          securityContext:
            privileged: true
  `;
  const { rows, summary } = run(text);
  assert.equal(rows, [['no-privileged', 12, 9]]);
  assert.equal(summary.suppressed, 1);
});

test('disable-next-line skips stacked comments and takes several ids', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      # kubeguard-disable-next-line no-host-network -- node agent
      # (reviewed by platform team)
      hostNetwork: true
      containers:
        - name: a
          securityContext: {privileged: true}
  `;
  const { rows } = run(text);
  assert.equal(rows, [['no-privileged', 10, 25]]);
  const both = run(text.replace('no-host-network --', 'no-host-network, no-privileged --')).rows;
  assert.equal(both, [['unused-suppression', 5, 3], ['no-privileged', 10, 25]], 'no-privileged is not on the next line');
});

test('disable covers the rest of the document, not the next one', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    # kubeguard-disable no-privileged -- legacy workload, tracked in JIRA-1
    spec:
      containers:
        - name: a
          securityContext: {privileged: true}
        - name: b
          securityContext: {privileged: true}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: q}
    spec:
      containers:
        - name: a
          securityContext: {privileged: true}
  `;
  const { rows, summary } = run(text);
  assert.equal(rows, [['no-privileged', 18, 25]]);
  assert.equal(summary.suppressed, 2);
});

test('a suppression without a reason has no effect and is reported', () => {
  const { rows, findings } = run(pod('', '# kubeguard-disable-next-line no-privileged'));
  assert.equal(rows, [
    ['invalid-suppression', 9, 7],
    ['no-privileged', 10, 7],
  ]);
  assert.match(findings[0].message, /needs a reason/);
  assert.equal(findings[0].severity, 'warning');
});

test('an unused suppression is reported as a warning', () => {
  const { rows, findings } = run(pod('# kubeguard-disable-next-line no-host-network -- not needed any more'));
  assert.equal(rows, [
    ['unused-suppression', 3, 1],
    ['no-privileged', 10, 7],
  ]);
  assert.equal(findings[0].severity, 'warning');
});

test('a suppression for a rule that is switched off is not reported as unused', () => {
  assert.equal(run(pod('# kubeguard-disable-next-line no-host-pid -- only under the strict preset')).rows, [['no-privileged', 10, 7]]);
});

test('an unknown rule id or directive is reported', () => {
  const { rows, findings } = run(pod('# kubeguard-disable-next-line no-priviliged -- typo\n# kubeguard-disable-line no-privileged -- wrong directive'));
  assert.equal(rows.slice(0, 2), [
    ['invalid-suppression', 3, 1],
    ['invalid-suppression', 4, 1],
  ]);
  assert.match(findings[0].message, /unknown rule "no-priviliged"/);
  assert.match(findings[1].message, /Unknown directive kubeguard-disable-line/);
});

test('the ignore.kubeguard.dev/<id> annotation with a reason silences the rule for the object', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      annotations:
        ignore.kubeguard.dev/no-privileged: "GPU driver installer, reviewed"
    spec:
      hostNetwork: true
      containers:
        - name: a
          securityContext: {privileged: true}
  `;
  const { rows, summary } = run(text);
  assert.equal(rows, [['no-host-network', 8, 3]]);
  assert.equal(summary.suppressed, 1);
  assert.equal(run(text.replace('"GPU driver installer, reviewed"', '""')).rows.length, 2, 'an empty reason does not suppress');
});

test('a directive inside a string value is not a directive', () => {
  const text = pod().replace('  name: p', '  name: p\n  annotations:\n    note: "see # kubeguard-disable-next-line no-privileged -- x"');
  assert.equal(run(text).rows.map((row) => row[0]), ['no-privileged']);
});

test.run();
