// Kustomize: roots are built with `kustomize build` (or `kubectl kustomize`) through a temporary wrapper
// kustomization that asks for origin annotations, so the user's files are never touched; each built object is then
// mapped back to the resource or patch a person edits (see docs/helm-and-kustomize.md).
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, parseDocument, Scalar, type Document, type Node, type Pair } from 'yaml';
import { offsetsToRange } from '../engine/positions';
import type { Finding, KubeObject, Origin, Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { buildFinding, BUILD_ERROR, BUILD_SKIPPED } from './build-findings';
import { findExecutable, offlineEnv, runTool, toolMessage, type ToolClock } from './external-tool';
import { displayFile, existingDepth, positionIn, sameScalar, translatePath, valueAt, type SourcePosition } from './origin';
import type { KustomizeSettings } from './source-settings';
import { parseManifest, type LoadLimits, type ParsedFile } from './yaml-loader';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The kustomization file of `dir`, when `dir` is a Kustomize root or component. */
export function kustomizationFile(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const file = join(dir, name);
    if (isFile(file)) return file;
  }
  return undefined;
}

/**
 * True when a resource/base/component entry is remote (a Git repository or URL). Like kustomize, an entry that
 * exists locally is local; otherwise URLs, go-getter forms, `?ref=` and host-like first segments are remote.
 */
export function isRemoteReference(value: string, dir: string): boolean {
  if (existsSync(resolve(dir, value))) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  if (/^git(::|@)/i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value)) return true;
  if (/\?(ref|version|submodules|timeout)=/.test(value)) return true;
  if (/\.git(\/\/|\/|\?|$)/.test(value) || /[^:/]\/\/[^/]/.test(value)) return true;
  return !value.startsWith('.') && /^[^/]+\.[a-z]{2,}(:\d+)?\//i.test(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Source files (resources, patches, kustomizations), parsed once per run.

export interface SourceDocument {
  document: Document;
  value: unknown;
  objects: Array<{ object: KubeObject; prefix: Path }>;
}

export interface SourceFile {
  file: string;
  text: string;
  lineCounter: LineCounter;
  documents: SourceDocument[];
}

export class SourceCache {
  private readonly files = new Map<string, SourceFile | undefined>();

  load(file: string): SourceFile | undefined {
    if (this.files.has(file)) return this.files.get(file);
    let loaded: SourceFile | undefined;
    try {
      loaded = parseSource(file, readFileSync(file, 'utf8'));
    } catch {
      loaded = undefined;
    }
    this.files.set(file, loaded);
    return loaded;
  }
}

export function parseSource(file: string, rawText: string): SourceFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const source: SourceFile = { file, text, lineCounter, documents: [] };
  const documents = parseAllDocuments(text, { version: '1.1', merge: true, lineCounter, prettyErrors: false });
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    if (document.errors.length) continue;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const objects: SourceDocument['objects'] = [];
    if (isRecord(value) && typeof value.kind === 'string') {
      if (value.kind.endsWith('List') && Array.isArray(value.items)) {
        value.items.forEach((item, index) => {
          if (isRecord(item)) objects.push({ object: item as KubeObject, prefix: ['items', index] });
        });
      } else {
        objects.push({ object: value as KubeObject, prefix: [] });
      }
    }
    source.documents.push({ document, value, objects });
  }
  return source;
}

// ---------------------------------------------------------------------------------------------------------------
// Kustomization files and the graph of what they reference.

export type ReferenceRole = 'resource' | 'component' | 'patch' | 'config';

export interface Reference {
  role: ReferenceRole;
  /** Absolute path of the file or directory. */
  target: string;
  directory: boolean;
  /** Path of the entry inside the kustomization document. */
  entry: Path;
}

export interface PatchEntry {
  /** Path of the entry inside the kustomization document (`['patches', 0]`). */
  entry: Path;
  target?: Record<string, unknown>;
  /** The patch file, or the kustomization itself for inline patches. */
  file: string;
  /** Parsed patch documents, each with a way to turn a path in it into a position in `file`. */
  documents: Array<{ value: unknown; locate: (path: Path) => SourcePosition }>;
}

export interface Kustomization {
  dir: string;
  file: string;
  kind: 'Kustomization' | 'Component';
  source: SourceFile;
  document?: Document;
  data: Record<string, unknown>;
  references: Reference[];
  remote: Array<{ value: string; entry: Path }>;
  /** Entries kubeguard refuses before building (e.g. helmCharts), with the reason. */
  unsupported: Array<{ message: string; entry: Path }>;
  patches?: PatchEntry[];
}

function strings(value: unknown): Array<[number, string]> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): Array<[number, string]> => (typeof item === 'string' ? [[index, item]] : []));
}

function isInline(value: string): boolean {
  return value.includes('\n') || /^\s*(apiVersion|kind|metadata|-\s+op)\s*:/.test(value);
}

export class KustomizeGraph {
  private readonly kustomizations = new Map<string, Kustomization | undefined>();
  /** Resource files, with the kustomization entries that list them. */
  readonly listedBy = new Map<string, Array<{ kustomization: Kustomization; entry: Path }>>();

  constructor(readonly sources: SourceCache) {}

  load(dir: string): Kustomization | undefined {
    if (this.kustomizations.has(dir)) return this.kustomizations.get(dir);
    const file = kustomizationFile(dir);
    let kustomization: Kustomization | undefined;
    const source = file ? this.sources.load(file) : undefined;
    if (file && source) {
      const first = source.documents[0];
      const data = isRecord(first?.value) ? first.value : {};
      kustomization = { dir, file, kind: data.kind === 'Component' ? 'Component' : 'Kustomization', source, document: first?.document, data, references: [], remote: [], unsupported: [] };
      this.readReferences(kustomization);
    }
    this.kustomizations.set(dir, kustomization);
    return kustomization;
  }

