// YAML that Kubernetes reads but the `yaml` library rejects. kubectl and kustomize parse with go-yaml
// (sigs.k8s.io/yaml), whose scanner does not check the indentation of the lines inside a quoted scalar or a flow
// collection: Argo's `args: ["` … `"]` and controller-gen's `description: '…` continue at the parent key's column.
// Such lines are re-indented one column past their owner (folding drops leading spaces, so values do not change),
// the document is parsed again, and its node ranges are mapped back to the original text.
import { isMap, isPair, isSeq, parseAllDocuments, type Document, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';

/** A lone CR is a YAML line break (YAML 1.2 b-break, go-yaml's reader); the `yaml` library knows only LF and CRLF. */
export function normaliseLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

export interface Insertion {
  /** Offset in the original text (a line start) where spaces were added. */
  offset: number;
  count: number;
}

export interface Reindented {
  text: string;
  insertions: Insertion[];
}

const isBlank = (code: number | undefined) => code === undefined || code === 0x20 || code === 0x09 || code === 0x0a;

/**
 * Adds indentation to the continuation lines of quoted scalars and flow collections that do not reach past the
 * column of the key (or `-`) that owns them. Undefined when no line needs it. Block scalars, comments and document
 * markers are recognised so that quotes and brackets inside them are not taken for syntax.
 */
export function reindentContinuations(text: string): Reindented | undefined {
  const insertions: Insertion[] = [];
  const pieces: string[] = [];
  let copied = 0;
  let quote: 0x22 | 0x27 | undefined;
  let flowDepth = 0;
  let owner = 0; // column of the key or `-` that owns the open quoted scalar or flow collection
  let blockScalarOwner: number | undefined;

  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const next = lineEnd + 1;
    if ((text.startsWith('---', lineStart) || text.startsWith('...', lineStart)) && isBlank(text.charCodeAt(lineStart + 3) || undefined)) {
      // A document marker ends everything (go-yaml rejects one inside a quoted scalar too).
      quote = undefined;
      flowDepth = 0;
      blockScalarOwner = undefined;
      lineStart = next;
      continue;
    }
    let indent = 0;
    while (text.charCodeAt(lineStart + indent) === 0x20) indent++;
    const blank = lineStart + indent >= lineEnd || text.charCodeAt(lineStart + indent) === 0x09 && text.slice(lineStart + indent, lineEnd).trim() === '';
    if (blockScalarOwner !== undefined) {
      if (blank || indent > blockScalarOwner) {
        lineStart = next;
        continue;
      }
      blockScalarOwner = undefined;
    }
    const continuation = quote !== undefined || flowDepth > 0;
    if (continuation && !blank && indent <= owner) {
      const count = owner + 1 - indent;
      pieces.push(text.slice(copied, lineStart), ' '.repeat(count));
      copied = lineStart;
      insertions.push({ offset: lineStart, count });
    }

    let atNodeStart = !continuation;
    let candidateOwner = indent; // who would own a node starting here
    let keyStart = indent;
    for (let index = lineStart + indent; index < lineEnd; index++) {
      const code = text.charCodeAt(index);
      const column = index - lineStart;
      if (quote === 0x22) {
        if (code === 0x5c) index++;
        else if (code === 0x22) quote = undefined;
        continue;
      }
      if (quote === 0x27) {
        if (code === 0x27) {
          if (text.charCodeAt(index + 1) === 0x27) index++;
          else quote = undefined;
        }
        continue;
      }
      if (code === 0x20 || code === 0x09) continue;
      if (code === 0x23 && (index === lineStart || isBlank(text.charCodeAt(index - 1)))) break; // a comment
      if (flowDepth > 0) {
        if (code === 0x22 || code === 0x27) {
          if (atNodeStart) quote = code;
          atNodeStart = false;
        } else if (code === 0x5b || code === 0x7b) {
          flowDepth++;
          atNodeStart = true;
        } else if (code === 0x5d || code === 0x7d) {
          flowDepth--;
          atNodeStart = false;
        } else if (code === 0x2c) {
          atNodeStart = true;
        } else if (code === 0x3a) {
          const after = text.charCodeAt(index + 1);
          atNodeStart = isBlank(after) || after === 0x22 || after === 0x27 || after === 0x5b || after === 0x7b || text.charCodeAt(index - 1) === 0x22 || text.charCodeAt(index - 1) === 0x27;
        } else {
          atNodeStart = false;
        }
        continue;
      }
      // Block context.
      if (atNodeStart && (code === 0x2d || code === 0x3f) && isBlank(text.charCodeAt(index + 1) || undefined)) {
        candidateOwner = column;
        continue;
      }
      if (atNodeStart && (code === 0x22 || code === 0x27)) {
        quote = code;
        owner = candidateOwner;
        keyStart = column;
        atNodeStart = false;
        continue;
      }
      if (atNodeStart && (code === 0x5b || code === 0x7b)) {
        flowDepth = 1;
        owner = candidateOwner;
        atNodeStart = true;
        continue;
      }
      if (atNodeStart && (code === 0x7c || code === 0x3e)) {
        blockScalarOwner = candidateOwner;
        break;
      }
      if (atNodeStart && (code === 0x26 || code === 0x21)) {
        while (index + 1 < lineEnd && !isBlank(text.charCodeAt(index + 1))) index++; // an anchor or a tag
        continue;
      }
      if (code === 0x3a && isBlank(text.charCodeAt(index + 1) || undefined)) {
        candidateOwner = keyStart;
        atNodeStart = true;
        continue;
      }
      if (atNodeStart) keyStart = column;
      atNodeStart = false;
    }
    lineStart = next;
  }
  if (!insertions.length) return undefined;
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), insertions };
}

