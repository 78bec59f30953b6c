// Runs the enabled rules over parsed files and turns their reports into positioned, suppressible findings.
import { extractContainers, extractPodSpec } from '../model/pod-spec';
import type { ParsedDocument, ParsedFile } from '../sources/yaml-loader';
import { formatPath, locate, offsetsToRange } from './positions';
import { excludedContainers, hasContainerScope, insideExcluded, ruleScope, scopeIncludes } from './rule-scope';
import { findSuppression, parseDirectives, type Directive } from './suppressions';
import {
  POD_WORKLOADS,
  type Finding,
  type KubeObject,
  type KubernetesVersion,
  type LintObject,
  type ObjectIdentity,
  type Path,
  type Report,
  type Rule,
  type RuleContext,
  type Severity,
} from './types';

export interface EnabledRule {
  severity: Severity;
  options: Record<string, unknown>;
}

export interface EngineOptions {
  rules: readonly Rule<any>[];
  /**
   * The rules switched on for a file, with their severity and options; `alsoMatch` are further files whose
   * overrides apply (for built objects: the build's file and the file that defines the object).
   */
  settingsFor(file: string, alsoMatch?: readonly string[]): ReadonlyMap<string, EnabledRule>;
  excludedNamespaces: readonly string[];
  kubernetesVersion: KubernetesVersion;
  /** Keep only the most specific rule's finding where rules `supersedes` others (default true). */
  oneFindingPerProblem?: boolean;
  /**
   * The whole lint set that cross-object rules see, when `files` are only part of it (a worker thread's share; its own
   * objects must be these very objects). Default: the objects of `files`.
   */
  lintSet?: readonly LintObject[];
}

export interface EngineResult {
  findings: Finding[];
  objects: number;
  suppressed: number;
}

export const IGNORE_ANNOTATION_PREFIX = 'ignore.kubeguard.dev/';
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function identify(object: KubeObject): ObjectIdentity | undefined {
  const name = object.metadata?.name ?? (object.metadata as { generateName?: string } | undefined)?.generateName;
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  const identity: ObjectIdentity = { apiVersion: object.apiVersion, kind: object.kind, name: typeof name === 'string' ? name : '' };
  if (typeof object.metadata?.namespace === 'string') identity.namespace = object.metadata.namespace;
  return identity;
}

function appliesTo(rule: Rule<any>, object: KubeObject, hasPodSpec: boolean): boolean {
  const kinds = rule.meta.kinds;
  if (kinds === undefined) return true;
  if (kinds === POD_WORKLOADS) return hasPodSpec;
  return typeof object.kind === 'string' && kinds.includes(object.kind);
}

function annotationSuppressions(object: KubeObject): Map<string, string> {
  const suppressions = new Map<string, string>();
  const annotations = object.metadata?.annotations;
  if (annotations && typeof annotations === 'object') {
    for (const [key, reason] of Object.entries(annotations)) {
      if (key.startsWith(IGNORE_ANNOTATION_PREFIX) && typeof reason === 'string' && reason.trim()) {
        suppressions.set(key.slice(IGNORE_ANNOTATION_PREFIX.length), reason);
      }
    }
  }
  return suppressions;
}

export function parseErrorFinding(file: ParsedFile | { file: string }, message: string, offset?: number): Finding {
  let range = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (offset !== undefined && 'lineCounter' in file) range = offsetsToRange(file.lineCounter, file.text, [offset, offset + 1]);
  return { file: file.file, ...range, ruleId: 'parse-error', severity: 'error', message };
}

export function lintObjects(files: readonly ParsedFile[]): LintObject[] {
  const objects: LintObject[] = [];
  for (const file of files) {
    for (const document of file.documents) {
      for (const { object } of document.objects) {
        const namespace = object.metadata?.namespace;
        const entry: LintObject = { object, file: file.file, namespace: typeof namespace === 'string' ? namespace : undefined };
        if (file.buildFile !== undefined) entry.buildFile = file.buildFile;
        if (document.sourceFile !== undefined) entry.sourceFile = document.sourceFile;
        objects.push(entry);
      }
    }
  }
  return objects;
}

