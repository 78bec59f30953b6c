// Validates one object against the kubernetes-models schema of its kind and turns the results into issues with paths.
//
// The generated validators check types, enums, formats and required fields, but not additionalProperties: they never
// reject an unknown field. To find unknown fields without a schema walker of our own, the object is handed to the
// validator wrapped in proxies that record which properties the validator reads at each path. A validator reads every
// property its schema declares (`data.x === undefined || check(data.x)`), and enumerates the keys of free-form maps
// (labels, annotations, resources). So at every map it read properties from and did not enumerate, the keys it never
// read are unknown fields, and the keys it read are the candidates for "did you mean". Maps it never looked into are
// free-form (RawExtension, JSON) and are left alone.
import type { Path } from '../../engine/types';
import { isRecord } from '../pod-spec';
import { closest } from '../suggest';
import { supplementaryEnumFor } from './enums';
import { loadValidator, type SchemaError } from './load';
import { isDefaultedRequired, isNewerField, isPatchDirective, isStrippedField } from './exceptions';

export type SchemaIssueKind = 'type' | 'unknown-field' | 'enum' | 'required' | 'format';

export interface SchemaIssue {
  kind: SchemaIssueKind;
  path: Path;
  message: string;
}

interface Visit {
  path: Path;
  target: object;
  read: Set<string>;
  enumerated: boolean;
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/** Wraps `root` so that every map the validator reaches records the properties it reads. */
function tracked(root: object): { proxy: object; visits: Map<string, Visit> } {
  const visits = new Map<string, Visit>();
  const proxies = new Map<string, object>();
  const wrap = (value: unknown, path: Path): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    // Keyed by path, not by object: a YAML alias shares one object between several paths.
    const key = JSON.stringify(path);
    const existing = proxies.get(key);
    if (existing) return existing;
    const visit: Visit = { path, target: value, read: new Set(), enumerated: false };
    visits.set(key, visit);
    const isArray = Array.isArray(value);
    const proxy = new Proxy(value, {
      get(target, property) {
        const child = Reflect.get(target, property) as unknown;
        if (typeof property !== 'string') return child;
        if (isArray) return INDEX.test(property) ? wrap(child, [...path, Number(property)]) : child;
        if (!Object.prototype.hasOwnProperty.call(target, property)) {
          visit.read.add(property);
          return child;
        }
        visit.read.add(property);
        return wrap(child, [...path, property]);
      },
      ownKeys(target) {
        visit.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(key, proxy);
    return proxy;
  };
  return { proxy: wrap(root, []) as object, visits };
}

function decodePointer(pointer: string, root: unknown): Path {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = Array.isArray(node) && INDEX.test(segment) ? Number(segment) : segment;
    path.push(key);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** `spec.template.spec.containers[0]`, for messages. */
export function describePath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment) ? (text ? `.${segment}` : segment) : `[${JSON.stringify(segment)}]`;
  }
  return text || 'the object';
}

function fieldName(path: Path): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number') return `Item ${last} of "${String(parent ?? '')}"`;
  if (parent === 'labels') return `Label "${last}"`;
  if (parent === 'annotations') return `Annotation "${last}"`;
  return `Field "${String(last ?? '')}"`;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'a map',
  array: 'a list',
};

function expectedTypes(errors: SchemaError[]): string[] {
  const names = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'type') continue;
    const type = error.params.type;
    for (const name of Array.isArray(type) ? type : [type]) if (typeof name === 'string') names.add(name);
  }
  // integer or number: "a number" says it all.
  if (names.has('number') && names.has('integer')) names.delete('integer');
  return [...names];
}