/** Maps offsets in the re-indented text back to the original: an offset inside added spaces maps to its line start. */
export function originalOffset(insertions: readonly Insertion[], offset: number): number {
  let added = 0;
  for (const insertion of insertions) {
    const at = insertion.offset + added;
    if (offset < at) break;
    if (offset < at + insertion.count) return insertion.offset;
    added += insertion.count;
  }
  return offset - added;
}

/** Rewrites the ranges of a document parsed from re-indented text to offsets of the original text. */
export function mapDocumentRanges(document: Document, insertions: readonly Insertion[]): void {
  rewriteRanges(document, (offset) => originalOffset(insertions, offset));
}

/** Moves the ranges of a document parsed from a slice of a text to offsets of the whole text. */
export function shiftDocumentRanges(document: Document, by: number): void {
  rewriteRanges(document, (offset) => offset + by);
}

function rewriteRanges(document: Document, map: (offset: number) => number): void {
  const rewrite = (range: [number, number, number] | null | undefined) => {
    if (range) for (let index = 0; index < 3; index++) range[index] = map(range[index]);
  };
  rewrite(document.range as [number, number, number]);
  const stack: unknown[] = [document.contents];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    rewrite((node as Node).range as [number, number, number] | undefined);
    if (isMap(node) || isSeq(node)) stack.push(...node.items);
  }
}

/**
 * Documents of `text` (by index, of `documentCount`) that failed only because of go-yaml's leniency, parsed again from
 * re-indented text with ranges in `text`, each with the offset of the first line that needed it. Empty when the
 * re-indented text does not fix them.
 */
export function reparseLeniently(
  text: string,
  failed: Iterable<number>,
  documentCount: number,
  options: ParseOptions & DocumentOptions & SchemaOptions,
): Map<number, { document: Document.Parsed; at: number }> {
  const fixed = new Map<number, { document: Document.Parsed; at: number }>();
  const reindented = reindentContinuations(text);
  if (!reindented) return fixed;
  const documents = parseAllDocuments(reindented.text, { ...options, prettyErrors: false });
  if (!Array.isArray(documents) || documents.length !== documentCount) return fixed;
  for (const index of failed) {
    const document = documents[index] as Document.Parsed;
    if (document.errors.length || document.warnings.length) continue;
    mapDocumentRanges(document, reindented.insertions);
    const at = reindented.insertions.find((insertion) => insertion.offset >= document.range[0] && insertion.offset <= document.range[2])?.offset ?? document.range[0];
    fixed.set(index, { document, at });
  }
  return fixed;
}
