// Shared by the Helm and Kustomize origin mapping: walking a path through plain objects, translating a path in a
// built object into the same place in a source object (list items matched by their merge key, not their index),
// and positions inside source files.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Document } from 'yaml';
import { locateOffsets, offsetsToRange } from '../engine/positions';
import type { Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import type { ParsedFile } from './yaml-loader';

/** Number of leading segments of `path` that exist in `value`. */
export function existingDepth(value: unknown, path: Path): number {
  let node = value;
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    if (Array.isArray(node) && typeof segment === 'number' && segment >= 0 && segment < node.length) node = node[segment];
    else if (isRecord(node) && typeof segment === 'string' && Object.hasOwn(node, segment)) node = node[segment];
    else return depth;
  }
  return path.length;
}

export function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isRecord(node) && typeof segment === 'string') node = node[segment];
    else return undefined;
  }
  return node;
}

// Keys that identify list items when Kubernetes merges lists (strategic merge patch keys), most specific first.
const MERGE_KEYS = ['name', 'mountPath', 'devicePath', 'containerPort', 'ip', 'port', 'topologyKey', 'key'];

function mergeKey(item: unknown): [string, unknown] | undefined {
  if (!isRecord(item)) return undefined;
  for (const key of MERGE_KEYS) if (item[key] !== undefined && item[key] !== null && typeof item[key] !== 'object') return [key, item[key]];
  return undefined;
}

export function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a === 'object' || typeof b === 'object') return false;
  return String(a) === String(b);
}

export interface Translation {
  /** The path in the source object (as far as it could be followed). */
  path: Path;
  /** How many segments of the built path were matched in the source. */
  depth: number;
}

/**
 * Follows `path` (a path in `built`) through `source`, matching list items by merge key (`name`, `mountPath`...) so a
 * container keeps its identity when a patch inserted another before it; scalar items are matched by value.
 */
export function translatePath(built: unknown, source: unknown, path: Path): Translation {
  const translated: Array<string | number> = [];
  let builtNode = built;
  let sourceNode = source;
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    if (typeof segment === 'number') {
      if (!Array.isArray(builtNode) || !Array.isArray(sourceNode) || segment < 0 || segment >= builtNode.length) return { path: translated, depth };
      const item = builtNode[segment];
      let index = -1;
      const key = mergeKey(item);
      if (key) index = sourceNode.findIndex((candidate) => isRecord(candidate) && sameScalar(candidate[key[0]], key[1]));
      else if (item === null || typeof item !== 'object') {
        index = sameScalar(sourceNode[segment], item) ? segment : sourceNode.findIndex((candidate) => sameScalar(candidate, item));
      } else if (sourceNode.length === builtNode.length) index = segment;
      if (index < 0) return { path: translated, depth };
      translated.push(index);
      builtNode = item;
      sourceNode = sourceNode[index];
    } else {
      if (!isRecord(builtNode) || !isRecord(sourceNode) || !Object.hasOwn(sourceNode, segment)) return { path: translated, depth };
      translated.push(segment);
      builtNode = builtNode[segment];
      sourceNode = sourceNode[segment];
    }
  }
  return { path: translated, depth: path.length };
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** Line and column of `path` (which must exist) inside a document of a parsed source file. */
export function positionIn(file: { lineCounter: ParsedFile['lineCounter']; text: string }, document: Document, path: Path): SourcePosition {
  const range = offsetsToRange(file.lineCounter, file.text, locateOffsets(document, path));
  return { line: range.line, column: range.column };
}

/** Paths in results: relative to the working directory with `/` separators, also when one side is a symlink. */
export function displayFile(cwd: string, file: string): string {
  const attempt = (base: string) => {
    const path = relative(base, file);
    return path.startsWith('..') || path === '' ? undefined : path;
  };
  let path = attempt(cwd);
  if (path === undefined) {
    try {
      path = attempt(realpathSync(cwd));
    } catch {
      // a cwd that cannot be resolved: keep the absolute path
    }
  }
  return (path ?? file).split(sep).join('/');
}
