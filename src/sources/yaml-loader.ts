// Parses manifest text into Kubernetes objects, keeping the YAML AST for path-to-position mapping.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { KubeObject, Origin, Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';

export interface LoadLimits {
  /** Largest file read, in bytes. */
  maxFileSize: number;
  /** yaml's alias expansion budget; an alias bomb exceeds it. */
  maxAliasCount: number;
  /** Most documents read from one file. */
  maxDocuments: number;
  /** Deepest nesting of collections accepted. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileSize: 10 * 1024 * 1024,
  maxAliasCount: 100,
  maxDocuments: 10_000,
  maxDepth: 200,
};

/** Maps a path inside a built object to the file a person edits (Helm template, Kustomize source). */
export type OriginResolver = (path: Path) => Origin | undefined;

export interface ParsedObject {
  object: KubeObject;
  /** Where the object sits inside its document: [] or ['items', i] for List members. */
  pathPrefix: Path;
}

export interface ParsedDocument {
  document: Document;
  /** 0-based index of the document in its file. */
  index: number;
  objects: ParsedObject[];
  origin?: OriginResolver;
}

export interface LoadProblem {
  message: string;
  /** Offset into the text, when the problem has a place. */
  offset?: number;
}

export interface ParsedFile {
  file: string;
  text: string;
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  problems: LoadProblem[];
}

// Files of these API groups carry apiVersion/kind but are tool configuration, not cluster objects.
const NON_CLUSTER_GROUPS = ['kustomize.config.k8s.io/', 'config.kubernetes.io/', 'kpt.dev/'];

export function isKubernetesObject(value: unknown): value is KubeObject {
  if (!isRecord(value)) return false;
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return false;
  return !NON_CLUSTER_GROUPS.some((group) => apiVersion.startsWith(group));
}

function isList(object: KubeObject): boolean {
  return typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items);
}

/** Checks nesting depth without recursion, so a deeply nested file cannot overflow the stack here. */
function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) return true;
    if (Array.isArray(node)) for (const item of node) stack.push([item, depth + 1]);
    else if (isRecord(node)) for (const key in node) stack.push([node[key], depth + 1]);
  }
  return false;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/** Strips a byte-order mark; editors do not count it, so positions stay right without it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseManifest(file: string, rawText: string, limits: LoadLimits = DEFAULT_LIMITS): ParsedFile {
  const text = stripBom(rawText);
  const lineCounter = new LineCounter();
  const parsed: ParsedFile = { file, text, lineCounter, documents: [], problems: [] };
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, {
      version: '1.1', // sigs.k8s.io/yaml reads YAML 1.1: yes/on/off are booleans, 0755 is octal
      merge: true,
      uniqueKeys: true, // the API server's decoder rejects duplicate keys
      prettyErrors: false,
      lineCounter,
      logLevel: 'error', // yaml's warnings (e.g. stringified keys) would go to stderr mid-report
    }) as Document.Parsed[];
  } catch (error) {
    parsed.problems.push({ message: `cannot parse YAML: ${describe(error)}` });
    return parsed;
  }
  if (!Array.isArray(documents)) documents = [documents]; // an empty stream parses to one empty document
  if (documents.length > limits.maxDocuments) {
    parsed.problems.push({ message: `file has ${documents.length} documents, more than the limit of ${limits.maxDocuments}` });
    return parsed;
  }
  documents.forEach((document, index) => {
    const errors = document.errors;
    if (errors.length) {
      // The first error is the cause; the ones after it are mostly its echoes.
      parsed.problems.push({ message: errors[0].message.split('\n')[0], offset: errors[0].pos?.[0] });
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      parsed.problems.push({ message: `cannot read document ${index + 1}: ${describe(error)}`, offset: document.range?.[0] });
      return;
    }
    if (value === null || value === undefined) return;
    if (exceedsDepth(value, limits.maxDepth)) {
      parsed.problems.push({ message: `document ${index + 1} is nested deeper than ${limits.maxDepth} levels`, offset: document.range?.[0] });
      return;
    }
    if (!isKubernetesObject(value)) return;
    const objects: ParsedObject[] = [];
    if (isList(value)) {
      (value.items as unknown[]).forEach((item, itemIndex) => {
        if (isKubernetesObject(item)) objects.push({ object: item, pathPrefix: ['items', itemIndex] });
      });
    } else {
      objects.push({ object: value, pathPrefix: [] });
    }
    parsed.documents.push({ document, index, objects });
  });
  return parsed;
}
