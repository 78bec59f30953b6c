// Structural equality and path updates on the plain values yaml's toJS gives (YAML 1.1 may add Date, Map, Set and
// Uint8Array), used to check that a text edit changed exactly what the fix meant to change.
import type { Path } from '../engine/types';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((byte, index) => byte === b[index]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    const right = [...b];
    return [...a].every(([key, value], index) => deepEqual(key, right[index][0]) && deepEqual(value, right[index][1]));
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false;
    const right = [...b];
    return [...a].every((item, index) => deepEqual(item, right[index]));
  }
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Sets `path` to `value` in `root` as the fix means it (missing or null parents become maps). Returns false when
 * the path cannot be set that way (a sequence item is missing, a parent is a scalar).
 */
export function setIn(root: unknown, path: Path, value: unknown): boolean {
  if (!path.length) return false;
  let node = root;
  for (let index = 0; index < path.length - 1; index++) {
    const segment = path[index];
    if (Array.isArray(node)) {
      if (typeof segment !== 'number' || segment >= node.length) return false;
      node = node[segment];
      continue;
    }
    if (!isPlainObject(node)) return false;
    const key = String(segment);
    if (node[key] === undefined || node[key] === null) node[key] = {};
    node = node[key];
  }
  const last = path[path.length - 1];
  if (Array.isArray(node) && typeof last === 'number' && last < node.length) {
    node[last] = structuredClone(value);
    return true;
  }
  if (!isPlainObject(node)) return false;
  node[String(last)] = structuredClone(value);
  return true;
}
