// Parses manifest text into Kubernetes objects, keeping the YAML AST for path-to-position mapping.
import { Composer, LineCounter, Parser, type Document } from 'yaml';
import type { KubeObject, Origin, Path } from '../engine/types';
import { EMBEDDED_IN_ANNOTATION, isRecord } from '../model/pod-spec';

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
  /** For a built or rendered object: the file a person edits that defines it (resource, template). */
  sourceFile?: string;
  /** For a Kustomize-built object: where a fix of `path` goes in the resource file (absolute), or why it cannot. */
  fixTarget?: (path: Path) => { file: string; documentOffset: number; path: Path } | { refused: string };
  /**
   * Offset of the first line that only go-yaml's leniency accepts (a quoted scalar or flow collection continued at
   * its parent's indentation): the document is linted as kubectl reads it.
   */
  lenientAt?: number;
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
  /**
   * For build outputs (`DIR (kustomize build)`, `DIR (helm template)`): the file that defines the build (the
   * kustomization, Chart.yaml), which config `overrides` match besides `file`.
   */
  buildFile?: string;
  /**
   * Why a file found by a directory walk is not linted: it fails to parse and names no apiVersion or kind (JSONC,
   * a template of another tool, data). It then has no documents and no problems.
   */
  skipped?: string;
  /**
   * Offsets of objects that hold only a `status` besides apiVersion, kind and metadata: the expected state of a test
   * (kuttl, chainsaw), not an object to apply. They are not linted and not in the lint set; the summary counts them.
   */
  partials?: number[];
}

const PARTIAL_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/** An object with a status, no spec and nothing else: an assertion of state, not a manifest. */
export function isPartialObject(object: KubeObject): boolean {
  return object.status !== undefined && object.spec === undefined && Object.keys(object).every((key) => PARTIAL_KEYS.has(key));
}

