// fixText: text edits from the yaml AST, verified by re-parsing; byte-exact results for the edge cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixText, type FixRequest } from '../../src/fix/apply';
import { planSet } from '../../src/fix/plan';
import { deepEqual, setIn } from '../../src/fix/values';
import { yaml } from '../helpers';

const set = (path: FixRequest['path'], value: unknown, documentIndex = 0): FixRequest => ({ documentIndex, path, value });

test('inserts a key at the end of a block map, at its indentation, after a trailing comment', () => {
  const source = yaml`
    spec:
      containers:
        - name: a
          image: x   # pinned
          # about b
        - name: b
  `;
  const result = fixText(source, [set(['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], false)]);
  assert.is(
    result.text,
    yaml`
      spec:
        containers:
          - name: a
            image: x   # pinned
            securityContext:
              allowPrivilegeEscalation: false
            # about b
          - name: b
    `,
  );
  assert.equal(result.failed, []);
  assert.is(result.applied.length, 1);
});

test('replaces a scalar in place, keeping its comment; a string keeps its quotes', () => {
  const source = 'a: true  # why\nb: "Unconfined"\nc: \'x\'\n';
  const result = fixText(source, [set(['a'], false), set(['b'], 'RuntimeDefault'), set(['c'], 'y')]);
  assert.is(result.text, 'a: false  # why\nb: "RuntimeDefault"\nc: \'y\'\n');
});

test('a value that already holds is a no-op and counts as applied', () => {
  const source = 'a:\n  b: false\n';
  const result = fixText(source, [set(['a', 'b'], false)]);
  assert.is(result.text, source);
  assert.is(result.applied.length, 1);
});

test('strings YAML 1.1 would misread are quoted', () => {
  const result = fixText('a: {}\n', [set(['a', 'b'], 'yes'), set(['a', 'c'], '0755'), set(['a', 'd'], 'localhost/profile.json')]);
  assert.is(result.text, 'a: {b: "yes", c: "0755", d: localhost/profile.json}\n');
});

test('several fixes under one new parent take one pass each and all land', () => {
  const source = 'c:\n  name: a\n';
  const result = fixText(source, [set(['c', 'sc', 'p'], false), set(['c', 'sc', 'q'], true), set(['c', 'sc', 'r', 'drop'], ['ALL'])]);
  assert.is(result.text, 'c:\n  name: a\n  sc:\n    p: false\n    q: true\n    r:\n      drop:\n        - ALL\n');
  assert.is(result.applied.length, 3);
});

test('identical requests merge; a different value for the same field is refused', () => {
  const source = 'a: {}\n';
  const result = fixText(source, [set(['a', 'b'], 1), set(['a', 'b'], 1), set(['a', 'b'], 2)]);
  assert.is(result.text, 'a: {b: 1}\n');
  assert.is(result.applied.length, 2);
  assert.equal(
    result.failed.map((failure) => failure.reason),
    ['another fix sets the same field to a different value'],
  );
});

test('a path through a sequence item that does not exist is refused', () => {
  const result = fixText('a: []\n', [set(['a', 0, 'b'], true)]);
  assert.is(result.text, 'a: []\n');
  assert.match(result.failed[0].reason, /no item 0/);
});

test('a parent of the wrong type is refused, not overwritten', () => {
  const source = 'sc: "strict"\nlist: [1]\nmap: {a: 1}\n';
  const result = fixText(source, [set(['sc', 'x'], false), set(['map'], [1]), set(['list', 'x'], 1)]);
  assert.is(result.text, source);
  assert.equal(
    result.failed.map((failure) => failure.reason),
    ['a value on the path is not a mapping', 'the value is a mapping', 'no item x in the sequence'],
  );
});

test('block scalars and explicitly tagged values are not rewritten', () => {
  const source = 'a: |\n  text\nb: !!str true\n';
  const result = fixText(source, [set(['a'], 'x'), set(['b'], false)]);
  assert.is(result.text, source);
  assert.equal(
    result.failed.map((failure) => failure.reason),
    ['the value is a block scalar', 'the value has an explicit tag'],
  );
});

test('a key brought in by a << merge is overridden locally; walking into a merged map is refused', () => {
  const source = yaml`
    base: &base
      a: true
      nested: {x: 1}
    use:
      <<: *base
  `;
  const result = fixText(source, [set(['use', 'a'], false), set(['use', 'nested', 'y'], 2)]);
  assert.is(result.text, `${source}  a: false\n`);
  assert.match(result.failed[0].reason, /"nested" comes from a << merge key/);
});

test('an alias as the value itself is replaced (only this use changes); the anchored value is not', () => {
  const source = 'p: &t true\nq: *t\nr: *t\n';
  const result = fixText(source, [set(['q'], false), set(['p'], false)]);
  assert.is(result.text, 'p: &t true\nq: false\nr: *t\n');
  assert.match(result.failed[0].reason, /anchored as &t and reused/);
});

test('YAML 1.1 keys that read as booleans are matched as the object has them', () => {
  // `y:` is the key "true" to the API server; a fix for "y" adds a quoted key rather than touching it.
  const result = fixText('y: 1\n', [set(['y'], 2), set(['true'], 3)]);
  assert.is(result.text, 'y: 3\n"y": 2\n');
});

test('documents are told apart by index; other documents stay byte-identical', () => {
  const source = 'a: 1\n---\na: 1\n--- # third\na: 1\n';
  const result = fixText(source, [set(['b'], true, 1)]);
  assert.is(result.text, 'a: 1\n---\na: 1\nb: true\n--- # third\na: 1\n');
  const missing = fixText(source, [set(['b'], true, 7)]);
  assert.match(missing.failed[0].reason, /not in the file/);
});

test('CRLF line ends are used for new lines', () => {
  const result = fixText('a:\r\n  b: 1\r\n', [set(['a', 'c', 'd'], ['ALL'])]);
  assert.is(result.text, 'a:\r\n  b: 1\r\n  c:\r\n    d:\r\n      - ALL\r\n');
});

test('a text without a final newline keeps having none', () => {
  const result = fixText('a:\n  b: 1', [set(['a', 'c'], true)]);
  assert.is(result.text, 'a:\n  b: 1\n  c: true');
});

test('JSON: keys and strings are double-quoted, single-line and multi-line objects keep their shape', () => {
  const inline = fixText('{"a": {"b": 1}}\n', [set(['a', 'c', 'd'], 'x')], { json: true });
  assert.is(inline.text, '{"a": {"b": 1, "c": {"d": "x"}}}\n');
  const pretty = fixText('{\n  "a": {\n    "b": 1\n  }\n}\n', [set(['a', 'c', 'd'], ['ALL'])], { json: true });
  assert.is(pretty.text, '{\n  "a": {\n    "b": 1,\n    "c": {\n      "d": [\n        "ALL"\n      ]\n    }\n  }\n}\n');
  assert.equal(JSON.parse(pretty.text), { a: { b: 1, c: { d: ['ALL'] } } });
  const empty = fixText('{"a": {}}', [set(['a', 'b'], false)], { json: true });
  assert.is(empty.text, '{"a": {"b": false}}');
});

test('flow collections with a trailing comma get the new item after it', () => {
  const result = fixText('a: {b: 1, }\nc: [x, ]\n', [set(['a', 'd'], 2), set(['c'], ['x', 'z', 'y'])]);
  // `y` alone is a YAML 1.1 boolean, so it is quoted.
  assert.is(result.text, 'a: {b: 1, d: 2 }\nc: [x, z, "y" ]\n');
});

test('a file with YAML errors is not touched', () => {
  const source = 'a: [\n';
  const result = fixText(source, [set(['b'], true)]);
  assert.is(result.text, source);
  assert.equal(result.failed[0].reason, 'the file has YAML errors');
});

test('an edit that would break the file is dropped and reported; the others still apply', () => {
  const source = 'a: 1\nb: 2\nc: 3\n';
  const result = fixText(source, [set(['a'], 9), set(['b'], 8), set(['c'], 7)], {
    planner: (path, value, context) => {
      if (path[0] === 'b') return { kind: 'edit', edit: { start: 5, end: 5, text: '  - [' } };
      return planSet(path, value, context);
    },
  });
  assert.is(result.text, 'a: 9\nb: 2\nc: 7\n');
  assert.is(result.failed.length, 1);
  assert.equal(result.failed[0].request.path, ['b']);
  assert.match(result.failed[0].reason, /the fixed text would not parse/);
});

test('an edit that would change another value is dropped', () => {
  const source = 'a: 1\nb: 2\n';
  const result = fixText(source, [set(['a'], 5)], {
    planner: () => ({ kind: 'edit', edit: { start: 0, end: source.length, text: 'a: 5\nb: 3\n' } }),
  });
  assert.is(result.text, source);
  assert.match(result.failed[0].reason, /would change more than the fixed field/);
});

test('fixes that keep overlapping give up after the pass limit', () => {
  const result = fixText('m: {}\n', [set(['m', 'a'], 1), set(['m', 'b'], 2), set(['m', 'c'], 3)], { maxPasses: 2 });
  assert.is(result.text, 'm: {a: 1, b: 2}\n');
  assert.match(result.failed[0].reason, /after 2 passes/);
});

test('odd inputs never throw: empty documents, scalars, sequences at the root', () => {
  for (const source of ['', '---\n', 'just text\n', '- a\n- b\n', 'a: null\n', '? [complex]\n: value\n']) {
    assert.not.throws(() => fixText(source, [set(['spec', 'x'], true), set([], 1), set(['a', 'b'], 1)]), source);
  }
});

test('deepEqual and setIn', () => {
  assert.ok(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] }));
  assert.not.ok(deepEqual({ a: 1 }, { a: 1, b: undefined }));
  assert.ok(deepEqual(new Date(5), new Date(5)));
  assert.not.ok(deepEqual(new Date(5), new Date(6)));
  assert.ok(deepEqual(new Map([[1, 2]]), new Map([[1, 2]])));
  assert.ok(deepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
  assert.ok(deepEqual(Number.NaN, Number.NaN));
  const value: Record<string, unknown> = { a: null };
  assert.ok(setIn(value, ['a', 'b', 'c'], [1]));
  assert.equal(value, { a: { b: { c: [1] } } });
  assert.not.ok(setIn({ a: [] }, ['a', 0, 'b'], 1));
  assert.not.ok(setIn({ a: 'text' }, ['a', 'b'], 1));
});

test.run();
