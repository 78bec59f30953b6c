// Plans one fix operation (`set path = value`) as a text edit computed from the yaml AST: a scalar replaced in place,
// a key inserted at the end of its map (creating missing parent maps) in the map's block or flow style, items
// appended to a sequence in its style. Everything outside the edit stays byte for byte as it was.
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path } from '../engine/types';
import {
  blockEntryLines,
  blockSequenceLines,
  flowText,
  isScalarValue,
  keyText,
  prettyFlowText,
  scalarText,
  type BlockStyle,
  type QuoteStyle,
} from './render';
import { deepEqual } from './values';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type Plan = { kind: 'edit'; edit: TextEdit } | { kind: 'noop' } | { kind: 'skip'; reason: string };

/** What a plan needs to know about the document and file around it. */
export interface PlanContext {
  text: string;
  document: Document;
  style: BlockStyle;
  /** JSON manifest: new keys and strings are double-quoted and collections stay flow. */
  json: boolean;
  /** Anchors that some alias refers to: editing such a node would change every place that uses it. */
  sharedAnchors: ReadonlySet<string>;
}

const skip = (reason: string): Plan => ({ kind: 'skip', reason });

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line holding `offset` (or the end of the text). */
function afterLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The column an entry starting at `offset` begins at, counting its anchor or tag, after any `- ` indicators. */
function entryColumn(text: string, offset: number): number {
  const start = lineStart(text, offset);
  const prefix = text.slice(start, offset);
  return /^ *(?:-[ \t]+)*/.exec(prefix)![0].length;
}

/** The column of the `-` that introduces the sequence item starting at `offset`, when it is on the item's line. */
function dashColumn(text: string, offset: number): number | undefined {
  const start = lineStart(text, offset);
  const indicators = /^ *(?:-[ \t]+)*/.exec(text.slice(start, offset))![0];
  const dash = indicators.lastIndexOf('-');
  return dash === -1 ? undefined : dash;
}

/** End of the last content (not trailing comments) of a node: where a following entry goes after. */
export function contentEnd(node: Node | null | undefined): number | undefined {
  if (!node) return undefined;
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const last = node.items[node.items.length - 1] as Pair<Node, Node> | Node | undefined;
    if (!last) return node.range?.[1];
    if (isMap(node)) {
      const pair = last as Pair<Node, Node>;
      return contentEnd(pair.value) ?? contentEnd(pair.key) ?? node.range?.[1];
    }
    return contentEnd(last as Node) ?? node.range?.[1];
  }
  return node.range?.[1];
}

function quoteOf(node: unknown): QuoteStyle {
  if (!isScalar(node)) return 'plain';
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  return 'plain';
}

function isNullScalar(node: unknown): node is Scalar {
  return isScalar(node) && node.value === null;
}

function keyMatches(key: unknown, segment: string | number): boolean {
  return isScalar(key) && typeof key.value !== 'symbol' && String(key.value) === String(segment);
}

function isShared(node: Node, context: PlanContext): boolean {
  return !!node.anchor && context.sharedAnchors.has(node.anchor);
}

/** A YAML 1.1 merge key: yaml gives it the value Symbol(<<). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<'));
}

/** True when `segment` reaches the map only through a `<<` merge key. */
function providedByMerge(map: YAMLMap, segment: string | number, document: Document): boolean {
  for (const pair of map.items as Pair<Node, Node>[]) {
    if (!isMergeKey(pair.key)) continue;
    const sources = isSeq(pair.value) ? (pair.value.items as Node[]) : [pair.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(document) : source;
      if (isMap(target) && ((target.items as Pair<Node, Node>[]).some((item) => keyMatches(item.key, segment)) || providedByMerge(target, segment, document))) {
        return true;
      }
    }
  }
  return false;
}

/** Builds `{a: {b: value}}` for the missing part of a path; undefined when it would need a sequence item. */
function nestedValue(rest: Path, value: unknown): unknown {
  let nested = value;
  for (let index = rest.length - 1; index >= 0; index--) {
    const segment = rest[index];
    if (typeof segment !== 'string') return undefined;
    nested = { [segment]: nested };
  }
  return nested;
}