  private readReferences(k: Kustomization): void {
    const { data, dir } = k;
    const add = (role: ReferenceRole, value: string, entry: Path) => {
      const target = resolve(dir, value);
      const directory = isDirectory(target);
      k.references.push({ role, target, directory, entry });
      if (role === 'resource' && !directory) {
        const list = this.listedBy.get(target) ?? [];
        list.push({ kustomization: k, entry });
        this.listedBy.set(target, list);
      }
    };
    for (const key of ['resources', 'bases', 'components'] as const) {
      for (const [index, value] of strings(data[key])) {
        if (isRemoteReference(value, dir)) k.remote.push({ value, entry: [key, index] });
        else add(key === 'components' ? 'component' : 'resource', value, [key, index]);
      }
    }
    for (const [index, value] of strings(data.patchesStrategicMerge)) if (!isInline(value)) add('patch', value, ['patchesStrategicMerge', index]);
    for (const key of ['patches', 'patchesJson6902', 'replacements'] as const) {
      if (!Array.isArray(data[key])) continue;
      (data[key] as unknown[]).forEach((item, index) => {
        if (isRecord(item) && typeof item.path === 'string') add(key === 'replacements' ? 'config' : 'patch', item.path, [key, index, 'path']);
      });
    }
    for (const key of ['configMapGenerator', 'secretGenerator'] as const) {
      if (!Array.isArray(data[key])) continue;
      (data[key] as unknown[]).forEach((item, index) => {
        if (!isRecord(item)) return;
        for (const [fileIndex, value] of strings(item.files)) add('config', value.includes('=') ? value.slice(value.indexOf('=') + 1) : value, [key, index, 'files', fileIndex]);
        for (const [envIndex, value] of strings(item.envs)) add('config', value, [key, index, 'envs', envIndex]);
        if (typeof item.env === 'string') add('config', item.env, [key, index, 'env']);
      });
    }
    for (const key of ['crds', 'configurations', 'generators', 'transformers', 'validators'] as const) {
      for (const [index, value] of strings(data[key])) if (!isInline(value)) add('config', value, [key, index]);
    }
    if (isRecord(data.openapi) && typeof data.openapi.path === 'string') add('config', data.openapi.path, ['openapi', 'path']);
    if (data.helmCharts !== undefined) {
      k.unsupported.push({
        entry: ['helmCharts'],
        message: 'helmCharts needs kustomize --enable-helm, which runs helm and may download charts; kubeguard builds offline. Render the chart into a file and list that file in resources, or lint the chart directory itself',
      });
    }
  }

  /** Every kustomization and file a root builds from (following bases and components), with remote entries found. */
  closure(rootDir: string): { kustomizations: Kustomization[]; files: Map<string, ReferenceRole>; missing: string[] } {
    const kustomizations: Kustomization[] = [];
    const files = new Map<string, ReferenceRole>();
    const missing: string[] = [];
    const seen = new Set<string>();
    const queue = [rootDir];
    while (queue.length) {
      const dir = queue.shift()!;
      if (seen.has(dir)) continue;
      seen.add(dir);
      const k = this.load(dir);
      if (!k) {
        missing.push(dir);
        continue;
      }
      kustomizations.push(k);
      files.set(k.file, 'config');
      for (const reference of k.references) {
        if (reference.directory && (reference.role === 'resource' || reference.role === 'component')) queue.push(reference.target);
        else if (!files.has(reference.target) || reference.role === 'resource') files.set(reference.target, reference.role);
      }
    }
    return { kustomizations, files, missing };
  }

  /** Patches of a kustomization, parsed (files and inline), for origin mapping. */
  patches(k: Kustomization): PatchEntry[] {
    if (k.patches) return k.patches;
    const entries: PatchEntry[] = [];
    const fromFile = (file: string, entry: Path, target?: Record<string, unknown>) => {
      const source = this.sources.load(file);
      if (!source) return;
      entries.push({
        entry,
        target,
        file,
        documents: source.documents.map((document) => ({ value: document.value, locate: (path: Path) => positionIn(source, document.document, path) })),
      });
    };
    const inline = (entry: Path, target?: Record<string, unknown>) => {
      if (!k.document) return;
      const node = k.document.getIn(entry, true) as Node | undefined;
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const documents = inlineDocuments(k.source, node);
      if (documents.length) entries.push({ entry, target, file: k.file, documents });
    };
    const { data } = k;
    for (const [index, value] of strings(data.patchesStrategicMerge)) {
      if (isInline(value)) inline(['patchesStrategicMerge', index]);
      else fromFile(resolve(k.dir, value), ['patchesStrategicMerge', index]);
    }
    for (const key of ['patches', 'patchesJson6902'] as const) {
      if (!Array.isArray(data[key])) continue;
      (data[key] as unknown[]).forEach((item, index) => {
        if (!isRecord(item)) return;
        const target = isRecord(item.target) ? item.target : undefined;
        if (typeof item.path === 'string') fromFile(resolve(k.dir, item.path), [key, index], target);
        else if (typeof item.patch === 'string') inline([key, index, 'patch'], target);
      });
    }
    k.patches = entries;
    return entries;
  }
}

/**
 * Documents of a patch written inline in a kustomization (`patch: |-`). A literal block scalar keeps its lines, so a
 * position in the patch text maps to the kustomization line below the `|` plus the block's indentation; other
 * scalar styles map to the scalar itself.
 */
function inlineDocuments(source: SourceFile, node: Scalar): PatchEntry['documents'] {
  const text = String(node.value);
  let inner: SourceFile;
  try {
    inner = parseSource(source.file, text);
  } catch {
    return [];
  }
  const start = node.range?.[0] ?? 0;
  const at = offsetsToRange(source.lineCounter, source.text, [start, start + 1]);
  let map: (position: SourcePosition) => SourcePosition = () => ({ line: at.line, column: at.column });
  if (node.type === Scalar.BLOCK_LITERAL) {
    const fileLines = source.text.split('\n');
    const firstContent = fileLines.slice(at.line).findIndex((line) => line.trim() !== '');
    const innerFirst = text.split('\n').find((line) => line.trim() !== '') ?? '';
    if (firstContent >= 0) {
      const fileIndent = fileLines[at.line + firstContent].match(/^ */)![0].length;
      const indent = fileIndent - innerFirst.match(/^ */)![0].length;
      // Leading blank lines are dropped from the scalar's value but still occupy lines in the file.
      const leading = firstContent - text.split('\n').findIndex((line) => line.trim() !== '');
      map = (position) => ({ line: at.line + leading + position.line, column: position.column + indent });
    }
  }
  return inner.documents.map((document) => ({ value: document.value, locate: (path: Path) => map(positionIn(inner, document.document, path)) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Matching patches and transformers to a built object.

function compileName(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

/** A name in a patch or target, against a built name that may carry a prefix, suffix or generator hash. */
/** A strategic merge patch without a target names its object: kind and name (the name before later prefixes and suffixes). */
function namesItsTarget(patchDoc: Record<string, unknown>, object: KubeObject, name: string): boolean {
  const patchName = isRecord(patchDoc.metadata) && typeof patchDoc.metadata.name === 'string' ? patchDoc.metadata.name : undefined;
  return patchDoc.kind === object.kind && !!patchName && nameMatches(patchName, name);
}

function nameMatches(pattern: string, built: string): boolean {
  if (pattern === built || built.includes(pattern)) return true;
  if (compileName(pattern)?.test(built)) return true;
  // A regex written for the base name, before a later namePrefix/nameSuffix: search instead of a full match.
  try {
    return new RegExp(pattern).test(built);
  } catch {
    return false;
  }
}

function labelsOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, label]) => [key, String(label)]));
}