export function runRules(files: readonly ParsedFile[], options: EngineOptions): EngineResult {
  const findings: Finding[] = [];
  const objects = options.lintSet ?? lintObjects(files);
  let ownObjects = 0;
  const excluded = new Set(options.excludedNamespaces);
  const knownIds = new Set(options.rules.map((rule) => rule.meta.id));
  let suppressed = 0;

  for (const file of files) {
    for (const problem of file.problems) findings.push(parseErrorFinding(file, problem.message, problem.offset));
    const settings = options.settingsFor(file.file);
    const enabledFor = (documentSettings: ReadonlyMap<string, EnabledRule>) => options.rules.filter((rule) => documentSettings.has(rule.meta.id));
    const fileRules = { settings, enabled: enabledFor(settings) };
    // Built objects also take the overrides of the files a person edits: the build's own file and the object's source.
    const bySources = new Map<string, typeof fileRules>();
    const rulesFor = (document: ParsedDocument) => {
      const sources = [file.buildFile, document.sourceFile].filter((path): path is string => path !== undefined && path !== file.file);
      if (!sources.length) return fileRules;
      const key = sources.join('\u0000');
      let found = bySources.get(key);
      if (!found) {
        const documentSettings = options.settingsFor(file.file, sources);
        bySources.set(key, (found = { settings: documentSettings, enabled: enabledFor(documentSettings) }));
      }
      return found;
    };
    const directives = file.text.includes('kubeguard-disable') ? parseDirectives(file.text) : [];

    for (const document of file.documents) {
      ownObjects += document.objects.length;
      const { settings, enabled } = rulesFor(document);
      for (const { object, pathPrefix } of document.objects) {
        const namespace = object.metadata?.namespace;
        const excludedGlobally = typeof namespace === 'string' && excluded.has(namespace);
        // A rule with its own excludedNamespaces option may still look at an object of a globally excluded namespace.
        if (excludedGlobally && !enabled.some((rule) => settings.get(rule.meta.id)!.options.excludedNamespaces !== undefined)) continue;
        const ignored = annotationSuppressions(object);
        const podSpec = extractPodSpec(object);
        let containers: ReturnType<typeof extractContainers> | undefined;
        const identity = identify(object);
        // Paths each rule reported on this object (suppressed reports too), and the findings, for `supersedes`.
        const reportedPaths = new Map<string, Set<string>>();
        const objectFindings: Array<{ finding: Finding; pathKey: string }> = [];

        for (const rule of enabled) {
          if (!appliesTo(rule, object, podSpec !== undefined)) continue;
          const setting = settings.get(rule.meta.id)!;
          const scope = ruleScope(setting.options);
          if (!scopeIncludes(scope, object, podSpec, excludedGlobally)) continue;
          const leftOut = scope && hasContainerScope(scope) ? excludedContainers(scope, (containers ??= extractContainers(podSpec))) : [];
          const report = (reported: Report) => {
            if (leftOut.length && insideExcluded(reported.path, leftOut)) return;
            const fullPath: Path = [...pathPrefix, ...reported.path];
            const pathKey = JSON.stringify(reported.path);
            let paths = reportedPaths.get(rule.meta.id);
            if (!paths) reportedPaths.set(rule.meta.id, (paths = new Set()));
            paths.add(pathKey);
            const range = locate(document.document, file.lineCounter, file.text, fullPath);
            // A constraint id has a second "/", which an annotation key cannot: `ignore.kubeguard.dev/<Kind>.<name>` also works.
            if (ignored.has(rule.meta.id) || (rule.meta.constraint && ignored.has(rule.meta.id.replace('/', '.')))) {
              suppressed++;
              return;
            }
            const directive = findSuppression(directives, rule.meta.id, range.line);
            if (directive) {
              directive.used.add(rule.meta.id);
              suppressed++;
              return;
            }
            const severity =
              reported.severity && SEVERITY_RANK[reported.severity] < SEVERITY_RANK[setting.severity] ? reported.severity : setting.severity;
            const finding: Finding = {
              file: file.file,
              ...range,
              ruleId: rule.meta.id,
              severity,
              message: reported.message,
              object: identity,
              path: formatPath(fullPath),
            };
            const origin = document.origin?.(fullPath);
            if (origin) finding.origin = origin;
            if (rule.meta.constraint) finding.constraint = rule.meta.constraint;
            if (reported.fix?.length) finding.fix = reported.fix.map((fix) => ({ ...fix, path: [...pathPrefix, ...fix.path] }));
            objectFindings.push({ finding, pathKey });
          };
          const context: RuleContext<any> = {
            options: { ...(rule.meta.defaultOptions ?? {}), ...setting.options },
            kubernetesVersion: options.kubernetesVersion,
            file: file.file,
            objects,
            report,
            podSpec: (target) => (target === object ? podSpec : extractPodSpec(target)),
            containers: (target) => {
              if (target !== object) return extractContainers(extractPodSpec(target));
              const all = (containers ??= extractContainers(podSpec));
              return leftOut.length ? all.filter((container) => !leftOut.includes(container)) : all;
            },
          };
          try {
            rule.check(object, context);
          } catch (error) {
            // A rule bug must not hide the other findings; it is reported where the object starts.
            report({ path: ['kind'], message: `Internal error in rule ${rule.meta.id}: ${(error as Error).message}. Please report it.` });
          }
        }
        const speaksFor = options.oneFindingPerProblem === false ? undefined : supersedingRules(enabled);
        for (const { finding, pathKey } of objectFindings) {
          const winners = speaksFor?.get(finding.ruleId);
          if (winners?.some((winner) => reportedPaths.get(winner)?.has(pathKey))) {
            // The problem keeps its remedy: a winner without a fix of its own carries the hidden finding's.
            const winner = finding.fix && objectFindings.find((entry) => entry.pathKey === pathKey && winners.includes(entry.finding.ruleId));
            if (winner && !winner.finding.fix) winner.finding.fix = finding.fix;
            continue;
          }
          findings.push(finding);
        }
      }
    }
    findings.push(...directiveProblems(file.file, directives, settings, knownIds));
  }
  return { findings: sortFindings(findings), objects: ownObjects, suppressed };
}

