// Source files of builds (resources, patches, kustomizations), read once per run. A resource file is parsed only as far
// as origins need: its documents are told apart by a scan of their top-level keys, and a document is parsed when a
// finding points into it (a multi-MB base of CRDs that nothing reports on is never parsed).
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { KubeObject, Path } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';

export interface SourceDocument {
  document: Document;
  value: unknown;
  objects: Array<{ object: KubeObject; prefix: Path }>;
}

/** An object of a source file: its document, the object and where it sits in the document (`['items', 2]` in a List). */
export interface SourceEntry {
  document: SourceDocument;
  object: KubeObject;
  prefix: Path;
}

const PARSE_OPTIONS = { version: '1.1', merge: true, prettyErrors: false } as const;

/**
 * Documents of `text` with ranges in `text` shifted by `offset`. A document that `yaml` rejects only for go-yaml's
 * leniency (continuation lines of quoted scalars at their key's column: kustomize read it) is parsed re-indented.
 */
function parseDocuments(text: string, offset: number): SourceDocument[] {
  const lenient = require('../lenient-yaml') as typeof import('../lenient-yaml');
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  let documents: Document.Parsed[] = Array.isArray(parsed) ? parsed : [parsed];
  const failed = documents.flatMap((document, index) => (document.errors.length ? [index] : []));
  if (failed.length) {
    const fixed = lenient.reparseLeniently(text, failed, documents.length, PARSE_OPTIONS);
    documents = documents.map((document, index) => fixed.get(index)?.document ?? document);
  }
  const result: SourceDocument[] = [];
  for (const document of documents) {
    if (document.errors.length) continue;
    if (offset) lenient.shiftDocumentRanges(document, offset);
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
    result.push({ document, value, objects });
  }
  return result;
}

/** What a document's top-level keys say of its object, read without parsing it. */
interface Identity {
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
}

// A plain scalar that YAML 1.1 reads as a string (not a number, boolean or null), or a quoted one without escapes.
const SIMPLE_PLAIN = /^[A-Za-z_][\w.\/-]*$/;
const NOT_A_STRING = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;
const KEY_LINE = /^([A-Za-z_][\w.\/-]*):(?:[ \t]+(.*))?$/;