/** A label selector string (`app=web,tier in (a,b),!legacy`) against labels; an unreadable selector matches. */
export function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  const requirements = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  for (const raw of requirements) {
    const requirement = raw.trim();
    if (!requirement) continue;
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(requirement))) {
      const [, key, op, value] = match;
      if (op === '!=' ? labels[key] === value : labels[key] !== value) return false;
    } else if ((match = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(requirement))) {
      const values = match[3].split(',').map((value) => value.trim());
      const has = match[1] in labels && values.includes(labels[match[1]]);
      if (match[2] === 'in' ? !has : has) return false;
    } else if ((match = /^!\s*([\w./-]+)$/.exec(requirement))) {
      if (match[1] in labels) return false;
    } else if ((match = /^([\w./-]+)$/.exec(requirement))) {
      if (!(match[1] in labels)) return false;
    }
  }
  return true;
}

function targetMatches(target: Record<string, unknown>, object: KubeObject): boolean {
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  const namespace = typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : '';
  const [group, version] = typeof object.apiVersion === 'string' && object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion ?? ''];
  const pattern = (value: unknown, actual: string) => typeof value !== 'string' || compileName(value)?.test(actual) !== false;
  if (typeof target.kind === 'string' && !pattern(target.kind, String(object.kind))) return false;
  if (typeof target.group === 'string' && target.group !== group) return false;
  if (typeof target.version === 'string' && target.version !== version) return false;
  if (typeof target.name === 'string' && !nameMatches(target.name, name)) return false;
  if (typeof target.namespace === 'string' && namespace && !pattern(target.namespace, namespace)) return false;
  if (typeof target.labelSelector === 'string' && !selectorMatches(target.labelSelector, labelsOf(object.metadata?.labels))) return false;
  if (typeof target.annotationSelector === 'string' && !selectorMatches(target.annotationSelector, labelsOf(object.metadata?.annotations))) return false;
  return true;
}

/** JSON pointer (`/spec/containers/0/image`) to path segments, numbers where the built object has a list. */
function pointerPath(pointer: string, built: unknown): Path | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const path: Array<string | number> = [];
  let node = built;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = segment === '-' ? node.length - 1 : Number(segment);
      if (!Number.isInteger(index)) return undefined;
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = isRecord(node) ? node[segment] : undefined;
    }
  }
  return path;
}

interface Candidate {
  /** Matched segments of the reported path. */
  depth: number;
  file: string;
  position: SourcePosition;
  /** The value the candidate sets at the reported path, when it reaches it. */
  value?: unknown;
}

/** Where each patch of `k` that targets `object` sets the deepest part of `path`. */
function patchCandidates(graph: KustomizeGraph, k: Kustomization, object: KubeObject, path: Path): Candidate[] {
  const candidates: Candidate[] = [];
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  for (const patch of graph.patches(k)) {
    if (patch.target && !targetMatches(patch.target, object)) continue;
    for (const document of patch.documents) {
      if (Array.isArray(document.value)) {
        // JSON 6902: an op whose pointer is a prefix of the path sets it (or a parent of it) through `value`.
        if (!patch.target) continue;
        document.value.forEach((op, opIndex) => {
          if (!isRecord(op) || (op.op !== 'add' && op.op !== 'replace') || typeof op.path !== 'string') return;
          const pointer = pointerPath(op.path, object);
          if (!pointer || pointer.length > path.length || pointer.some((segment, index) => String(segment) !== String(path[index]))) return;
          const rest = path.slice(pointer.length);
          const translated = translatePath(valueAt(object, pointer), op.value, rest);
          const depth = pointer.length + translated.depth;
          const position = document.locate([opIndex, 'value', ...translated.path]);
          candidates.push({ depth, file: patch.file, position, value: translated.depth === rest.length ? valueAt(op.value, translated.path) : undefined });
        });
        continue;
      }
      if (!isRecord(document.value)) continue;
      const patchDoc = document.value;
      if (!patch.target && !namesItsTarget(patchDoc, object, name)) continue;
      const translated = translatePath(object, patchDoc, path);
      if (translated.depth === 0) continue;
      candidates.push({
        depth: translated.depth,
        file: patch.file,
        position: document.locate(translated.path),
        value: translated.depth === path.length ? valueAt(patchDoc, translated.path) : undefined,
      });
    }
  }
  return candidates;
}