/** Indentation step and sequence indentation the document already uses (2 and indented when it shows none). */
export function detectStyle(document: Document, text: string, eol: string): BlockStyle {
  const steps = new Map<number, number>();
  const sequenceIndents = new Map<number, number>();
  const count = (map: Map<number, number>, value: number) => map.set(value, (map.get(value) ?? 0) + 1);
  visit(document, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isScalar(key) || !key.range || !value?.range) return;
      const keyColumn = entryColumn(text, key.range[0]);
      if (isMap(value) && !value.flow && value.items.length) {
        const first = (value.items[0] as Pair<Node, Node>).key;
        if (first?.range) {
          const step = entryColumn(text, first.range[0]) - keyColumn;
          if (step > 0) count(steps, step);
        }
      } else if (isSeq(value) && !value.flow && value.items.length) {
        const first = value.items[0] as Node | null;
        const dash = first?.range ? dashColumn(text, first.range[0]) : undefined;
        if (dash !== undefined && dash >= keyColumn) count(sequenceIndents, dash - keyColumn);
      }
    },
  });
  // Ties go to the deeper indentation: it reads unambiguously whichever style the rest of the file prefers.
  const mostCommon = (map: Map<number, number>) => [...map].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  const step = mostCommon(steps) ?? 2;
  return { eol, step, sequenceIndent: mostCommon(sequenceIndents) ?? step };
}

/** Every anchor that an alias in the document refers to. */
export function sharedAnchors(document: Document): Set<string> {
  const anchors = new Set<string>();
  visit(document, {
    Alias(_, alias) {
      anchors.add(alias.source);
    },
  });
  return anchors;
}

/** Text to insert at `offset` (a line start, or the end of the text) made of whole lines. */
function linesEdit(text: string, offset: number, lines: string[], eol: string): TextEdit {
  const body = lines.join(eol);
  const atEndWithoutNewline = offset === text.length && text.length > 0 && !text.endsWith('\n');
  return { start: offset, end: offset, text: atEndWithoutNewline ? eol + body : body + eol };
}

function insertIntoBlockMap(map: YAMLMap, key: string, value: unknown, context: PlanContext): Plan {
  const { text, style } = context;
  const firstKey = (map.items[0] as Pair<Node, Node>).key;
  if (!isScalar(firstKey) || !firstKey.range) return skip('the mapping has a complex key');
  const column = entryColumn(text, firstKey.range[0]);
  const end = contentEnd(map);
  if (end === undefined) return skip('the mapping has no position');
  const offset = afterLine(text, end);
  if (context.json) {
    return skip('a block mapping in a JSON file');
  }
  return { kind: 'edit', edit: linesEdit(text, offset, blockEntryLines(key, value, column, style, quoteOf(firstKey)), style.eol) };
}

/** Where a new item of a flow collection goes: after the last item, or after a trailing comma. */
function flowInsertion(collection: YAMLMap | YAMLSeq, text: string): { offset: number; comma: boolean } | undefined {
  const close = collection.range ? collection.range[1] - 1 : -1;
  if (close < 0 || !'}]'.includes(text[close])) return undefined;
  const last = collection.items[collection.items.length - 1] as Pair<Node, Node> | Node | undefined;
  if (!last) return { offset: close, comma: false };
  const end = isMap(collection) ? (contentEnd((last as Pair<Node, Node>).value) ?? contentEnd((last as Pair<Node, Node>).key)) : contentEnd(last as Node);
  if (end === undefined) return undefined;
  // A trailing comma (allowed in YAML flow collections): the new item goes after it.
  const between = text.slice(end, close);
  const comma = /^\s*,/.exec(between);
  return comma ? { offset: end + comma[0].length, comma: true } : { offset: end, comma: false };
}

function flowEntryEdit(collection: YAMLMap | YAMLSeq, entry: (column: number | undefined) => string, context: PlanContext): Plan {
  const { text, style } = context;
  const place = flowInsertion(collection, text);
  if (!place) return skip('cannot find the end of the flow collection');
  const first = collection.items[0] as Pair<Node, Node> | Node | undefined;
  const firstNode = (isMap(collection) ? (first as Pair<Node, Node> | undefined)?.key : first) as Node | undefined;
  const open = collection.range![0];
  // Multi-line (pretty-printed JSON): the new entry gets its own line at the column of the first one.
  if (firstNode?.range && text.slice(open, firstNode.range[0]).includes('\n')) {
    const column = firstNode.range[0] - lineStart(text, firstNode.range[0]);
    const lead = place.comma ? '' : ',';
    return { kind: 'edit', edit: { start: place.offset, end: place.offset, text: `${lead}${style.eol}${' '.repeat(column)}${entry(column)}` } };
  }
  if (!first) return { kind: 'edit', edit: { start: place.offset, end: place.offset, text: entry(undefined) } };
  return { kind: 'edit', edit: { start: place.offset, end: place.offset, text: `${place.comma ? ' ' : ', '}${entry(undefined)}` } };
}

