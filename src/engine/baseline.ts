// Baselines: accept the findings a repository already has, so kubeguard can be adopted without fixing everything
// first. A finding is keyed by file, object, rule and path, never by line: edits elsewhere in a file do not
// resurrect accepted findings, while a new container, object or file with the same problem is still reported.
import type { Finding, LintResult, ObjectIdentity } from './types';

export const BASELINE_VERSION = 1;

/**
 * Findings that say a file or a build was not linted (whole or in part); accepting them would hide every later problem
 * in it. `build-error` and `build-skipped` are the sources' (src/sources/build-findings.ts), named here as strings: the
 * engine does not depend on the sources.
 */
export const UNBASELINEABLE_RULES: ReadonlySet<string> = new Set(['parse-error', 'config-error', 'build-error', 'build-skipped']);

export interface BaselineEntry {
  /** Relative to the directory of the baseline file, with `/` separators. */
  file: string;
  /** `Kind/namespace/name`, or `Kind/name` when the manifest sets no namespace. */
  object?: string;
  ruleId: string;
  /** The finding's path, e.g. `spec.template.spec.containers[0].image`. */
  path?: string;
  /** How many findings share this key; absent means 1. */
  count?: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

/** `Kind/namespace/name`, `Kind/name` without a namespace; Kubernetes names never contain `/`. */
export function objectReference(identity: ObjectIdentity | undefined): string | undefined {
  if (!identity) return undefined;
  return identity.namespace !== undefined ? `${identity.kind}/${identity.namespace}/${identity.name}` : `${identity.kind}/${identity.name}`;
}

/** Maps a finding's file (relative to the working directory) to the file name a baseline records. */
export type FileMapper = (file: string) => string;

interface EntryKey {
  file: string;
  object?: string;
  ruleId: string;
  path?: string;
}

function keyOf(entry: EntryKey): string {
  return JSON.stringify([entry.file, entry.object ?? null, entry.ruleId, entry.path ?? null]);
}

function entryOf(finding: Finding, mapFile: FileMapper): EntryKey {
  const entry: EntryKey = { file: mapFile(finding.file), ruleId: finding.ruleId };
  const object = objectReference(finding.object);
  if (object !== undefined) entry.object = object;
  if (finding.path !== undefined && finding.path !== '') entry.path = finding.path;
  return entry;
}

function compare(a: string | undefined, b: string | undefined): number {
  const left = a ?? '';
  const right = b ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.file, b.file) || compare(a.object, b.object) || compare(a.ruleId, b.ruleId) || compare(a.path, b.path);
}

/** The baseline of `findings`: one sorted entry per key, with a count where several findings share it. */
export function createBaseline(findings: readonly Finding[], mapFile: FileMapper): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (UNBASELINEABLE_RULES.has(finding.ruleId)) continue;
    const key = entryOf(finding, mapFile);
    const id = keyOf(key);
    const existing = entries.get(id);
    if (existing) existing.count = (existing.count ?? 1) + 1;
    else entries.set(id, { ...key });
  }
  return { version: BASELINE_VERSION, findings: [...entries.values()].sort(compareEntries) };
}

