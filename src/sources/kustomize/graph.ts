// Kustomization files and the graph of what they reference.
import { dirname, relative, resolve } from 'node:path';
import { isScalar, Scalar, type Document, type Node } from 'yaml';
import { offsetsToRange } from '../../engine/positions';
import type { Path } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { positionIn, type SourcePosition } from '../origin';
import { isDirectory, isRemoteReference, kustomizationFile } from './files';
import { parseSource, SourceCache, type SourceFile } from './sources';

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
        // A bare file name where kustomize wants `{path: …}` (written as for patchesStrategicMerge): kustomize rejects
        // the kustomization, but the file is still a patch, never a whole object to lint on its own.
        else if (key === 'patches' && typeof item === 'string' && !isInline(item)) add('patch', item, [key, index]);
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