function imageName(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** The kustomization field of a transformer that explains a value the resource does not have (images, namePrefix...). */
function transformerEntry(k: Kustomization, object: KubeObject, path: Path, sourceValue: unknown): Path | undefined {
  const { data } = k;
  const last = path[path.length - 1];
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'name') {
    if (data.namePrefix !== undefined) return ['namePrefix'];
    if (data.nameSuffix !== undefined) return ['nameSuffix'];
  }
  if (last === 'namespace' && data.namespace !== undefined) return ['namespace'];
  if (last === 'image' && Array.isArray(data.images)) {
    const names = [imageName(sourceValue), imageName(valueAt(object, path))];
    const index = data.images.findIndex((entry) => isRecord(entry) && typeof entry.name === 'string' && names.includes(entry.name));
    if (index >= 0) {
      const entry = data.images[index] as Record<string, unknown>;
      const key = ['digest', 'newTag', 'newName'].find((field) => entry[field] !== undefined);
      return key ? ['images', index, key] : ['images', index];
    }
  }
  const labelKey = path.includes('labels') || path.includes('matchLabels') || path.includes('selector') ? path[path.length - 1] : undefined;
  if (labelKey !== undefined) {
    if (isRecord(data.commonLabels)) return typeof labelKey === 'string' && Object.hasOwn(data.commonLabels, labelKey) ? ['commonLabels', labelKey] : ['commonLabels'];
    if (Array.isArray(data.labels)) {
      const index = data.labels.findIndex((entry) => isRecord(entry) && isRecord(entry.pairs) && typeof labelKey === 'string' && Object.hasOwn(entry.pairs, labelKey));
      if (index >= 0) return ['labels', index, 'pairs', labelKey];
    }
  }
  if (path.includes('annotations') && isRecord(data.commonAnnotations)) {
    return typeof last === 'string' && Object.hasOwn(data.commonAnnotations, last) ? ['commonAnnotations', last] : ['commonAnnotations'];
  }
  if (path.length === 2 && path[0] === 'spec' && path[1] === 'replicas' && Array.isArray(data.replicas)) {
    const name = String(object.metadata?.name ?? '');
    const index = data.replicas.findIndex((entry) => isRecord(entry) && typeof entry.name === 'string' && nameMatches(entry.name, name));
    if (index >= 0) return ['replicas', index, 'count'];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Origins of built objects.

interface OriginAnnotation {
  path?: string;
  repo?: string;
  configuredIn?: string;
  configuredBy?: { kind?: string; name?: string };
}

export interface BuiltDocumentInfo {
  origin?: OriginAnnotation;
  /** Kustomization files whose transformers ran over the object, in order (absolute). */
  transformedIn: string[];
}

function parseAnnotation(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return parseDocument(value).toJS();
  } catch {
    return undefined;
  }
}

/** The annotation's value (a YAML block) as the document info records it. */
function recordAnnotation(info: BuiltDocumentInfo, key: string, raw: string, wrapperDir: string): void {
  const value = parseAnnotation(raw);
  if (key === ORIGIN_ANNOTATION && isRecord(value)) {
    info.origin = value as OriginAnnotation;
  } else if (key === TRANSFORMATIONS_ANNOTATION && Array.isArray(value)) {
    for (const item of value) {
      if (isRecord(item) && typeof item.configuredIn === 'string') {
        const file = resolve(wrapperDir, item.configuredIn);
        if (!info.transformedIn.includes(file)) info.transformedIn.push(file);
      }
    }
  }
}

const OUR_ANNOTATION_LINE = /^ {4}(config\.kubernetes\.io\/origin|alpha\.config\.kubernetes\.io\/transformations): \|-?$/;

/**
 * Removes kubeguard's origin annotations from build output text; returns the clean text and each document's info.
 * One pass over the lines of kustomize's canonical output (`metadata:` at column 0, annotations at 4 spaces, values as
 * `|` blocks): the output is parsed once, for linting, not once more here. Output in any other shape falls back to
 * a YAML parse.
 */
export function stripOriginAnnotations(text: string, wrapperDir: string): { text: string; documents: BuiltDocumentInfo[] } {
  const documents: BuiltDocumentInfo[] = [{ transformedIn: [] }];
  const kept: string[] = [];
  let found = 0;
  let section: 'other' | 'metadata' | 'annotations' = 'other';
  let annotationsLine = -1; // index in `kept` of the current `  annotations:` line
  let annotationsKept = 0;
  const closeAnnotations = () => {
    if (annotationsLine >= 0 && annotationsKept === 0) kept[annotationsLine] = '\u0000';
    annotationsLine = -1;
  };
  let position = 0;
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const next = newline === -1 ? text.length : newline + 1;
    const line = text.slice(position, newline === -1 ? text.length : newline);
    const whole = text.slice(position, next);
    position = next;
    if (line === '---' || line.startsWith('--- ')) {
      closeAnnotations();
      section = 'other';
      documents.push({ transformedIn: [] });
      kept.push(whole);
      continue;
    }
    if (!line.startsWith(' ') && line !== '') {
      closeAnnotations();
      section = line === 'metadata:' ? 'metadata' : 'other';
    } else if (section === 'annotations' && !line.startsWith('    ') && line !== '') {
      closeAnnotations();
      section = 'metadata';
    }
    if (section === 'metadata' && line === '  annotations:') {
      section = 'annotations';
      annotationsLine = kept.length;
      annotationsKept = 0;
    } else if (section === 'annotations') {
      const match = OUR_ANNOTATION_LINE.exec(line);
      if (match) {
        // The block: the following lines indented deeper than the key (blank lines inside it included).
        const block: string[] = [];
        while (position < text.length) {
          const end = text.indexOf('\n', position);
          const candidate = text.slice(position, end === -1 ? text.length : end);
          if (!(candidate.startsWith('      ') || (candidate === '' && end !== -1 && text.startsWith('      ', end + 1)))) break;
          block.push(candidate.slice(6));
          position = end === -1 ? text.length : end + 1;
        }
        recordAnnotation(documents[documents.length - 1], match[1], block.join('\n') + '\n', wrapperDir);
        found++;
        continue;
      }
      if (line.startsWith('    ') && !line.startsWith('     ')) annotationsKept++;
    }
    kept.push(whole);
  }
  closeAnnotations();
  // Anything the scan did not see in the shape it expects: parse instead of guessing.
  const expected = countOccurrences(text, `${ORIGIN_ANNOTATION}:`) + countOccurrences(text, `${TRANSFORMATIONS_ANNOTATION}:`);
  if (found !== expected) return stripOriginAnnotationsParsed(text, wrapperDir);
  return { text: kept.filter((line) => line !== '\u0000').join(''), documents };
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** stripOriginAnnotations through a YAML parse: for build output not in kustomize's canonical layout. */
export function stripOriginAnnotationsParsed(text: string, wrapperDir: string): { text: string; documents: BuiltDocumentInfo[] } {
  const documents = parseAllDocuments(text);
  const infos: BuiltDocumentInfo[] = [];
  const cuts: Array<[number, number]> = [];
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = (offset: number) => {
    if (offset > 0 && text[offset - 1] === '\n') return offset;
    const next = text.indexOf('\n', offset);
    return next === -1 ? text.length : next + 1;
  };
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    const info: BuiltDocumentInfo = { transformedIn: [] };
    infos.push(info);
    const root = document.contents;
    if (!isMap(root)) continue;
    const metadata = (root.items as Pair<Node, Node>[]).find((pair) => isScalar(pair.key) && pair.key.value === 'metadata')?.value;
    if (!isMap(metadata)) continue;
    const annotationsPair = (metadata.items as Pair<Node, Node>[]).find((pair) => isScalar(pair.key) && pair.key.value === 'annotations');
    const annotations = annotationsPair?.value;
    if (!annotationsPair || !isMap(annotations)) continue;
    const pairs = annotations.items as Pair<Node, Node>[];
    const ours = pairs.filter((pair) => isScalar(pair.key) && (pair.key.value === ORIGIN_ANNOTATION || pair.key.value === TRANSFORMATIONS_ANNOTATION));
    for (const pair of ours) {
      const value = parseAnnotation(isScalar(pair.value) ? pair.value.value : undefined);
      if ((pair.key as Scalar).value === ORIGIN_ANNOTATION && isRecord(value)) {
        info.origin = value as OriginAnnotation;
      } else if (Array.isArray(value)) {
        for (const item of value) {
          if (isRecord(item) && typeof item.configuredIn === 'string') {
            const file = resolve(wrapperDir, item.configuredIn);
            if (!info.transformedIn.includes(file)) info.transformedIn.push(file);
          }
        }
      }
    }
    if (!ours.length) continue;
    if (ours.length === pairs.length) {
      const [start] = annotationsPair.key.range!;
      cuts.push([lineStart(start), lineEnd(annotations.range![1])]);
    } else {
      for (const pair of ours) cuts.push([lineStart(pair.key.range![0]), lineEnd(pair.value!.range![1])]);
    }
  }
  let clean = text;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) clean = clean.slice(0, start) + clean.slice(end);
  return { text: clean, documents: infos };
}

