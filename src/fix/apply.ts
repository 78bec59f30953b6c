// Applies fix operations to a manifest's text. Each pass plans the operations against the current AST, applies the
// ones that do not touch each other, re-parses and checks that every document now holds exactly its old value with
// the fixes set (nothing else moved); the rest wait for the next pass. An edit that breaks the file or changes more
// than it should is dropped and reported, never written.
import { parseAllDocuments, type Document } from 'yaml';
import type { Path } from '../engine/types';
import { detectStyle, planSet, sharedAnchors, type PlanContext, type TextEdit } from './plan';
import { deepEqual, setIn } from './values';

export interface FixRequest {
  /** Index of the document in the file's YAML stream. */
  documentIndex: number;
  path: Path;
  value: unknown;
}

export interface FixFailure {
  request: FixRequest;
  reason: string;
}

export interface FixTextResult {
  text: string;
  /** Requests now in effect (including those that already held their value). */
  applied: FixRequest[];
  failed: FixFailure[];
}

export interface FixTextOptions {
  /** A JSON manifest: inserted keys and strings are double-quoted. */
  json?: boolean;
  /** Most passes over one file; overlapping fixes (same new parent) take one pass each. */
  maxPasses?: number;
  /** Test seam: plans one request (default planSet). */
  planner?: typeof planSet;
}

interface Planned {
  request: FixRequest;
  edit: TextEdit;
}

/** Parses like the loader does (YAML 1.1, merge keys, unique keys), so what is checked is what is linted. */
export function parseStream(text: string): Document.Parsed[] {
  // logLevel error: yaml's warnings (stringified collection keys) would otherwise go to stderr mid-report.
  const documents = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  return (Array.isArray(documents) ? documents : [documents]) as Document.Parsed[];
}

function documentValue(document: Document): unknown {
  return document.toJS({ maxAliasCount: -1 });
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function requestKey(request: FixRequest): string {
  return JSON.stringify([request.documentIndex, request.path]);
}

type Check = { ok: true; text: string; documents: Document.Parsed[] } | { ok: false; reason: string };

/** Applies `planned` to `text` and checks the result parses and differs from `documents` only by the fixes. */
function check(text: string, documents: readonly Document.Parsed[], planned: readonly Planned[]): Check {
  const next = applyEdits(
    text,
    planned.map((item) => item.edit),
  );
  let parsed: Document.Parsed[];
  try {
    parsed = parseStream(next);
  } catch (error) {
    return { ok: false, reason: `the fixed text would not parse: ${(error as Error).message.split('\n')[0]}` };
  }
  const broken = parsed.find((document) => document.errors.length);
  if (broken) return { ok: false, reason: `the fixed text would not parse: ${broken.errors[0].message.split('\n')[0]}` };
  if (parsed.length !== documents.length) return { ok: false, reason: 'the fix would change the number of documents' };
  for (let index = 0; index < documents.length; index++) {
    const expected = documentValue(documents[index]);
    for (const item of planned) {
      if (item.request.documentIndex === index && !setIn(expected, item.request.path, item.request.value)) {
        return { ok: false, reason: 'the path cannot hold the value' };
      }
    }
    let actual: unknown;
    try {
      actual = documentValue(parsed[index]);
    } catch (error) {
      return { ok: false, reason: `the fixed document would not load: ${(error as Error).message.split('\n')[0]}` };
    }
    if (!deepEqual(actual, expected)) return { ok: false, reason: 'the edit would change more than the fixed field' };
  }
  return { ok: true, text: next, documents: parsed };
}

export function fixText(text: string, requests: readonly FixRequest[], options: FixTextOptions = {}): FixTextResult {
  const result: FixTextResult = { text, applied: [], failed: [] };
  let documents = parseStream(text);
  if (documents.some((document) => document.errors.length)) {
    result.failed = requests.map((request) => ({ request, reason: 'the file has YAML errors' }));
    return result;
  }

  // One value per field: identical requests (several findings, one fix) merge; a different value for a field
  // another fix already sets is refused rather than letting the last one win.
  const chosen = new Map<string, FixRequest>();
  const duplicates: FixRequest[] = [];
  for (const request of requests) {
    const key = requestKey(request);
    const existing = chosen.get(key);
    if (!existing) chosen.set(key, request);
    else if (deepEqual(existing.value, request.value)) duplicates.push(request);
    else result.failed.push({ request, reason: 'another fix sets the same field to a different value' });
  }
  let pending = [...chosen.values()];
  const settled = new Set<FixRequest>();

  const maxPasses = options.maxPasses ?? 10;
  for (let pass = 0; pass < maxPasses && pending.length; pass++) {
    const eol = result.text.includes('\r\n') ? '\r\n' : '\n';
    const contexts = new Map<number, PlanContext>();
    const contextFor = (index: number): PlanContext => {
      let context = contexts.get(index);
      if (!context) {
        const document = documents[index];
        context = { text: result.text, document, style: detectStyle(document, result.text, eol), json: options.json === true, sharedAnchors: sharedAnchors(document) };
        contexts.set(index, context);
      }
      return context;
    };

    const accepted: Planned[] = [];
    const deferred: FixRequest[] = [];
    for (const request of pending) {
      if (!documents[request.documentIndex]) {
        result.failed.push({ request, reason: 'the document is not in the file' });
        continue;
      }
      let plan;
      try {
        plan = (options.planner ?? planSet)(request.path, request.value, contextFor(request.documentIndex));
      } catch (error) {
        plan = { kind: 'skip' as const, reason: (error as Error).message };
      }
      if (plan.kind === 'noop') {
        result.applied.push(request);
        settled.add(request);
      } else if (plan.kind === 'skip') {
        result.failed.push({ request, reason: plan.reason });
      } else if (accepted.some((other) => touches(other.edit, plan.edit))) {
        deferred.push(request);
      } else {
        accepted.push({ request, edit: plan.edit });
      }
    }
    if (!accepted.length) {
      pending = deferred;
      break;
    }

    let outcome = check(result.text, documents, accepted);
    let committed = accepted;
    if (!outcome.ok) {
      // Find the edits that fail on their own; apply the others (one at a time if they only fail together).
      const good: Planned[] = [];
      for (const item of accepted) {
        const alone = check(result.text, documents, [item]);
        if (alone.ok) good.push(item);
        else result.failed.push({ request: item.request, reason: alone.reason });
      }
      committed = good;
      outcome = good.length ? check(result.text, documents, good) : outcome;
      if (good.length && !outcome.ok) {
        committed = [good[0]];
        deferred.push(...good.slice(1).map((item) => item.request));
        outcome = check(result.text, documents, committed);
      }
    }
    if (outcome.ok && committed.length) {
      result.text = outcome.text;
      documents = outcome.documents;
      for (const item of committed) {
        result.applied.push(item.request);
        settled.add(item.request);
      }
    }
    pending = deferred;
  }
  for (const request of pending) result.failed.push({ request, reason: `still overlapping another fix after ${maxPasses} passes` });

  for (const request of duplicates) {
    const twin = chosen.get(requestKey(request))!;
    if (settled.has(twin)) result.applied.push(request);
    else result.failed.push({ request, reason: 'the same fix could not be applied' });
  }
  return result;
}