/** Stable text: sorted entries, fixed key order, no line numbers or timestamps, so a rewrite diffs cleanly. */
export function serializeBaseline(baseline: Baseline): string {
  const findings = baseline.findings.map((entry) => {
    const ordered: BaselineEntry = { file: entry.file } as BaselineEntry;
    if (entry.object !== undefined) ordered.object = entry.object;
    ordered.ruleId = entry.ruleId;
    if (entry.path !== undefined) ordered.path = entry.path;
    if (entry.count !== undefined && entry.count !== 1) ordered.count = entry.count;
    return ordered;
  });
  return JSON.stringify({ version: BASELINE_VERSION, findings }, null, 2) + '\n';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and validates baseline text; throws BaselineError saying what is wrong. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) throw new BaselineError('expected a JSON object with "version" and "findings"');
  if (data.version !== BASELINE_VERSION) throw new BaselineError(`unsupported version ${JSON.stringify(data.version)} (expected ${BASELINE_VERSION})`);
  if (!Array.isArray(data.findings)) throw new BaselineError('"findings" must be an array');
  const findings: BaselineEntry[] = data.findings.map((raw: unknown, index: number) => {
    const where = `findings[${index}]`;
    if (!isRecord(raw)) throw new BaselineError(`${where} must be an object`);
    if (typeof raw.file !== 'string' || !raw.file) throw new BaselineError(`${where}.file must be a non-empty string`);
    if (typeof raw.ruleId !== 'string' || !raw.ruleId) throw new BaselineError(`${where}.ruleId must be a non-empty string`);
    if (raw.object !== undefined && typeof raw.object !== 'string') throw new BaselineError(`${where}.object must be a string`);
    if (raw.path !== undefined && typeof raw.path !== 'string') throw new BaselineError(`${where}.path must be a string`);
    if (raw.count !== undefined && (!Number.isInteger(raw.count) || (raw.count as number) < 1)) {
      throw new BaselineError(`${where}.count must be a whole number of at least 1`);
    }
    const entry: BaselineEntry = { file: raw.file, ruleId: raw.ruleId };
    if (raw.object !== undefined) entry.object = raw.object as string;
    if (raw.path !== undefined) entry.path = raw.path as string;
    if (raw.count !== undefined) entry.count = raw.count as number;
    return entry;
  });
  return { version: BASELINE_VERSION, findings };
}

export interface BaselineOutcome {
  result: LintResult;
  /** Findings the baseline accepted. */
  baselined: number;
}

/**
 * Drops the findings the baseline accepts. Each entry accepts up to `count` findings with its key, in report
 * order; findings beyond that (the same problem appearing again) are reported. The summary counts are recomputed
 * and `summary.baselined` says how many were accepted.
 */
export function applyBaseline(result: LintResult, baseline: Baseline, mapFile: FileMapper): BaselineOutcome {
  const budget = new Map<string, number>();
  for (const entry of baseline.findings) {
    const id = keyOf(entry);
    budget.set(id, (budget.get(id) ?? 0) + (entry.count ?? 1));
  }
  const findings: Finding[] = [];
  let baselined = 0;
  for (const finding of result.findings) {
    if (!UNBASELINEABLE_RULES.has(finding.ruleId)) {
      const id = keyOf(entryOf(finding, mapFile));
      const left = budget.get(id) ?? 0;
      if (left > 0) {
        budget.set(id, left - 1);
        baselined++;
        continue;
      }
    }
    findings.push(finding);
  }
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  return {
    baselined,
    result: {
      ...result,
      findings,
      summary: { ...result.summary, errors: count('error'), warnings: count('warning'), infos: count('info'), baselined: (result.summary.baselined ?? 0) + baselined },
    },
  };
}

export interface BaselineChange {
  /** Findings in the new baseline that the old one did not have. */
  added: number;
  /** Findings of the old baseline that are gone (fixed, or their object or file removed). */
  removed: number;
}

/** Counts findings (with their counts) added and removed between two baselines. */
export function compareBaselines(previous: Baseline, next: Baseline): BaselineChange {
  const counts = (baseline: Baseline) => {
    const map = new Map<string, number>();
    for (const entry of baseline.findings) map.set(keyOf(entry), (map.get(keyOf(entry)) ?? 0) + (entry.count ?? 1));
    return map;
  };
  const before = counts(previous);
  const after = counts(next);
  let added = 0;
  let removed = 0;
  for (const [id, count] of after) added += Math.max(0, count - (before.get(id) ?? 0));
  for (const [id, count] of before) removed += Math.max(0, count - (after.get(id) ?? 0));
  return { added, removed };
}

/** Total number of findings a baseline accepts. */
export function baselineSize(baseline: Baseline): number {
  return baseline.findings.reduce((total, entry) => total + (entry.count ?? 1), 0);
}