function typeMessage(path: Path, value: unknown, expected: string[]): string {
  const wanted = expected.map((name) => TYPE_NAMES[name] ?? name).join(' or ');
  let hint = '';
  if (typeof value === 'string' && expected.includes('boolean') && /^(true|false)$/i.test(value)) {
    hint = `: write ${value.toLowerCase()} without quotes`;
  } else if (typeof value === 'string' && (expected.includes('integer') || expected.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) {
    hint = `: write ${value} without quotes`;
  } else if ((typeof value === 'boolean' || typeof value === 'number') && expected.length === 1 && expected[0] === 'string') {
    hint = typeof value === 'boolean' ? ': quote the value (YAML reads unquoted true/false/yes/no/on/off as booleans)' : ': quote the value';
  }
  return `${fieldName(path)} must be ${wanted}, not ${typeOf(value)}${hint}.`;
}

function formatMessage(path: Path, value: unknown, format: string): string {
  switch (format) {
    case 'quantity':
      return `${fieldName(path)} is not a valid quantity${typeof value === 'string' ? ` ("${value}")` : ''}: use a number with an optional suffix such as 500m, 1.5, 128Mi or 2Gi.`;
    case 'int32':
    case 'int64':
      return `${fieldName(path)} is out of the ${format} range.`;
    case 'byte':
      // The value may be a secret: never print it.
      return `${fieldName(path)} is not valid base64: encode the value (or, in a Secret, move it to stringData).`;
    case 'date-time':
      return `${fieldName(path)} is not an RFC 3339 date-time such as 2024-01-31T12:00:00Z.`;
    default:
      return `${fieldName(path)} does not match the format "${format}".`;
  }
}

function enumMessage(path: Path, value: unknown, allowed: readonly unknown[]): string {
  const options = allowed.filter((option): option is string => typeof option === 'string' && option !== '');
  const suggestion = typeof value === 'string' ? closest(value, options) : undefined;
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return `${fieldName(path)} is ${shown}, which is not one of ${options.join(', ')}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`;
}

/** Turns the validator's errors at one path into one issue (several errors at a path describe one mistake). */
function issueFor(path: Path, value: unknown, errors: SchemaError[]): SchemaIssue | undefined {
  const enumError = errors.find((error) => error.keyword === 'enum');
  if (enumError && Array.isArray(enumError.params.allowedValues)) {
    // apiVersion/kind enums cannot fail: the validator was chosen by them.
    return { kind: 'enum', path, message: enumMessage(path, value, enumError.params.allowedValues) };
  }
  const formatError = errors.find((error) => error.keyword === 'format');
  const typed = expectedTypes(errors);
  // A format error of a oneOf branch (a quantity string) comes with a type error of the other branch (a number).
  if (formatError && (typeof value === 'string' || typeof value === 'number')) {
    const format = String(formatError.params.format);
    const branchOfType = typed.some((type) => (type === 'string') === (typeof value === 'string'));
    if (!branchOfType || typed.length > 1 || errors.some((error) => error.keyword === 'oneOf')) {
      return { kind: 'format', path, message: formatMessage(path, value, format) };
    }
  }
  if (typed.length) return { kind: 'type', path, message: typeMessage(path, value, typed) };
  if (formatError) return { kind: 'format', path, message: formatMessage(path, value, String(formatError.params.format)) };
  const other = errors.find((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf') ?? errors[0];
  return other ? { kind: 'type', path, message: `${fieldName(path)} is not valid (${other.keyword}).` } : undefined;
}

function unknownFieldMessage(field: string, parent: Path, known: Iterable<string>): string {
  const suggestion = closest(field, known);
  const where = parent.length ? ` in ${describePath(parent)}` : '';
  return `Unknown field "${field}"${where}${suggestion ? `; did you mean "${suggestion}"?` : ': remove it (the API server rejects or drops unknown fields).'}`;
}

/**
 * Schema issues of `object`, or undefined when kubernetes-models has no schema for its apiVersion/kind.
 * Never throws: a validator failure (it should not happen) yields no issues.
 */
export function validateObject(object: Record<string, unknown>): SchemaIssue[] | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  // A strategic merge patch (`$patch: delete` at the top) is a partial object, not one to validate.
  if ('$patch' in object) return undefined;
  const validator = loadValidator(apiVersion.trim(), kind);
  if (!validator) return undefined;
  const { proxy, visits } = tracked(object);
  let errors: SchemaError[];
  try {
    errors = validator(proxy) ? [] : (validator.errors ?? []);
  } catch {
    return [];
  }
  const issues: SchemaIssue[] = [];

  // Errors grouped by the path they are about; a missing required field is about the field's own path.
  const byPath = new Map<string, { path: Path; errors: SchemaError[] }>();
  for (const error of errors) {
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      const parent = decodePointer(error.instancePath, object);
      if (isDefaultedRequired(parent, missing)) continue;
      issues.push({
        kind: 'required',
        path: [...parent, missing],
        message: `Required field "${missing}" is missing${parent.length ? ` in ${describePath(parent)}` : ''}.`,
      });
      continue;
    }
    const key = error.instancePath;
    const group = byPath.get(key) ?? { path: decodePointer(error.instancePath, object), errors: [] };
    group.errors.push(error);
    byPath.set(key, group);
  }
  for (const { path, errors: group } of byPath.values()) {
    const value = valueAt(object, path);
    // JSON null is how a manifest leaves an optional field out; the API server decodes it as absent.
    if (value === null) continue;
    const issue = issueFor(path, value, group);
    if (issue) issues.push(issue);
  }

  for (const visit of visits.values()) {
    if (visit.enumerated || visit.read.size === 0 || !isRecord(visit.target)) continue;
    for (const field of Object.keys(visit.target)) {
      if (visit.read.has(field) || isStrippedField(field) || isPatchDirective(field) || isNewerField(visit.read, field)) continue;
      issues.push({ kind: 'unknown-field', path: [...visit.path, field], message: unknownFieldMessage(field, visit.path, visit.read) });
    }
  }

  // Enum-like fields the OpenAPI leaves as plain strings.
  for (const visit of visits.values()) {
    if (!isRecord(visit.target)) continue;
    for (const [field, value] of Object.entries(visit.target)) {
      if (typeof value !== 'string' || !visit.read.has(field)) continue;
      const allowed = supplementaryEnumFor(object, visit.path, visit.read, field);
      if (allowed && !allowed.includes(value)) {
        issues.push({ kind: 'enum', path: [...visit.path, field], message: enumMessage([...visit.path, field], value, allowed) });
      }
    }
  }

  issues.sort((a, b) => comparePaths(a.path, b.path));
  return issues;
}

function comparePaths(a: Path, b: Path): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    if (a[index] === b[index]) continue;
    if (typeof a[index] === 'number' && typeof b[index] === 'number') return (a[index] as number) - (b[index] as number);
    return String(a[index]) < String(b[index]) ? -1 : 1;
  }
  return a.length - b.length;
}