function simpleString(raw: string | undefined): string | undefined {
  const value = (raw ?? '').replace(/[ \t]+#.*$/, '').trim();
  if (/^"[^"\\#]*"$/.test(value) || /^'[^'#]*'$/.test(value)) return value.slice(1, -1);
  if (SIMPLE_PLAIN.test(value) && !NOT_A_STRING.test(value)) return value;
  return undefined;
}

/**
 * The kind, name and namespace of the document in text[start, end), from its lines in the block layout people and
 * tools write; `null` when it holds no object (comments only), `undefined` when the layout is anything else (flow
 * maps, anchors, tags, Lists, multi-line scalars where a value is read): that document is parsed instead.
 */
export function identify(text: string, start: number, end: number): Identity | null | undefined {
  let kind: string | undefined;
  let name: string | undefined;
  let namespace: string | undefined;
  let content = false;
  let inMetadata = false;
  let metadataIndent = -1;
  let scalarIndent = -1; // indentation of the key whose one-line value was just read
  for (let lineStart = start; lineStart < end; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    const line = text.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    if (line === '---' && !content && kind === undefined) continue;
    const trimmed = line.trimStart();
    if (trimmed === '' || (trimmed.startsWith('#') && scalarIndent < 0)) continue;
    const indent = line.length - trimmed.length;
    if (line.slice(0, indent).includes('\t')) return undefined;
    if (scalarIndent >= 0 && indent > scalarIndent) return undefined; // a multi-line value
    scalarIndent = -1;
    if (trimmed.startsWith('#')) continue;
    content = true;
    if (indent === 0) {
      const match = KEY_LINE.exec(line);
      if (!match) return undefined;
      const value = (match[2] ?? '').replace(/^#.*$/, '').trim();
      inMetadata = match[1] === 'metadata';
      if (inMetadata) {
        if (value !== '' || metadataIndent !== -1) return undefined;
      } else if (match[1] === 'kind') {
        kind = kind === undefined ? simpleString(value) : undefined;
        if (kind === undefined || kind.endsWith('List')) return undefined;
        scalarIndent = 0;
      }
      continue;
    }
    if (!inMetadata) continue;
    if (metadataIndent === -1) metadataIndent = indent;
    if (indent < metadataIndent) return undefined;
    if (indent > metadataIndent) continue;
    const match = KEY_LINE.exec(trimmed);
    if (!match) return undefined;
    if (match[1] === 'name' || match[1] === 'namespace') {
      const value = simpleString(match[2]);
      if (value === undefined || (match[1] === 'name' ? name : namespace) !== undefined) return undefined;
      if (match[1] === 'name') name = value;
      else namespace = value;
      scalarIndent = indent;
    }
  }
  if (!content) return null;
  return kind === undefined ? undefined : { kind, name, namespace };
}

/** Where each document of `text` starts and ends; undefined for layouts the split does not handle (directives, `...`). */
export function splitDocuments(text: string): Array<[number, number]> | undefined {
  const bounds: Array<[number, number]> = [];
  let documentStart = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const first = text.charCodeAt(lineStart);
    if (first === 0x25 /* % */ || (first === 0x2e /* . */ && text.startsWith('...', lineStart))) return undefined;
    if (first === 0x2d /* - */ && text.startsWith('---', lineStart) && (lineEnd === lineStart + 3 || text[lineStart + 3] === ' ' || text[lineStart + 3] === '\t')) {
      if (lineStart > documentStart) bounds.push([documentStart, lineStart]);
      documentStart = lineStart;
    }
    lineStart = lineEnd + 1;
  }
  if (text.length > documentStart) bounds.push([documentStart, text.length]);
  return bounds;
}

/** An object found by the scan, its document parsed when first asked for. */
interface IndexEntry {
  kind: unknown;
  name: string;
  namespace: unknown;
  /** The object, parsed; undefined when its document has YAML errors, 'misread' when the scan was wrong. */
  resolve: () => SourceEntry | undefined | 'misread';
}

export class SourceFile {
  readonly text: string;
  private lines?: LineCounter;
  private parsed?: SourceDocument[];
  private index?: Map<unknown, IndexEntry[]>;
  private names = new WeakMap<IndexEntry[], Map<string, IndexEntry[]>>();

  constructor(
    readonly file: string,
    rawText: string,
  ) {
    const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
    // A lone CR is a line break (go-yaml's reader); the replacement keeps every offset.
    this.text = text.includes('\r') ? (require('../lenient-yaml') as typeof import('../lenient-yaml')).normaliseLineBreaks(text) : text;
  }

  get lineCounter(): LineCounter {
    if (!this.lines) {
      this.lines = new LineCounter();
      this.lines.addNewLine(0);
      for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) this.lines.addNewLine(at + 1);
    }
    return this.lines;
  }

  /** Every document, parsed (patches and kustomizations, which are small and read whole). */
  get documents(): SourceDocument[] {
    this.parsed ??= parseDocuments(this.text, 0);
    return this.parsed;
  }

  /** The object of this file that a built object comes from: same kind and name, else the name a prefix or suffix extends. */
  find(object: KubeObject): SourceEntry | undefined {
    for (;;) {
      const chosen = this.candidate(object);
      if (!chosen) return undefined;
      const found = chosen.resolve();
      if (found === 'misread') {
        // A layout the scan took for another object: index the whole file from a parse instead.
        this.index = indexOfParsed(this.documents);
        continue;
      }
      if (found) return found;
      // The scan saw an object where the parse finds none (a document with YAML errors): look again without it.
      const sameKind = this.objectsByKind().get(object.kind)!;
      sameKind.splice(sameKind.indexOf(chosen), 1);
      this.names.delete(sameKind);
    }
  }

  /** Whether the file has an object `find` would take for this one, known without parsing it. */
  mayDefine(object: KubeObject): boolean {
    return this.candidate(object) !== undefined;
  }

  private candidate(object: KubeObject): IndexEntry | undefined {
    const builtName = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
    const sameKind = this.objectsByKind().get(object.kind) ?? [];
    const exact = this.sameName(sameKind).get(builtName) ?? [];
    if (exact.length) {
      const namespace = object.metadata?.namespace;
      return exact.find((entry) => entry.namespace === namespace) ?? exact[0];
    }
    // namePrefix / nameSuffix: the longest source name inside the built name.
    let longest: IndexEntry | undefined;
    for (const entry of sameKind) if (entry.name && builtName.includes(entry.name) && (!longest || entry.name.length > longest.name.length)) longest = entry;
    return longest ?? (sameKind.length === 1 ? sameKind[0] : undefined);
  }

  /** The entries of one kind by name (every finding of every build looks its object up here). */
  private sameName(sameKind: IndexEntry[]): Map<string, IndexEntry[]> {
    let byName = this.names.get(sameKind);
    if (!byName) {
      byName = new Map();
      for (const entry of sameKind) {
        const list = byName.get(entry.name) ?? [];
        list.push(entry);
        byName.set(entry.name, list);
      }
      this.names.set(sameKind, byName);
    }
    return byName;
  }

  private objectsByKind(): Map<unknown, IndexEntry[]> {
    if (this.index) return this.index;
    const index = new Map<unknown, IndexEntry[]>();
    const add = (entry: IndexEntry) => {
      const list = index.get(entry.kind) ?? [];
      list.push(entry);
      index.set(entry.kind, list);
    };
    const bounds = this.parsed ? undefined : splitDocuments(this.text);
    if (!bounds) return (this.index = indexOfParsed(this.documents));
    for (const [start, end] of bounds) {
      const identity = identify(this.text, start, end);
      if (identity === null) continue;
      if (identity === undefined) {
        indexOfParsed(parseDocuments(this.text.slice(start, end), start), index);
        continue;
      }
      let resolved: SourceEntry | undefined | 'misread' | null = null;
      add({
        kind: identity.kind,
        name: identity.name ?? '',
        namespace: identity.namespace,
        resolve: () => {
          if (resolved !== null) return resolved;
          const [document] = parseDocuments(this.text.slice(start, end), start);
          const object = document?.objects.length === 1 && !document.objects[0].prefix.length ? document.objects[0].object : undefined;
          if (!document) return (resolved = undefined);
          if (!object) return (resolved = 'misread');
          const agrees =
            object.kind === identity.kind &&
            (typeof object.metadata?.name === 'string' ? object.metadata.name : undefined) === identity.name &&
            (typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined) === identity.namespace &&
            (identity.namespace !== undefined || object.metadata?.namespace === undefined);
          return (resolved = agrees ? { document, object, prefix: [] } : 'misread');
        },
      });
    }
    return (this.index = index);
  }
}

function indexOfParsed(documents: SourceDocument[], into = new Map<unknown, IndexEntry[]>()): Map<unknown, IndexEntry[]> {
  for (const document of documents) {
    for (const { object, prefix } of document.objects) {
      const found: SourceEntry = { document, object, prefix };
      const list = into.get(object.kind) ?? [];
      list.push({ kind: object.kind, name: typeof object.metadata?.name === 'string' ? object.metadata.name : '', namespace: object.metadata?.namespace, resolve: () => found });
      into.set(object.kind, list);
    }
  }
  return into;
}

export class SourceCache {
  private readonly files = new Map<string, SourceFile | undefined>();

  load(file: string): SourceFile | undefined {
    if (this.files.has(file)) return this.files.get(file);
    let loaded: SourceFile | undefined;
    try {
      loaded = new SourceFile(file, readFileSync(file, 'utf8'));
    } catch {
      loaded = undefined;
    }
    this.files.set(file, loaded);
    return loaded;
  }
}

export function parseSource(file: string, rawText: string): SourceFile {
  return new SourceFile(file, rawText);
}
