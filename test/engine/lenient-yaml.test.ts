// YAML that kubectl and kustomize (go-yaml) accept is linted, with positions in the text as written: quoted scalars and
// flow collections continued at the parent key's indentation, lone CR line ends; one parse-error per document at most.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { originalOffset, reindentContinuations } from '../../src/sources/lenient-yaml';
import { parseManifest } from '../../src/sources/yaml-loader';
import { yaml } from '../helpers';

type Row = [string, number, number, number, number];

function lint(text: string, rules: Record<string, unknown> = { 'no-privileged': 'error' }): Row[] {
  return lintText([{ file: 'test.yaml', text }], { rules }).findings.map((finding) => [finding.ruleId, finding.line, finding.column, finding.endLine, finding.endColumn]);
}

// Argo's examples: a double-quoted argument opened in a flow sequence, closed at the key's column.
const argoArgs = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: p
  spec:
    containers:
    - name: a
      image: alpine:3.20
      args: ["
        echo hello
      ", "--x", {privileged: true}]
      securityContext: {privileged: true}
    - name: b
      image: alpine:3.20
      securityContext:
        privileged: true
`;

test('a double-quoted scalar in a flow sequence closed at the parent key indentation: linted, findings inside and after it exact', () => {
  assert.equal(lint(argoArgs), [
    ['no-privileged', 12, 23, 12, 33],
    ['no-privileged', 16, 7, 16, 17],
  ]);
  const parsed = parseManifest('test.yaml', argoArgs);
  assert.equal(parsed.problems, []);
  const [container] = (parsed.documents[0].objects[0].object.spec as { containers: Array<{ args: unknown[] }> }).containers;
  // go-yaml folds the lines the same way: leading spaces of continuation lines are not content.
  assert.equal(container.args, [' echo hello ', '--x', { privileged: true }]);
  assert.equal(parsed.documents[0].lenientAt !== undefined, true);
  assert.equal(parsed.lineCounter.linePos(parsed.documents[0].lenientAt!).line, 11, "the closing line at the key's column");
});

test("controller-gen's single-quoted description continued at the key's column, inside a CRD, and the next keys", () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      annotations:
        description: 'Hello
          world,
        it''s here'
        other: x
    spec:
      containers:
      - name: a
        image: nginx:1.27
        securityContext:
          privileged: true
  `;
  assert.equal(lint(text), [['no-privileged', 15, 7, 15, 17]]);
  const parsed = parseManifest('test.yaml', text);
  assert.equal(parsed.documents[0].objects[0].object.metadata?.annotations, { description: "Hello world, it's here", other: 'x' });
  // The exact position of a key after the scalar: the annotation `other`.
  const range = parsed.documents[0].document.getIn(['metadata', 'annotations'], true) as { items: Array<{ key: { range: number[] } }> };
  assert.equal(parsed.lineCounter.linePos(range.items[1].key.range[0]), { line: 9, col: 5 });
});

test('a document that the leniency does not fix keeps its one parse-error, with the original position', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n   bad: indentation\n  x: "a\n  b" c\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: "q\n}\n';
  const rows = lint(text);
  assert.equal(rows.map((row) => row.slice(0, 2)), [['parse-error', 4], ['parse-error', 13]], 'one parse-error per document');
});

test('quotes and brackets inside block scalars and comments are not syntax', () => {
  const text = 'a: |\n  say "hi\nb: c # it\'s [\nd: "e\nf"\n';
  const reindented = reindentContinuations(text)!;
  assert.equal(reindented.text, 'a: |\n  say "hi\nb: c # it\'s [\nd: "e\n f"\n');
  assert.equal(reindented.insertions, [{ offset: text.indexOf('f"'), count: 1 }]);
  assert.equal(originalOffset(reindented.insertions, reindented.text.indexOf('f"')), text.indexOf('f"'));
  assert.equal(originalOffset(reindented.insertions, reindented.text.indexOf('f"') - 1), text.indexOf('f"'), 'an added space maps to its line start');
  assert.equal(reindentContinuations('a: "one line"\nb: [x, y]\n'), undefined);
});

test('lone CR line ends are line breaks: positions are right, the text is kept as written', () => {
  const lf = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      containers:
      - name: a
        image: nginx:1.27
        securityContext:
          privileged: true
  `;
  const cr = lf.replace(/\n/g, '\r');
  assert.equal(lint(cr), [['no-privileged', 10, 7, 10, 17]]);
  assert.equal(parseManifest('x.yaml', cr).text, cr);
  // Mixed line ends: CR, LF and CRLF in one file.
  const mixed = lf.split('\n').map((line, index) => line + ['\r', '\n', '\r\n'][index % 3]).join('');
  assert.equal(lint(mixed), [['no-privileged', 10, 7, 10, 17]]);
});

test('the stylish code frame of a CR-only file shows the finding line', () => {
  const { loadFormatter } = require('../../src/formatters/index') as typeof import('../../src/formatters/index');
  const text = 'apiVersion: v1\rkind: Pod\rmetadata:\r  name: p\rspec:\r  hostNetwork: true\r  containers: []\r';
  const result = lintText([{ file: 'cr.yaml', text }], { rules: { 'no-host-network': 'error' } });
  assert.equal(result.findings.map((finding) => [finding.line, finding.column]), [[6, 3]]);
  const report = loadFormatter('stylish')!(result, { cwd: '/', color: false, version: '0', rules: new Map(), docsUrl: (id) => id });
  assert.match(report, /6 \|   hostNetwork: true\n/);
});

test('--fix leaves a leniently read file as written and says why', () => {
  const { runCli, tempDir } = require('../helpers') as typeof import('../helpers');
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    args: ["\n      x\n    "]\n    securityContext:\n      runAsNonRoot: true\n';
  const dir = tempDir({ 'pod.yaml': text, 'cr.yaml': text.replace('    args: ["\n      x\n    "]\n', '').replace(/\n/g, '\r') });
  const run = runCli(['--fix', '--no-build', '--rule', 'no-privilege-escalation=error', 'pod.yaml', 'cr.yaml'], { cwd: dir });
  assert.match(run.stderr, /pod\.yaml:11:5: no-privilege-escalation: fix not applied: the file uses YAML that kubectl accepts but the fixer does not edit/);
  assert.match(run.stderr, /cr\.yaml:8:5: no-privilege-escalation: fix not applied: the file uses YAML that kubectl accepts/);
  assert.equal(readFileSync(`${dir}/pod.yaml`, 'utf8'), text);
});

test.run();