export interface OriginContext {
  cwd: string;
  graph: KustomizeGraph;
  wrapperDir: string;
}

type SourceEntry = { document: SourceDocument; object: KubeObject; prefix: Path };

// The objects of a source file by kind, built once per file: every finding of every build looks its object up here.
const objectsByKind = new WeakMap<SourceFile, Map<unknown, SourceEntry[]>>();

function sourceObjectsOfKind(source: SourceFile, kind: unknown): SourceEntry[] {
  let byKind = objectsByKind.get(source);
  if (!byKind) {
    byKind = new Map();
    for (const document of source.documents) {
      for (const entry of document.objects) {
        const list = byKind.get(entry.object.kind) ?? [];
        list.push({ document, ...entry });
        byKind.set(entry.object.kind, list);
      }
    }
    objectsByKind.set(source, byKind);
  }
  return byKind.get(kind) ?? [];
}

function findSourceObject(source: SourceFile, object: KubeObject): SourceEntry | undefined {
  const builtName = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  const sameKind = sourceObjectsOfKind(source, object.kind);
  const nameOf = (entry: SourceEntry) => (typeof entry.object.metadata?.name === 'string' ? entry.object.metadata.name : '');
  const exact = sameKind.filter((entry) => nameOf(entry) === builtName);
  if (exact.length) {
    const namespace = object.metadata?.namespace;
    return exact.find((entry) => entry.object.metadata?.namespace === namespace) ?? exact[0];
  }
  // namePrefix / nameSuffix: the longest source name inside the built name.
  const contained = sameKind.filter((entry) => nameOf(entry) && builtName.includes(nameOf(entry))).sort((a, b) => nameOf(b).length - nameOf(a).length);
  if (contained.length) return contained[0];
  return sameKind.length === 1 ? sameKind[0] : undefined;
}

function kustomizationPosition(k: Kustomization, entry: Path): SourcePosition | undefined {
  if (!k.document) return undefined;
  return positionIn(k.source, k.document, entry);
}

/**
 * The origin of `path` in a built object: the resource file when the value is there, the last patch that sets it,
 * the kustomization field of a transformer that changed it, else the kustomization entry that brings the resource in.
 */
export function resolveKustomizeOrigin(path: Path, object: KubeObject, info: BuiltDocumentInfo, context: OriginContext): Origin | undefined {
  const { graph, cwd } = context;
  const at = (file: string, position?: SourcePosition): Origin => ({ file: displayFile(cwd, file), ...(position ?? {}), via: 'kustomize' });
  const chain = info.transformedIn.map((file) => graph.load(dirname(file))).filter((k): k is Kustomization => k !== undefined);
  // The engine reports a missing field at its nearest existing parent: map that same place.
  const existing = path.slice(0, existingDepth(object, path));
  const reported = existing.length === path.length;
  const builtValue = valueAt(object, existing);

  if (info.origin?.configuredIn) {
    // A generated object (configMapGenerator, secretGenerator): the generator entry.
    const k = graph.load(dirname(resolve(context.wrapperDir, info.origin.configuredIn)));
    if (!k) return undefined;
    const kind = info.origin.configuredBy?.kind === 'SecretGenerator' ? 'secretGenerator' : 'configMapGenerator';
    const name = String(object.metadata?.name ?? '');
    const entries = Array.isArray(k.data[kind]) ? (k.data[kind] as unknown[]) : [];
    const matches = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => isRecord(entry) && typeof entry.name === 'string' && nameMatches(entry.name, name));
    const best = matches.sort((a, b) => String((b.entry as { name: string }).name).length - String((a.entry as { name: string }).name).length)[0];
    return at(k.file, kustomizationPosition(k, best ? [kind, best.index] : [kind]));
  }
  if (!info.origin?.path) return undefined;
  const resourceFile = resolve(context.wrapperDir, info.origin.path);
  const source = graph.sources.load(resourceFile);
  const found = source ? findSourceObject(source, object) : undefined;

  const candidates: Array<Candidate & { patch: boolean }> = [];
  let resourceValue: unknown;
  if (source && found) {
    const translated = translatePath(object, found.object, existing);
    if (translated.depth === existing.length) resourceValue = valueAt(found.object, translated.path);
    candidates.push({
      depth: translated.depth,
      file: resourceFile,
      position: positionIn(source, found.document.document, [...found.prefix, ...translated.path]),
      value: resourceValue,
      patch: false,
    });
  }
  for (const k of chain) for (const candidate of patchCandidates(graph, k, object, existing)) candidates.push({ ...candidate, patch: true });

  const full = candidates.filter((candidate) => candidate.depth === existing.length);
  const isScalarValue = builtValue === null || typeof builtValue !== 'object';
  const agrees = (candidate: Candidate) => !isScalarValue || sameScalar(candidate.value, builtValue);
  if (reported) {
    // The value is in the build: the last patch that sets it to that value, else the resource when it has it.
    const patch = [...full].reverse().find((candidate) => candidate.patch && agrees(candidate));
    if (patch) return at(patch.file, patch.position);
    const resource = full.find((candidate) => !candidate.patch && agrees(candidate));
    if (resource) return at(resource.file, resource.position);
  } else {
    // A missing field: where its nearest existing parent is written, the resource first (where the object is defined).
    const parent = full.find((candidate) => !candidate.patch) ?? [...full].reverse().find((candidate) => candidate.patch);
    if (parent) return at(parent.file, parent.position);
  }
  // Set or changed by a transformer (images, namePrefix, namespace, labels...): its field in the kustomization.
  const sourceValue = found ? valueAt(found.object, translatePath(object, found.object, existing).path) : undefined;
  for (const k of [...chain].reverse()) {
    const entry = transformerEntry(k, object, existing, sourceValue);
    if (entry) return at(k.file, kustomizationPosition(k, entry));
  }
  // Otherwise the kustomization line that brings the resource in.
  const listings = graph.listedBy.get(resourceFile) ?? [];
  const listing = listings.find((item) => chain.includes(item.kustomization)) ?? listings[0];
  if (listing) return at(listing.kustomization.file, kustomizationPosition(listing.kustomization, listing.entry));
  return at(resourceFile);
}