function insertIntoFlowMap(map: YAMLMap, key: string, value: unknown, context: PlanContext): Plan {
  const firstKey = (map.items[0] as Pair<Node, Node> | undefined)?.key;
  const json = context.json || quoteOf(firstKey) === 'double';
  const quote: QuoteStyle = json ? 'double' : quoteOf(firstKey);
  return flowEntryEdit(
    map,
    (column) => `${keyText(key, quote)}: ${column === undefined ? flowText(value, json) : prettyFlowText(value, json, column, context.style.step, context.style.eol)}`,
    context,
  );
}

function appendToSequence(seq: YAMLSeq, extra: readonly unknown[], context: PlanContext): Plan {
  const { text, style } = context;
  const first = seq.items[0] as Node | undefined;
  const quote = context.json ? 'double' : quoteOf(first);
  if (seq.flow) {
    const json = context.json || quote === 'double';
    const entries = extra.map((item) => (isScalarValue(item) ? scalarText(item, quote) : flowText(item, json)));
    return flowEntryEdit(seq, () => entries.join(', '), context);
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last?.range) return skip('the sequence has no position');
  const column = dashColumn(text, last.range[0]);
  if (column === undefined) return skip('the sequence item does not start on its line');
  const end = contentEnd(seq);
  if (end === undefined) return skip('the sequence has no position');
  return { kind: 'edit', edit: linesEdit(text, afterLine(text, end), blockSequenceLines(extra, column, style, quote), style.eol) };
}

/** A key whose value is empty or null (`securityContext:` / `securityContext: null`) gets the value in its place. */
function fillNull(pair: Pair<Node, Node>, parent: YAMLMap, value: unknown, context: PlanContext): Plan {
  const { text, style } = context;
  const key = pair.key;
  const node = pair.value as Scalar | null;
  if (!isScalar(key) || !key.range) return skip('the mapping has a complex key');
  if (node?.tag) return skip('the value has an explicit tag');
  const valueStart = node?.range?.[0];
  const valueEnd = node?.range?.[1];
  const colon = text.indexOf(':', key.range[1]);
  if (colon === -1) return skip('cannot find the key\'s colon');
  const empty = valueStart === undefined || valueStart === valueEnd;
  const column = entryColumn(text, key.range[0]);
  const lines = blockEntryLines('x', value, column, style).slice(1);
  const flow = parent.flow || context.json;
  if (isScalarValue(value) || flow || !lines.length) {
    const rendered = flow ? flowText(value, context.json || quoteOf(key) === 'double') : scalarText(value as string | number | boolean | null);
    if (empty) return { kind: 'edit', edit: { start: colon + 1, end: colon + 1, text: ` ${rendered}` } };
    return { kind: 'edit', edit: { start: valueStart!, end: valueEnd!, text: rendered } };
  }
  if (empty) return { kind: 'edit', edit: linesEdit(text, afterLine(text, colon + 1), lines, style.eol) };
  // `key: null` (nothing after it on the line): the block replaces the null; with a comment after it, flow keeps the comment.
  const rest = text.slice(valueEnd!, afterLine(text, valueEnd!)).replace(/\r?\n$/, '');
  if (rest.trim()) return { kind: 'edit', edit: { start: valueStart!, end: valueEnd!, text: flowText(value, false) } };
  return { kind: 'edit', edit: { start: colon + 1, end: valueEnd! + rest.length, text: style.eol + lines.join(style.eol) } };
}