// apiVersion or kind as a key, in YAML or JSON: a file that names neither is not meant as a manifest.
const MANIFEST_KEY = /(?:^|[\s{,])["']?(?:apiVersion|kind)["']?[ \t]*:/m;

/**
 * A file found by a walk that fails to parse and shows no apiVersion or kind is not a manifest (JSONC settings,
 * a goreleaser template, KEP metadata): it is marked skipped instead of reported. Named files are always reported.
 */
export function skipIfNotManifest(parsed: ParsedFile): ParsedFile {
  if (!parsed.problems.length || parsed.documents.length || MANIFEST_KEY.test(parsed.text)) return parsed;
  return { ...parsed, documents: [], problems: [], skipped: `not a manifest: it is not valid YAML (${parsed.problems[0].message.split(' (')[0]}) and names no apiVersion or kind` };
}

// Files of these API groups carry apiVersion/kind but are tool configuration, not cluster objects.
const NON_CLUSTER_GROUPS = ['kustomize.config.k8s.io/', 'config.kubernetes.io/', 'kpt.dev/'];

export function isKubernetesObject(value: unknown): value is KubeObject {
  if (!isRecord(value)) return false;
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return false;
  return !NON_CLUSTER_GROUPS.some((group) => apiVersion.startsWith(group));
}

/**
 * An OLM ClusterServiceVersion installs the Deployments of `spec.install.spec.deployments[]` (name, label, spec): each is
 * linted as a Deployment whose findings point inside the CSV. The annotation marks it for rules that judge whole objects.
 */
function embeddedDeployments(object: KubeObject): ParsedObject[] {
  if (object.kind !== 'ClusterServiceVersion' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('operators.coreos.com/')) return [];
  const install = isRecord(object.spec) && isRecord(object.spec.install) ? object.spec.install : undefined;
  const deployments = install && isRecord(install.spec) ? install.spec.deployments : undefined;
  if (!Array.isArray(deployments)) return [];
  const csvName = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  const result: ParsedObject[] = [];
  deployments.forEach((deployment, index) => {
    if (!isRecord(deployment) || !isRecord(deployment.spec)) return;
    const annotations: Record<string, string> = { [EMBEDDED_IN_ANNOTATION]: `ClusterServiceVersion/${csvName}` };
    // The CSV's ignore.kubeguard.dev annotations hold for what it installs.
    for (const [key, reason] of Object.entries(isRecord(object.metadata?.annotations) ? object.metadata!.annotations! : {})) {
      if (key.startsWith('ignore.kubeguard.dev/') && typeof reason === 'string') annotations[key] = reason;
    }
    const metadata: Record<string, unknown> = { name: deployment.name, annotations };
    if (typeof object.metadata?.namespace === 'string') metadata.namespace = object.metadata.namespace;
    if (isRecord(deployment.label)) metadata.labels = deployment.label;
    result.push({
      object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: deployment.spec },
      pathPrefix: ['spec', 'install', 'spec', 'deployments', index],
    });
  });
  return result;
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

/**
 * Above this many levels the text is not parsed at all: building the syntax tree of a file made of 100,000 `[`
 * takes seconds and the composer can exhaust memory (a fatal error, not an exception). Real manifests stay far below.
 */
export const HARD_DEPTH_FACTOR = 20;

/**
 * A linear scan of the raw text for nesting that no manifest has: the running depth of `[`/`{` (outside comments and
 * double-quoted strings) and, per line, the columns of block indentation and `- `/`? ` indicators. Both over-count
 * (brackets inside plain or single-quoted scalars, indentation of block scalars), so only a bound far above maxDepth
 * is acted on; the exact check runs on the syntax tree. Returns the offset where the bound is crossed.
 */
export function findExtremeNesting(text: string, bound: number): number | undefined {
  if (!mayNestBeyond(text, bound)) return undefined;
  let flow = 0;
  let lineStart = true;
  let column = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) {
      lineStart = true;
      column = 0;
      continue;
    }
    if (lineStart) {
      // Indentation and `- `/`? ` indicators: a block level needs at least one more column than its parent, bar
      // a sequence in a mapping at the same indentation, so 2 × columns bounds the block depth of the line.
      if (code === 0x20 || code === 0x09 || ((code === 0x2d || code === 0x3f) && (text.charCodeAt(index + 1) === 0x20 || text.charCodeAt(index + 1) === 0x0a))) {
        if (++column > 2 * bound) return index;
        continue;
      }
      lineStart = false;
    }
    if (code === 0x5b || code === 0x7b) {
      if (++flow > bound) return index;
    } else if (code === 0x5d || code === 0x7d) {
      if (flow > 0) flow--;
    } else if (code === 0x23 && (index === 0 || text.charCodeAt(index - 1) === 0x20 || text.charCodeAt(index - 1) === 0x09 || text.charCodeAt(index - 1) === 0x0a)) {
      const end = text.indexOf('\n', index);
      if (end === -1) break;
      index = end - 1; // the newline is handled by the next round
    } else if (code === 0x22) {
      // A double-quoted scalar: skip to its closing quote (escapes included).
      let end = index + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      index = end;
    }
  }
  return undefined;
}

/** Native-speed pre-check for findExtremeNesting: enough brackets in all, or a line starting with a long indent. */
function mayNestBeyond(text: string, bound: number): boolean {
  let brackets = 0;
  for (const bracket of ['[', '{']) {
    for (let index = text.indexOf(bracket); index !== -1; index = text.indexOf(bracket, index + 1)) if (++brackets > bound) return true;
  }
  return new RegExp(`(?:^|\\n)[ \\t?-]{${2 * bound}}`).test(text);
}

type CstToken = { type: string; offset?: number; value?: unknown; items?: Array<{ key?: unknown; value?: unknown }> };

/**
 * The exact nesting check, on a document's syntax tree (iterative, so deep input cannot overflow the stack): the offset
 * of the first collection deeper than maxDepth, and whether the document uses aliases (which can nest deeper once
 * expanded, so only then is the built value checked again).
 */
