// Resource files of builds, read only as far as origins need (src/sources/kustomize/sources.ts): the scan of top-level
// keys that tells documents apart must find what a parse of the whole file finds, at the same lines and columns.
import { LineCounter, parseAllDocuments } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../src/engine/types';
import { identify, SourceFile, splitDocuments } from '../../src/sources/kustomize/sources';
import { positionIn } from '../../src/sources/origin';

const MIXED = [
  '# a comment before the first document',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop # a comment after a value',
  '  labels:',
  '    name: not-the-name',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: nginx',
  '--- # a comment on the marker line',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  ports: [{port: 80}]',
  '---',
  'apiVersion: v1',
  'kind: ConfigMapList',
  'items:',
  '  - apiVersion: v1',
  '    kind: ConfigMap',
  '    metadata:',
  '      name: listed',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: "quoted"',
  'data:',
  '  key: |',
  '    kind: Secret',
  '    metadata:',
  '      name: inside-a-block-scalar',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: 0123',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: &meta',
  '  name: anchored',
  '---',
  '# only a comment',
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: multi',
  '    line',
  '',
].join('\n');

/** Every object of a whole-file parse, with the position of a path inside it. */
function parsedWhole(text: string) {
  const lineCounter = new LineCounter();
  const file = { text, lineCounter };
  const found: Array<{ object: KubeObject; at: { line: number; column: number } }> = [];
  for (const document of parseAllDocuments(text, { version: '1.1', merge: true, lineCounter })) {
    if (document.errors.length) continue;
    const value = document.toJS() as KubeObject & { items?: KubeObject[] };
    if (!value || typeof value.kind !== 'string') continue;
    if (value.kind.endsWith('List')) value.items!.forEach((item, index) => found.push({ object: item, at: positionIn(file, document, ['items', index, 'metadata']) }));
    else found.push({ object: value, at: positionIn(file, document, ['metadata']) });
  }
  return found;
}

test('every object of a file is found as a whole-file parse finds it, at the same line and column', () => {
  const source = new SourceFile('mixed.yaml', MIXED);
  const whole = parsedWhole(MIXED);
  assert.equal(whole.length, 7);
  for (const { object, at } of whole) {
    const entry = source.find(object);
    assert.ok(entry, `found ${object.kind} ${String(object.metadata?.name)}`);
    assert.equal(entry!.object, object);
    assert.equal(positionIn(source, entry!.document.document, [...entry!.prefix, 'metadata']), at);
  }
});

test('a built name that a namePrefix or nameSuffix extends finds the source object, the longest name first', () => {
  const text = ['kind: Deployment', 'metadata:', '  name: web', '---', 'kind: Deployment', 'metadata:', '  name: web-api', ''].join('\n');
  const source = new SourceFile('prefixed.yaml', text);
  assert.equal(source.find({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prod-web-api-v2' } })?.object.metadata?.name, 'web-api');
  assert.equal(source.find({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prod-web' } })?.object.metadata?.name, 'web');
  assert.ok(source.mayDefine({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prod-web' } }));
  assert.not.ok(source.mayDefine({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }));
  assert.equal(source.find({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }), undefined);
});

test('the scan trusts only the block layout it knows; anything else is parsed', () => {
  const scan = (lines: string[]) => {
    const text = lines.join('\n');
    return identify(text, 0, text.length);
  };
  assert.equal(scan(['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  namespace: "ns"']), { kind: 'Pod', name: 'p', namespace: 'ns' });
  assert.equal(scan(['---', 'kind: Pod # comment', 'metadata:', '  labels:', '    name: x', '  name: p']), { kind: 'Pod', name: 'p', namespace: undefined });
  assert.equal(scan(['# nothing but a comment', '']), null);
  assert.equal(scan(['kind: Pod', 'metadata: {name: p}']), undefined); // flow map
  assert.equal(scan(['kind: Pod', 'metadata:', '  name: yes']), undefined); // YAML 1.1 reads a boolean
  assert.equal(scan(['kind: Pod', 'metadata:', '  name: 0123']), undefined); // a number
  assert.equal(scan(['kind: Pod', 'metadata:', '  name: p', '    continued']), undefined); // a multi-line scalar
  assert.equal(scan(['kind: PodList', 'items: []']), undefined); // a List holds its objects in items
  assert.equal(scan(['kind: !!str Pod', 'metadata:', '  name: p']), undefined); // a tag
  assert.equal(scan(['<<: *base', 'kind: Pod']), undefined); // a merge key
  assert.equal(scan(['kind: Pod', 'metadata:', '\tname: p']), undefined); // a tab
});

test('documents are split at marker lines; directives and document-end markers make the file parsed whole', () => {
  const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n';
  assert.equal(splitDocuments(text), [
    [0, 5],
    [5, 14],
    [14, 27],
  ]);
  assert.equal(splitDocuments('%YAML 1.1\n---\na: 1\n'), undefined);
  assert.equal(splitDocuments('a: 1\n...\n---\nb: 2\n'), undefined);
  assert.equal(splitDocuments('a: "---"\n----: 1\n'), [[0, 17]]);
});

test('a document with YAML errors is passed over for the next candidate', () => {
  // The first Secret's document is broken (a duplicate key): the name is found in the next document.
  const broken = ['kind: Secret', 'metadata:', '  name: s', 'data: 1', 'data: 2', '---', 'kind: Secret', 'metadata:', '  name: s-other', ''].join('\n');
  assert.equal(new SourceFile('broken.yaml', broken).find({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } })?.object.metadata?.name, 's-other');
});

test('a line of a quoted value at the column of metadata\'s keys is not taken for the name: the parse decides', () => {
  const text = ['kind: Secret', 'metadata:', '  annotations:', '    note: "a note', '  name: fake"', '  name: real', ''].join('\n');
  const entry = new SourceFile('quoted.yaml', text).find({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'real' } });
  assert.equal(entry?.object.metadata, { annotations: { note: 'a note name: fake' }, name: 'real' });
});

test('a resource that only go-yaml accepts (a quoted scalar continuing at its key\'s column) is found, at its own lines', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: argo-step',
    'spec:',
    '  containers:',
    '    - name: main',
    '      args: ["',
    '      echo one',
    '      "]',
    '      securityContext:',
    '        privileged: true',
    '',
  ].join('\n');
  const source = new SourceFile('argo.yaml', text);
  const entry = source.find({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'argo-step' } });
  assert.ok(entry);
  assert.equal(positionIn(source, entry!.document.document, ['spec', 'containers', 0, 'securityContext', 'privileged']), { line: 12, column: 9 });
});

test('lone CR line ends and a byte-order mark: lines and columns as the file shows them', () => {
  const text = '\ufeffkind: Pod\rmetadata:\r  name: p\rspec:\r  hostPID: true\r';
  const source = new SourceFile('cr.yaml', text);
  const entry = source.find({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
  assert.ok(entry);
  assert.equal(positionIn(source, entry!.document.document, ['spec', 'hostPID']), { line: 5, column: 3 });
});

test.run();