// ---------------------------------------------------------------------------------------------------------------
// Where a fix to a built object belongs.

export type KustomizeUse = ReferenceRole | 'unlisted';

/**
 * How the kustomizations in `dirs` and above them (up to `top`) use each of `files` (absolute paths): listed as a
 * resource, a patch, a generator or config input, or 'unlisted' (in a Kustomize directory whose kustomization does not
 * list it). Files no kustomization is near are left out. A resource listing wins over any other use.
 */
export function kustomizeUses(files: readonly string[], dirs: readonly string[], top: string): Map<string, KustomizeUse> {
  const graph = new KustomizeGraph(new SourceCache());
  const seen = new Set<string>();
  const roles = new Map<string, ReferenceRole>();
  for (const start of dirs) {
    for (let dir = start; !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      if (graph.load(dir)) {
        for (const [file, role] of graph.closure(dir).files) if (!roles.has(file) || role === 'resource') roles.set(file, role);
      }
      if (dir === top || dirname(dir) === dir || relative(top, dir).startsWith('..')) break;
    }
  }
  const uses = new Map<string, KustomizeUse>();
  for (const file of files) {
    const role = roles.get(file);
    if (role) uses.set(file, role);
    else if (graph.load(dirname(file))) uses.set(file, 'unlisted');
  }
  return uses;
}

/** A fix of a built object, moved to the resource that defines it (or the reason it cannot be). */
export type FixTarget = { file: string; documentOffset: number; path: Path } | { refused: string };

/** The first patch of `chain` that sets `path` (or deletes or replaces a parent of it) in `object`, by file. */
function patchTouching(graph: KustomizeGraph, chain: readonly Kustomization[], object: KubeObject, path: Path): string | undefined {
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  for (const k of chain) {
    for (const patch of graph.patches(k)) {
      if (patch.target && !targetMatches(patch.target, object)) continue;
      for (const document of patch.documents) {
        if (Array.isArray(document.value)) {
          if (!patch.target) continue;
          const touches = document.value.some((op) => {
            if (!isRecord(op) || typeof op.path !== 'string') return true; // unreadable: assume the worst
            const pointer = pointerPath(op.path, object);
            return !pointer || (pointer.length <= path.length && pointer.every((segment, index) => String(segment) === String(path[index])));
          });
          if (touches) return patch.file;
          continue;
        }
        if (!isRecord(document.value)) continue;
        const patchDoc = document.value;
        if (!patch.target && !namesItsTarget(patchDoc, object, name)) continue;
        // A strategic merge patch adds to maps: it only matters when it sets the field itself, or nulls, replaces or
        // deletes a map on the way to it.
        const translated = translatePath(object, patchDoc, path);
        if (translated.depth === path.length) return patch.file;
        for (let depth = 0; depth <= translated.path.length; depth++) {
          const node = valueAt(patchDoc, translated.path.slice(0, depth));
          if (node === null || (isRecord(node) && node.$patch !== undefined)) return patch.file;
        }
      }
    }
  }
  return undefined;
}

/**
 * Where `set path` on a built object goes: the same field of the object in the resource file that defines it (list
 * items matched by name, as origins are), when no patch or generator decides that field. Patches are never fixed:
 * a field added there would override the base for every build that uses them.
 */
export function resolveFixTarget(path: Path, object: KubeObject, info: BuiltDocumentInfo, context: OriginContext): FixTarget {
  if (info.origin?.configuredIn) return { refused: 'the object comes from a kustomization generator' };
  if (!info.origin?.path) return { refused: 'the build does not say which file defines the object' };
  const resourceFile = resolve(context.wrapperDir, info.origin.path);
  const source = context.graph.sources.load(resourceFile);
  const found = source ? findSourceObject(source, object) : undefined;
  if (!source || !found) return { refused: `cannot find the object in ${displayFile(context.cwd, resourceFile)}` };
  const translated = translatePath(object, found.object, path);
  // Every list item on the way (the container) must be found in the resource; the rest are keys the fix adds.
  const lastItem = path.reduce<number>((last, segment, index) => (typeof segment === 'number' ? index : last), -1);
  if (translated.depth <= lastItem) return { refused: `the list item on the way is added by a patch, not by ${displayFile(context.cwd, resourceFile)}` };
  const chain = info.transformedIn.map((file) => context.graph.load(dirname(file))).filter((k): k is Kustomization => k !== undefined);
  const patch = patchTouching(context.graph, chain, object, path);
  if (patch) return { refused: `the patch ${displayFile(context.cwd, patch)} sets that part of the object` };
  // The document is named by where it starts: the fix runner reads the file again and finds it there.
  const documentOffset = found.document.document.range?.[0] ?? 0;
  return { file: resourceFile, documentOffset, path: [...found.prefix, ...translated.path, ...path.slice(translated.depth)] };
}

// ---------------------------------------------------------------------------------------------------------------
// Building.

export interface KustomizeTool {
  file: string;
  /** Arguments before the directory: ['build'] for kustomize, ['kustomize'] for kubectl. */
  args: string[];
}

/** The build command: --kustomize-bin / kustomize.bin, else `kustomize` on PATH, else `kubectl kustomize`. */
export function kustomizeTool(bin: string | undefined, env: NodeJS.ProcessEnv, cwd: string): KustomizeTool | undefined {
  const command = (file: string): KustomizeTool => ({ file, args: /^kubectl(\.exe)?$/i.test(basename(file)) ? ['kustomize'] : ['build'] });
  if (bin) {
    const file = findExecutable(bin, env, cwd);
    return file ? command(file) : undefined;
  }
  const kustomize = findExecutable('kustomize', env, cwd);
  if (kustomize) return command(kustomize);
  const kubectl = findExecutable('kubectl', env, cwd);
  return kubectl ? command(kubectl) : undefined;
}

