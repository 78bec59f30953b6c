// kubeguard's origin annotations in build output: read, then removed before any rule sees the objects.
import { resolve } from 'node:path';
import { isMap, isScalar, parseAllDocuments, parseDocument, type Node, type Pair, type Scalar } from 'yaml';
import { isRecord } from '../../model/pod-spec';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

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
function recordAnnotation(info: BuiltDocumentInfo, key: string, raw: string, wrapperDir: string, parsed: Map<string, unknown>): void {
  // Objects from one file carry the same annotation text: parsed once per build, copied (mirror builds rewrite paths).
  if (!parsed.has(raw)) parsed.set(raw, parseAnnotation(raw));
  const value = parsed.get(raw);
  if (key === ORIGIN_ANNOTATION && isRecord(value)) {
    info.origin = { ...(value as OriginAnnotation) };
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
  const parsed = new Map<string, unknown>();
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
        recordAnnotation(documents[documents.length - 1], match[1], block.join('\n') + '\n', wrapperDir, parsed);
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
  const parsed = new Map<string, unknown>();
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
      if (isScalar(pair.value) && typeof pair.value.value === 'string') recordAnnotation(info, String((pair.key as Scalar).value), pair.value.value, wrapperDir, parsed);
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