const supersedingCache = new WeakMap<readonly Rule<any>[], Map<string, string[]>>();

/** For each enabled rule, the enabled rules that supersede it (one problem, one finding). */
function supersedingRules(enabled: Rule<any>[]): Map<string, string[]> {
  let result = supersedingCache.get(enabled);
  if (!result) {
    result = new Map();
    const ids = new Set(enabled.map((rule) => rule.meta.id));
    for (const rule of enabled) {
      for (const loser of rule.meta.supersedes ?? []) {
        if (!ids.has(loser)) continue;
        const winners = result.get(loser);
        if (winners) winners.push(rule.meta.id);
        else result.set(loser, [rule.meta.id]);
      }
    }
    supersedingCache.set(enabled, result);
  }
  return result;
}

function directiveProblems(file: string, directives: readonly Directive[], settings: ReadonlyMap<string, EnabledRule>, knownIds: ReadonlySet<string>): Finding[] {
  const problems: Finding[] = [];
  for (const directive of directives) {
    const at = { file, line: directive.line, column: directive.column, endLine: directive.line, endColumn: directive.endColumn, severity: 'warning' as const };
    if (directive.kind === 'unknown') {
      problems.push({ ...at, ruleId: 'invalid-suppression', message: `Unknown directive ${directive.name}: use kubeguard-disable-next-line or kubeguard-disable.` });
      continue;
    }
    if (!directive.ruleIds.length) {
      problems.push({ ...at, ruleId: 'invalid-suppression', message: `kubeguard-${directive.kind} needs the rule ids it silences.` });
      continue;
    }
    if (!directive.reason) {
      problems.push({ ...at, ruleId: 'invalid-suppression', message: `kubeguard-${directive.kind} needs a reason after " -- "; it has no effect without one.` });
      continue;
    }
    for (const id of directive.ruleIds) {
      if (!knownIds.has(id)) {
        problems.push({ ...at, ruleId: 'invalid-suppression', message: `kubeguard-${directive.kind} names unknown rule "${id}".` });
      } else if (settings.has(id) && !directive.used.has(id)) {
        problems.push({ ...at, ruleId: 'unused-suppression', message: `Unused kubeguard-${directive.kind} for ${id}: nothing is reported there.` });
      }
    }
  }
  return problems;
}

/** The summary's errors, warnings and infos of these findings. */
export function severityCounts(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') counts.errors++;
    else if (finding.severity === 'warning') counts.warnings++;
    else if (finding.severity === 'info') counts.infos++;
  }
  return counts;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