export function missingKustomizeMessage(roots: readonly string[], bin: string | undefined): string {
  const list = roots.join(', ');
  const what = bin ? `the kustomize binary "${bin}" was not found` : 'neither kustomize nor kubectl is on PATH';
  return `cannot build the Kustomize root${roots.length === 1 ? '' : 's'} ${list}: ${what}. Install kustomize or kubectl, pass --kustomize-bin PATH, or lint the sources as plain files with --no-build.`;
}

/** The build-skipped message when no kustomize tool is installed (a --kustomize-bin that is not found is a usage error). */
export const NO_KUSTOMIZE_TOOL =
  'not built: neither kustomize nor kubectl is on PATH, so its local resources are linted as plain files. Install kustomize or kubectl (or pass --kustomize-bin PATH), or lint plain files only with --no-build.';

export function builtName(cwd: string, root: string): string {
  return `${resolve(cwd) === root ? '.' : displayFile(cwd, root)} (kustomize build)`;
}

export interface BuildOutcome {
  file?: ParsedFile;
  problems: Finding[];
  /** Set when the root was not built: the finding that says why. */
  notBuilt?: Finding;
}

export interface Preflight {
  /** build-error (missing files) and build-skipped (remote entries, helmCharts) findings, at their entries. */
  problems: Finding[];
  /** False when the repository's own files break the build (a build-error): kustomize would fail. */
  buildable: boolean;
  /** Entries left out of the offline build (remote resources, helmCharts): the root is built through a mirror. */
  leftOut: boolean;
}

function entryFinding(k: Kustomization, entry: Path, cwd: string, ruleId: typeof BUILD_ERROR | typeof BUILD_SKIPPED, message: string): Finding {
  return buildFinding(ruleId, displayFile(cwd, k.file), message, kustomizationPosition(k, entry));
}

/**
 * Problems found before building, anywhere in the root's closure: files an entry names that do not exist (a
 * build-error at that entry, reported once however many overlays use it), remote entries and helmCharts (build-skipped:
 * left out of the offline build).
 */
export function preflight(kustomizations: readonly Kustomization[], cwd: string): Preflight {
  const result: Preflight = { problems: [], buildable: true, leftOut: false };
  for (const k of kustomizations) {
    for (const reference of k.references) {
      const value = String(valueAt(k.data, reference.entry));
      const shown = /=/.test(value) && reference.role === 'config' ? value.slice(value.indexOf('=') + 1) : value;
      let message: string | undefined;
      if (!existsSync(reference.target)) message = `"${shown}" does not exist (${displayFile(cwd, reference.target)}): kustomize cannot build this kustomization. Commit the file or remove the entry; a generated or gitignored file must be created before linting.`;
      else if (reference.directory && (reference.role === 'resource' || reference.role === 'component') && !kustomizationFile(reference.target)) {
        message = `"${shown}" is a directory without a kustomization file: kustomize cannot build this kustomization.`;
      }
      if (!message) continue;
      result.problems.push(entryFinding(k, reference.entry, cwd, BUILD_ERROR, message));
      result.buildable = false;
    }
    for (const remote of k.remote) {
      result.leftOut = true;
      result.problems.push(
        entryFinding(
          k,
          remote.entry,
          cwd,
          BUILD_SKIPPED,
          `Remote ${String(remote.entry[0]).replace(/s$/, '')} "${remote.value}" is not fetched: kubeguard builds Kustomize offline and never reaches the network, so it is left out of the build and the rest is linted. Vendor it into the repository to lint it, or lint the full build (kustomize build DIR | kubeguard -).`,
        ),
      );
    }
    for (const unsupported of k.unsupported) {
      result.leftOut = true;
      result.problems.push(entryFinding(k, unsupported.entry, cwd, BUILD_SKIPPED, `${unsupported.message}; it is left out of the build and the rest is linted.`));
    }
  }
  return result;
}

/**
 * kustomize's own error without the chain of "accumulating resources from ..." frames that wrap it once per base,
 * so the cause is not cut off behind them.
 */