function checkSyntaxTree(document: CstToken, maxDepth: number): { deepAt?: number; aliases: boolean } {
  const stack: Array<[CstToken | null | undefined, number]> = [[document.value as CstToken | undefined, 0]];
  let aliases = false;
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (!token || typeof token !== 'object') continue;
    if (token.type === 'alias') aliases = true;
    if (!Array.isArray(token.items) || (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')) continue;
    if (depth + 1 > maxDepth) return { deepAt: token.offset, aliases };
    for (const item of token.items) {
      if (item.key) stack.push([item.key as CstToken, depth + 1]);
      if (item.value) stack.push([item.value as CstToken, depth + 1]);
    }
  }
  return { aliases };
}

const TEMPLATE_ACTION = /\{\{-?\s*(?:\.|\$|[a-z]+\b|\/\*)/;

/**
 * yaml's first line, and a hint when the file holds template actions: a template (Helm, Argo's
 * `{{inputs.parameters.x}}`, gomplate, envsubst...) fails as YAML, not as a manifest.
 */
function syntaxMessage(message: string, text: string): string {
  const first = message.split('\n')[0];
  // A duplicate key is a duplicate whatever renders the file.
  return TEMPLATE_ACTION.test(text) && !/^Map keys must be unique/.test(first) ? `${first} (the file holds template actions such as {{ ... }}: if it is a template (Helm, Go templates, another tool's parameters), lint what it renders to, e.g. helm template <chart> | kubeguard -)` : first;
}

const COMPOSE_OPTIONS = {
  version: '1.1', // sigs.k8s.io/yaml reads YAML 1.1: yes/on/off are booleans, 0755 is octal
  merge: true,
  uniqueKeys: true, // the API server's decoder rejects duplicate keys
  logLevel: 'error', // yaml's warnings (e.g. stringified keys) would go to stderr mid-report
} as const;


/**
 * Offset of the first `//` or `/*` comment outside strings of a JSON text: JSONC (VS Code settings, dev containers).
 * YAML would read such a comment as part of a key; kubectl rejects comments in JSON.
 */
export function findJsonComment(text: string): number | undefined {
  if (!text.includes('/')) return undefined;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      for (index++; index < text.length && text.charCodeAt(index) !== 0x22 && text.charCodeAt(index) !== 0x0a; index++) if (text.charCodeAt(index) === 0x5c) index++;
    } else if (code === 0x2f && (text.charCodeAt(index + 1) === 0x2f || text.charCodeAt(index + 1) === 0x2a)) {
      return index;
    }
  }
  return undefined;
}

export function parseManifest(file: string, rawText: string, limits: LoadLimits = DEFAULT_LIMITS): ParsedFile {
  const text = stripBom(rawText);
  const jsonComment = /\.json$/i.test(file) && /^\s*[{[]/.test(text) ? findJsonComment(text) : undefined;
  if (jsonComment !== undefined) {
    const lineCounter = new LineCounter();
    lineCounter.addNewLine(0);
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineCounter.addNewLine(index + 1);
    const message = 'comments are not JSON (the file is JSONC): kubectl and the API server reject them; remove them or write the manifest as YAML';
    return { file, text, lineCounter, documents: [], problems: [{ message, offset: jsonComment }] };
  }
  // Parsed with lone CRs as LFs (the same length, so offsets hold); `text` stays as written, for --fix.
  const source = text.includes('\r') ? (require('./lenient-yaml') as typeof import('./lenient-yaml')).normaliseLineBreaks(text) : text;
  const lineCounter = new LineCounter();
  const parsed: ParsedFile = { file, text, lineCounter, documents: [], problems: [] };
  const extreme = findExtremeNesting(text, limits.maxDepth * HARD_DEPTH_FACTOR);
  if (extreme !== undefined) {
    // Positions need the line starts, which the parser would have recorded.
    lineCounter.addNewLine(0);
    for (let index = text.indexOf('\n'); index !== -1 && index < extreme; index = text.indexOf('\n', index + 1)) lineCounter.addNewLine(index + 1);
    parsed.problems.push({ message: `nesting deeper than ${limits.maxDepth} levels (maxDepth); the file is not parsed`, offset: extreme });
    return parsed;
  }
  const documents: Document.Parsed[] = [];
  const withAliases: boolean[] = []; // per document, in order
  try {
    const parser = new Parser(lineCounter.addNewLine);
    const composer = new Composer(COMPOSE_OPTIONS);
    let count = 0;
    for (const token of parser.parse(source)) {
      let next = token;
      if (token.type === 'document') {
        if (++count > limits.maxDocuments) {
          parsed.problems.push({ message: `more than ${limits.maxDocuments} documents in one file (maxDocuments); the documents from here on are not linted`, offset: token.offset });
          break;
        }
        const tree = checkSyntaxTree(token as CstToken, limits.maxDepth);
        withAliases.push(tree.aliases);
        if (tree.deepAt !== undefined) {
          parsed.problems.push({ message: `document ${count} is nested deeper than ${limits.maxDepth} levels (maxDepth)`, offset: tree.deepAt });
          next = { ...token, value: undefined }; // keeps the document (and the numbering) without its content
        }
      }
      for (const document of composer.next(next)) documents.push(document as Document.Parsed);
    }
    for (const document of composer.end()) documents.push(document as Document.Parsed);
    for (const error of composer.streamInfo().errors) parsed.problems.push({ message: syntaxMessage(error.message, text), offset: error.pos?.[0] });
  } catch (error) {
    // A RangeError (stack) or any parser failure: the file is reported, the run goes on.
    parsed.problems.push({ message: `cannot parse YAML: ${describe(error)}` });
    return parsed;
  }
  const failed = new Set(documents.flatMap((document, index) => (document.errors.length && withAliases[index] !== undefined ? [index] : [])));
  const lenient = failed.size
    ? (require('./lenient-yaml') as typeof import('./lenient-yaml')).reparseLeniently(source, failed, documents.length, COMPOSE_OPTIONS)
    : new Map<number, { document: Document.Parsed; at: number }>();
  documents.forEach((original, index) => {
    const document = lenient.get(index)?.document ?? original;
    const errors = document.errors;
    if (errors.length) {
      // The first error is the cause; the ones after it are mostly its echoes.
      parsed.problems.push({ message: syntaxMessage(errors[0].message, text), offset: errors[0].pos?.[0] });
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      const message = describe(error);
      const bomb = /alias count|resource exhaustion/i.test(message);
      parsed.problems.push({
        message: bomb ? `document ${index + 1} expands aliases beyond the limit of ${limits.maxAliasCount} (an alias bomb?)` : `cannot read document ${index + 1}: ${message}`,
        offset: document.contents?.range?.[0] ?? document.range?.[0],
      });
      return;
    }
    if (value === null || value === undefined) return;
    if ((withAliases[index] !== false || lenient.has(index)) && exceedsDepth(value, limits.maxDepth)) {
      // Deep through aliases: the text itself passed the syntax-tree check.
      parsed.problems.push({ message: `document ${index + 1} is nested deeper than ${limits.maxDepth} levels once its aliases are expanded (maxDepth; an alias cycle?)`, offset: document.contents?.range?.[0] ?? document.range?.[0] });
      return;
    }
    if (!isKubernetesObject(value)) return;
    const objects: ParsedObject[] = [];
    const partial = (offset: number | undefined) => (parsed.partials ??= []).push(offset ?? document.range[0]);
    if (isList(value)) {
      (value.items as unknown[]).forEach((item, itemIndex) => {
        if (!isKubernetesObject(item)) return;
        if (isPartialObject(item)) partial((document.getIn(['items', itemIndex], true) as { range?: number[] } | undefined)?.range?.[0]);
        else objects.push({ object: item, pathPrefix: ['items', itemIndex] });
      });
    } else if (isPartialObject(value)) {
      partial(document.contents?.range?.[0]);
      return;
    } else {
      objects.push({ object: value, pathPrefix: [] });
      objects.push(...embeddedDeployments(value));
    }
    const lenientAt = lenient.get(index)?.at;
    parsed.documents.push(lenientAt === undefined ? { document, index, objects } : { document, index, objects, lenientAt });
  });
  return parsed;
}
