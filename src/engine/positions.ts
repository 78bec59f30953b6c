// Turns a rule's path into a line/column range with the yaml AST: rules never count lines.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Path } from './types';

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

type Offsets = [start: number, end: number];

function keyMatches(key: unknown, segment: string | number): boolean {
  // YAML 1.1 keys may be booleans or numbers (`on:`, `80:`); the object has them as strings.
  return isScalar(key) && typeof key.value !== 'symbol' ? String(key.value) === String(segment) : false;
}

/** A YAML 1.1 merge key: yaml gives it a symbol value and keeps `<<` as its source. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && (key as { source?: string }).source === '<<';
}

function nodeOffsets(node: Node | null | undefined): Offsets | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** A sequence item is shown at its `name` key when it has one (containers, volumes, env), else its first key. */
function itemOffsets(node: Node | null | undefined): Offsets | undefined {
  if (isMap(node) && node.items.length) {
    const named = node.items.find((pair) => keyMatches(pair.key, 'name')) ?? node.items[0];
    return nodeOffsets(named.key as Node);
  }
  return nodeOffsets(node);
}

function findPair(map: Node, segment: string | number, document: Document): { pair: Pair<Node, Node>; viaMerge: boolean } | undefined {
  if (!isMap(map)) return undefined;
  const items = map.items as Pair<Node, Node>[];
  const own = items.find((pair) => keyMatches(pair.key, segment));
  if (own) return { pair: own, viaMerge: false };
  // YAML 1.1 merge keys: the value lives in the merged map; point at the `<<` entry that brings it in.
  for (const pair of items) {
    if (!isMergeKey(pair.key)) continue;
    const sources = isSeq(pair.value) ? (pair.value.items as Node[]) : [pair.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(document) : source;
      if (target && findPair(target as Node, segment, document)) return { pair, viaMerge: true };
    }
  }
  return undefined;
}

/**
 * Offsets of `path` in the document: a map entry at its key, a sequence item at the item; a path that does not
 * exist at the key of the nearest existing parent. A path that runs through an alias stops at the alias, where this
 * object uses the shared value.
 */
export function locateOffsets(document: Document, path: Path): Offsets {
  const root = document.contents as Node | null;
  const kindPair = isMap(root) ? findPair(root, 'kind', document) : undefined;
  let best: Offsets | undefined = kindPair ? nodeOffsets(kindPair.pair.key) : itemOffsets(root);
  let node: Node | null | undefined = root;
  for (const segment of path) {
    if (!node || isAlias(node)) break;
    if (isMap(node)) {
      const found = findPair(node, segment, document);
      if (!found) break;
      best = nodeOffsets(found.pair.key) ?? best;
      if (found.viaMerge) break;
      node = found.pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      best = itemOffsets(item) ?? best;
      node = item;
    } else {
      break;
    }
  }
  return best ?? [0, 0];
}

export function offsetsToRange(lineCounter: LineCounter, text: string, [start, end]: Offsets): Range {
  const from = lineCounter.linePos(start);
  // A range never spans past its first line: a code frame shows one line, and editors underline the key.
  let lineEnd = text.indexOf('\n', start);
  const carriageReturn = text.indexOf('\r', start); // a lone CR ends a line too
  if (carriageReturn !== -1 && (lineEnd === -1 || carriageReturn < lineEnd)) lineEnd = carriageReturn + 1;
  const clampedEnd = Math.max(start, Math.min(end, lineEnd === -1 ? text.length : lineEnd));
  let to = lineCounter.linePos(clampedEnd);
  if (text[clampedEnd - 1] === '\r' && clampedEnd > start) to = lineCounter.linePos(clampedEnd - 1);
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

export function locate(document: Document, lineCounter: LineCounter, text: string, path: Path): Range {
  return offsetsToRange(lineCounter, text, locateOffsets(document, path));
}

/** Renders a path as in the JSON result: spec.containers[0].securityContext, annotations["a.b/c"]. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
