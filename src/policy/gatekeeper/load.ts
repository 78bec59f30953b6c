// Reads Gatekeeper Constraint files (YAML, multi-document) named by globs, and sorts them into the constraints
// kubeguard evaluates and those it cannot (custom Rego), which are named, never dropped silently.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isRecord } from '../../model/pod-spec';
import { CONSTRAINT_KINDS } from './kinds/index';
import { parameterMismatch } from './kinds/parameters';
import { constraintId, type ConstraintData, type ConstraintSet, type EnforcementAction } from './types';

const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh/';
const TEMPLATES_GROUP = 'templates.gatekeeper.sh/';
// The admission webhook's enforcement point, for `enforcementAction: scoped`.
const ADMISSION_POINTS = new Set(['validation.gatekeeper.sh', '*']);

/** Library kinds a manifest cannot show, with why (docs/admission-policy.md lists them). */
const LIBRARY_KINDS_NOT_EVALUATED: Record<string, string> = {
  NoUpdateServiceAccount: 'it judges who updates a ServiceAccount (the request\'s user and groups), which a manifest does not say',
};

export class ConstraintFileError extends Error {
  override name = 'ConstraintFileError';
}

export interface ConstraintSource {
  object: unknown;
  file: string;
}

/** The action at admission, or undefined for a value Gatekeeper does not know (it enforces nothing then). */
function enforcementActionOf(spec: Record<string, unknown>): EnforcementAction | undefined {
  const action = spec.enforcementAction === undefined || spec.enforcementAction === null || spec.enforcementAction === '' ? 'deny' : String(spec.enforcementAction).toLowerCase();
  if (action === 'deny' || action === 'warn' || action === 'dryrun') return action;
  if (action !== 'scoped') return undefined;
  if (Array.isArray(spec.scopedEnforcementActions)) {
    // The action of the admission enforcement point; the strictest when it lists several.
    const actions = spec.scopedEnforcementActions
      .filter((entry) => isRecord(entry) && Array.isArray(entry.enforcementPoints) && entry.enforcementPoints.some((point) => isRecord(point) && ADMISSION_POINTS.has(String(point.name))))
      .map((entry) => String((entry as Record<string, unknown>).action).toLowerCase());
    if (actions.includes('deny')) return 'deny';
    if (actions.includes('warn')) return 'warn';
    if (actions.includes('dryrun')) return 'dryrun';
  }
  return 'deny';
}

/**
 * Library kinds whose ConstraintTemplate in the set is not the library's: every library template carries the
 * `metadata.gatekeeper.sh/title` annotation; a template of the same kind without it is a team's own Rego.
 */
function customLibraryTemplates(sources: readonly ConstraintSource[]): Map<string, string> {
  const custom = new Map<string, string>();
  for (const { object, file } of sources) {
    if (!isRecord(object) || object.kind !== 'ConstraintTemplate' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith(TEMPLATES_GROUP)) continue;
    const names = isRecord(object.spec) && isRecord(object.spec.crd) && isRecord(object.spec.crd.spec) && isRecord(object.spec.crd.spec.names) ? object.spec.crd.spec.names : {};
    const annotations = isRecord(object.metadata) && isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
    if (typeof names.kind === 'string' && CONSTRAINT_KINDS.has(names.kind) && annotations['metadata.gatekeeper.sh/title'] === undefined) custom.set(names.kind, file);
  }
  return custom;
}