export function innermostKustomizeError(message: string): string {
  let text = message.replace(/^"command failed" err=/, '');
  // klog quotes the error (err="…", with \" inside) or brackets a multi-line one (err=< … >).
  if (/^".*"$/s.test(text)) text = text.slice(1, -1).replace(/\\"/g, '"');
  text = text.replace(/^<\s*(.*?)\s*>$/s, '$1');
  const frame = /accumulating resources: accumulation err='accumulating resources from '[^']*': .*?': recursed accumulation of path '[^']*': /s;
  while (frame.test(text)) text = text.replace(frame, '');
  // "accumulation err='<cause>': must build at directory: <the same cause again>"
  const wrapped = /^accumulating resources: accumulation err='accumulating resources from '([^']*)': (.*)': must build at directory: .*$/s.exec(text);
  if (wrapped) text = `resource '${wrapped[1]}': ${wrapped[2]}`;
  return text.trim();
}

/** The entry of the closure whose file or directory kustomize's message names last (the innermost), if any. */
function failingEntry(kustomizations: readonly Kustomization[], message: string): { k: Kustomization; entry: Path } | undefined {
  let best: { k: Kustomization; entry: Path; at: number } | undefined;
  for (const k of kustomizations) {
    for (const reference of k.references) {
      for (const quoted of [`'${reference.target}'`, `${reference.target}:`, `(${relative(k.dir, reference.target)})`]) {
        const at = message.lastIndexOf(quoted);
        if (at >= 0 && (!best || at > best.at)) best = { k, entry: reference.entry, at };
      }
    }
  }
  return best;
}

/** Removes the entries an offline build leaves out (remote resources, helmCharts) from a kustomization's text. */
function withoutLeftOutEntries(k: Kustomization): string {
  const document = parseDocument(k.source.text, { version: '1.1' });
  const entries = [...k.remote.map((remote) => remote.entry)].sort((a, b) => Number(b[1]) - Number(a[1]));
  for (const entry of entries) document.deleteIn(entry);
  for (const unsupported of k.unsupported) document.deleteIn(unsupported.entry);
  if (document.has('helmCharts')) document.delete('helmGlobals');
  return document.toString();
}

/**
 * A mirror of the directories a root builds from, under `into`: each kustomization directory is a real directory
 * whose kustomization has the left-out entries removed, and everything else is a symbolic link to the user's file,
 * so relative paths (`../../base`) resolve as in the repository and nothing is written there. Returns the root's
 * path in the mirror and a function that turns mirror paths (in origin annotations) back into real ones.
 */
function mirrorClosure(root: Kustomization, kustomizations: readonly Kustomization[], into: string): { root: string; toReal: (path: string) => string } {
  const dirs = kustomizations.map((k) => k.dir);
  const involved = [...dirs, ...kustomizations.flatMap((k) => k.references.map((reference) => (reference.directory ? reference.target : dirname(reference.target))))];
  let base = involved[0];
  for (const dir of involved) while (base !== dirname(base) && relative(base, dir).startsWith('..')) base = dirname(base);
  const mirror = join(into, 'mirror');
  const real = new Set<string>();
  for (const dir of dirs) for (let current = dir; ; current = dirname(current)) {
    real.add(current);
    if (current === base || dirname(current) === current) break;
  }
  const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
  const { mkdirSync, readdirSync, symlinkSync } = require('node:fs') as typeof import('node:fs');
  for (const dir of real) mkdirSync(join(mirror, relative(base, dir)), { recursive: true });
  for (const dir of real) {
    const k = byDir.get(dir);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (real.has(path)) continue;
      const target = join(mirror, relative(base, dir), name);
      if (k && path === k.file && (k.remote.length || k.unsupported.length)) writeFileSync(target, withoutLeftOutEntries(k));
      else symlinkSync(path, target);
    }
  }
  const prefix = mirror + sep;
  return { root: join(mirror, relative(base, root.dir)), toReal: (path) => (path === mirror ? base : path.startsWith(prefix) ? join(base, path.slice(prefix.length)) : path) };
}

/**
 * Builds one root through a temporary wrapper kustomization (origin annotations on, the user's files untouched). With
 * `leftOut`, the root is built from a mirror without its remote entries (kustomize's load restrictor is then off, as
 * the mirror's links point outside it); if it still cannot be built, that is a build-skipped, not the repository's error.
 */
export async function buildRoot(
  root: Kustomization,
  tool: KustomizeTool,
  settings: KustomizeSettings,
  context: { cwd: string; env: NodeJS.ProcessEnv; limits: LoadLimits; timeoutMs: number; clock: ToolClock; graph: KustomizeGraph; leftOut?: boolean },
): Promise<BuildOutcome> {
  const wrapperDir = realpathSync(mkdtempSync(join((require('node:os') as typeof import('node:os')).tmpdir(), 'kubeguard-kustomize-')));
  const rootFile = displayFile(context.cwd, root.file);
  try {
    let realRoot = root.dir;
    try {
      realRoot = realpathSync(root.dir);
    } catch {
      // keep the path as given
    }
    const closure = context.graph.closure(root.dir).kustomizations;
    let toReal = (path: string) => path;
    const buildDir = join(wrapperDir, 'wrapper');
    require('node:fs').mkdirSync(buildDir);
    if (context.leftOut) {
      const mirrored = mirrorClosure(root, closure, wrapperDir);
      realRoot = mirrored.root;
      toReal = mirrored.toReal;
    }
    const reference = relative(buildDir, realRoot).split(sep).join('/');
    writeFileSync(
      join(buildDir, 'kustomization.yaml'),
      `# Written by kubeguard to read origin annotations; deleted after the build.\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ${JSON.stringify(reference)}\nbuildMetadata: [originAnnotations, transformerAnnotations]\n`,
    );
    const args = [...tool.args, buildDir];
    if (settings.loadRestrictor === 'none' || context.leftOut) args.push('--load-restrictor', 'LoadRestrictionsNone');
    const run = await runTool(tool.file, args, { cwd: buildDir, env: offlineEnv(context.env), timeoutMs: context.timeoutMs }, context.clock);
    if (run.code !== 0) {
      // Paths in kustomize's messages are inside the mirror or relative to the wrapper: show them relative to the working directory.
      const raw = mapMirrorPaths(toolMessage(run, 8000), wrapperDir, toReal);
      const located = failingEntry(closure, raw);
      const toCwd = relative(buildDir, realpathSync(context.cwd)).split(sep).join('/');
      const message = innermostKustomizeError(raw.split(`${toCwd}/`).join('').split(realpathSync(context.cwd) + sep).join('').split(buildDir).join('<build>'));
      const finding = context.leftOut
        ? buildFinding(
            BUILD_SKIPPED,
            rootFile,
            `kustomize build without the remote entries failed${/no matches for Id|failed to find unique target/.test(message) ? ' (a patch targets an object the remote entries define)' : ''}, so this root is not built and its local resources are linted as plain files: ${message}`,
          )
        : located
          ? entryFinding(located.k, located.entry, context.cwd, BUILD_ERROR, `kustomize build of ${displayFile(context.cwd, root.dir) || '.'} failed here: ${message}`)
          : buildFinding(BUILD_ERROR, rootFile, `kustomize build failed: ${message}`);
      return { problems: [finding], notBuilt: finding };
    }
    const stripped = stripOriginAnnotations(run.stdout, buildDir);
    if (context.leftOut) {
      for (const info of stripped.documents) {
        if (info.origin?.path) info.origin.path = toReal(resolve(buildDir, info.origin.path));
        if (info.origin?.configuredIn) info.origin.configuredIn = toReal(resolve(buildDir, info.origin.configuredIn));
        info.transformedIn = info.transformedIn.map(toReal);
      }
    }
    const parsed = parseManifest(builtName(context.cwd, root.dir), stripped.text, context.limits);
    parsed.buildFile = rootFile;
    const originContext: OriginContext = { cwd: context.cwd, graph: context.graph, wrapperDir: buildDir };
    for (const document of parsed.documents) {
      const info = stripped.documents[document.index];
      // One object per document (its embedded Deployments, for an OLM CSV, come after it and share its origin).
      if (!info || !document.objects.length || document.objects[0].pathPrefix.length) continue;
      const object = document.objects[0].object;
      document.origin = (path) => {
        try {
          return resolveKustomizeOrigin(path, object, info, originContext);
        } catch {
          return undefined; // an origin is a help, never a reason to lose the finding
        }
      };
      // Where the object is defined (its resource file, or the kustomization of a generator): overrides match it.
      document.sourceFile = document.origin([])?.file;
      document.fixTarget = (path) => {
        try {
          return resolveFixTarget(path, object, info, originContext);
        } catch (error) {
          return { refused: `cannot map the fix to a source file (${(error as Error).message})` };
        }
      };
    }
    return { file: parsed, problems: [] };
  } finally {
    rmSync(wrapperDir, { recursive: true, force: true });
  }
}

/** Mirror paths in a message, as the user's paths. */
function mapMirrorPaths(message: string, wrapperDir: string, toReal: (path: string) => string): string {
  const mirror = join(wrapperDir, 'mirror');
  return message.replace(new RegExp(`${mirror.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^'\\s:)]*`, 'g'), (path) => toReal(path));
}