function replaceValue(pair: Pair<Node, Node>, parent: YAMLMap, value: unknown, context: PlanContext): Plan {
  const node = pair.value;
  if (node === null || isNullScalar(node)) return fillNull(pair, parent, value, context);
  if (isShared(node, context)) return skip(`the value is anchored as &${node.anchor} and reused through aliases; fix it by hand`);
  if (isAlias(node)) {
    if (!node.range) return skip('the alias has no position');
    const rendered = isScalarValue(value) ? scalarText(value, context.json ? 'double' : 'plain') : flowText(value, context.json);
    return { kind: 'edit', edit: { start: node.range[0], end: node.range[1], text: rendered } };
  }
  if (isScalar(node)) {
    if (!node.range) return skip('the value has no position');
    if (node.tag) return skip('the value has an explicit tag');
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return skip('the value is a block scalar');
    const json = context.json || parent.flow === true;
    // A string keeps the quotes of the string it replaces; `"true"` becomes `false`, not `"false"`.
    const quote: QuoteStyle = context.json ? 'double' : typeof value === 'string' ? quoteOf(node) : 'plain';
    const rendered = isScalarValue(value) ? scalarText(value, quote) : flowText(value, json);
    return { kind: 'edit', edit: { start: node.range[0], end: node.range[1], text: rendered } };
  }
  if (isSeq(node) && Array.isArray(value)) {
    const current = node.toJS(context.document) as unknown[];
    if (Array.isArray(current) && current.length < value.length && current.every((item, index) => deepEqual(item, value[index]))) {
      return appendToSequence(node, value.slice(current.length), context);
    }
    if (node.flow && node.range) return { kind: 'edit', edit: { start: node.range[0], end: node.range[1], text: flowText(value, context.json || quoteOf(node.items[0]) === 'double') } };
    return skip('the sequence would have to be rewritten');
  }
  return skip(isMap(node) ? 'the value is a mapping' : 'the value is a sequence');
}

/** A scalar item of a sequence replaced in place, in its own quotes (`all` corrected to `ALL`). */
function replaceItem(item: Node, value: unknown, context: PlanContext): Plan {
  if (!isScalar(item) || !isScalarValue(value)) return skip('cannot replace a sequence item that is not a scalar');
  if (deepEqual(item.toJS(context.document), value)) return { kind: 'noop' };
  if (isShared(item, context)) return skip(`the value is anchored as &${item.anchor} and reused through aliases; fix it by hand`);
  if (!item.range || item.tag || item.type === 'BLOCK_LITERAL' || item.type === 'BLOCK_FOLDED') return skip('the item is not a plain or quoted scalar');
  const quote: QuoteStyle = context.json ? 'double' : typeof value === 'string' ? quoteOf(item) : 'plain';
  return { kind: 'edit', edit: { start: item.range[0], end: item.range[1], text: scalarText(value, quote) } };
}

/** Plans `set path = value` on the document. */
export function planSet(path: Path, value: unknown, context: PlanContext): Plan {
  const { document } = context;
  if (!path.length) return skip('empty path');
  let node = document.contents as Node | null;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const last = index === path.length - 1;
    if (!node) return skip('the document is empty');
    if (isAlias(node)) return skip(`the value comes from the alias *${node.source}; fix the anchored value by hand`);
    if (isShared(node, context)) return skip(`the value is anchored as &${node.anchor} and reused through aliases; fix it by hand`);
    if (isSeq(node)) {
      if (typeof segment !== 'number' || !node.items[segment]) return skip(`no item ${String(segment)} in the sequence`);
      if (last) return replaceItem(node.items[segment] as Node, value, context);
      node = node.items[segment] as Node;
      continue;
    }
    if (!isMap(node)) return skip('a value on the path is not a mapping');
    const pair = (node.items as Pair<Node, Node>[]).find((item) => keyMatches(item.key, segment));
    if (!pair) {
      if (typeof segment !== 'string') return skip('a numeric key on the path');
      // A key that only a `<<` merge brings in can be overridden locally at the last step, not walked into.
      if (!last && providedByMerge(node, segment, document)) return skip(`"${segment}" comes from a << merge key`);
      const nested = nestedValue(path.slice(index + 1), value);
      if (nested === undefined) return skip('the path needs a sequence item that does not exist');
      if (node.flow || !node.items.length) return insertIntoFlowMap(node, segment, nested, context);
      return insertIntoBlockMap(node, segment, nested, context);
    }
    if (last) {
      const current = pair.value === null ? null : (pair.value as Node).toJS(document);
      if (deepEqual(current, value)) return { kind: 'noop' };
      return replaceValue(pair, node, value, context);
    }
    if (pair.value === null || isNullScalar(pair.value)) {
      const nested = nestedValue(path.slice(index + 1), value);
      if (nested === undefined) return skip('the path needs a sequence item that does not exist');
      return fillNull(pair, node, nested, context);
    }
    node = pair.value as Node;
  }
  return skip('unreachable');
}