/** Sorts Gatekeeper objects into evaluated constraints and unsupported ones; other objects are not constraints. */
export function constraintSetOf(sources: readonly ConstraintSource[]): ConstraintSet {
  const set: ConstraintSet = { constraints: [], unsupported: [] };
  // `kubectl get constraints -o yaml` prints a List: its items are the constraints.
  const expanded = sources.flatMap((source) =>
    isRecord(source.object) && source.object.kind === 'List' && Array.isArray(source.object.items) ? source.object.items.map((item) => ({ object: item, file: source.file })) : [source],
  );
  const customTemplates = customLibraryTemplates(expanded);
  for (const { object, file } of expanded) {
    if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') continue;
    const name = isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '';
    if (object.apiVersion.startsWith(TEMPLATES_GROUP) && object.kind === 'ConstraintTemplate') {
      // A template of a library kind is evaluated natively; any other template's Rego is not.
      const crd = isRecord(object.spec) && isRecord(object.spec.crd) && isRecord(object.spec.crd.spec) && isRecord(object.spec.crd.spec.names) ? object.spec.crd.spec.names : {};
      if (typeof crd.kind !== 'string' || !CONSTRAINT_KINDS.has(crd.kind)) set.unsupported.push({ id: `ConstraintTemplate/${name}`, file });
      continue;
    }
    if (!object.apiVersion.startsWith(CONSTRAINTS_GROUP)) continue;
    const spec = isRecord(object.spec) ? object.spec : {};
    if (!CONSTRAINT_KINDS.has(object.kind)) {
      set.unsupported.push({ id: constraintId({ kind: object.kind, name }), file, ...(LIBRARY_KINDS_NOT_EVALUATED[object.kind] ? { reason: LIBRARY_KINDS_NOT_EVALUATED[object.kind] } : {}) });
      continue;
    }
    if (!name) {
      set.unsupported.push({ id: constraintId({ kind: object.kind, name }), file, reason: 'it has no metadata.name' });
      continue;
    }
    // Gatekeeper holds one constraint per kind and name (a second apply replaces the first): the first read is evaluated.
    const first = set.constraints.find((constraint) => constraint.kind === object.kind && constraint.name === name);
    if (first) {
      set.unsupported.push({ id: constraintId(first), file, reason: `defined again; the one in ${first.file} is evaluated` });
      continue;
    }
    const custom = customTemplates.get(object.kind);
    if (custom) {
      set.unsupported.push({ id: constraintId({ kind: object.kind, name }), file, reason: `its ConstraintTemplate (${custom}) is not the library's (no metadata.gatekeeper.sh/title annotation), so its Rego may differ` });
      continue;
    }
    const parameters = isRecord(spec.parameters) ? spec.parameters : {};
    const mismatch = spec.parameters !== undefined && spec.parameters !== null && !isRecord(spec.parameters) ? 'spec.parameters is not a mapping' : parameterMismatch(object.kind, parameters);
    if (mismatch) {
      set.unsupported.push({ id: constraintId({ kind: object.kind, name }), file, reason: `${mismatch}: a custom template of the same name?` });
      continue;
    }
    const enforcementAction = enforcementActionOf(spec);
    if (!enforcementAction) {
      set.unsupported.push({ id: constraintId({ kind: object.kind, name }), file, reason: `enforcementAction ${JSON.stringify(spec.enforcementAction)} is none of deny, warn, dryrun, scoped` });
      continue;
    }
    set.constraints.push({
      kind: object.kind,
      name,
      file,
      enforcementAction,
      parameters,
      match: isRecord(spec.match) ? spec.match : {},
    });
  }
  return set;
}

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

function walk(directory: string, found: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, found);
    } else if (entry.isFile()) found.push(path);
  }
}

/** The files a pattern names: a file, every YAML file under a directory, or the files a glob matches. */
function filesOf(pattern: string, baseDir: string): string[] {
  const micromatch = require('micromatch') as typeof import('micromatch');
  const absolute = resolve(baseDir, pattern);
  const scan = micromatch.scan(absolute);
  if (!scan.isGlob) {
    if (!existsSync(absolute)) return [];
    if (!statSync(absolute).isDirectory()) return [absolute];
    const found: string[] = [];
    walk(absolute, found);
    return found.filter((file) => /\.ya?ml$/.test(file)).sort();
  }
  const found: string[] = [];
  if (existsSync(scan.base) && statSync(scan.base).isDirectory()) walk(scan.base, found);
  return found.filter((file) => micromatch.isMatch(relative(scan.base, file).split('\\').join('/'), scan.glob, { dot: true })).sort();
}

/** Reads the Constraint files of the patterns; a pattern that names no file, or a file that is not YAML, is an error. */
export function loadConstraintFiles(patterns: ReadonlyArray<{ pattern: string; baseDir: string }>, cwd: string): ConstraintSet {
  const { parseAllDocuments, LineCounter } = require('yaml') as typeof import('yaml');
  const sources: ConstraintSource[] = [];
  const seen = new Set<string>();
  for (const { pattern, baseDir } of patterns) {
    const files = filesOf(pattern, baseDir);
    if (!files.length) throw new ConstraintFileError(`constraints: "${pattern}" matches no file (relative to ${relative(cwd, baseDir) || '.'})`);
    for (const path of files) {
      if (seen.has(path)) continue;
      seen.add(path);
      const file = relative(cwd, path).split('\\').join('/') || path;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new ConstraintFileError(`constraints: cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
      }
      const lineCounter = new LineCounter();
      for (const document of parseAllDocuments(text, { lineCounter })) {
        if (!('errors' in document)) continue;
        const error = document.errors[0];
        if (error) {
          const { line, col } = lineCounter.linePos(error.pos[0]);
          throw new ConstraintFileError(`constraints: ${file}:${line}:${col}: ${error.message.split('\n')[0]}`);
        }
        sources.push({ object: document.toJS(), file });
      }
    }
  }
  return constraintSetOf(sources);
}
