// Linting collected inputs where each build (a Kustomize overlay, a chart rendering) is its own lint set, then:
// findings on built objects (Kustomize builds, Helm renders) honour the suppression comments written in
// the source files, overlays sharing a base report a base finding once, and the sources of origins are added for
// code frames.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintParsed } from '../api';
import type { ResolvedConfig } from '../config/resolve';
import { severityCounts, sortFindings } from '../engine/linter';
import { findSuppression, parseDirectives, type Directive } from '../engine/suppressions';
import type { Finding, LintResult } from '../engine/types';
import { applyBuildSeverity, BUILD_SKIPPED } from './build-findings';
import type { Collected } from './collect';
import type { ParallelOptions } from './parallel';
import type { ParsedFile } from './yaml-loader';

/** Suffixes of the display names of build outputs (see kustomize.ts builtName, helm.ts renderedName). */
export const BUILD_SUFFIXES = [' (kustomize build)', ' (helm template)'];

export function isBuildOutput(file: string): boolean {
  return BUILD_SUFFIXES.some((suffix) => file.endsWith(suffix));
}

function buildRoot(file: string): string {
  for (const suffix of BUILD_SUFFIXES) if (file.endsWith(suffix)) return file.slice(0, -suffix.length);
  return file;
}

const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

function readSource(cwd: string, file: string): string | undefined {
  try {
    const path = resolve(cwd, file);
    if (statSync(path).size > MAX_SOURCE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Replaces the object's own label (`Deployment "prod-web"`) and namespace in a message, so overlays that rename a base
 * object still match; a container that shares the object's name (`Container "web"` of Deployment "web") stays.
 */
function normalisedMessage(finding: Finding): string {
  let message = finding.message;
  const { kind, name, namespace } = finding.object ?? {};
  if (kind && name) message = message.split(`${kind} "${name}"`).join(`${kind} "\u0000"`);
  if (namespace && namespace.length > 1) message = message.split(`"${namespace}"`).join('"\u0001"');
  return message;
}

function list(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Post-processes a lint result that holds findings with an `origin`:
 * - a `kubeguard-disable(-next-line)` comment in the origin file silences the finding it points at;
 * - Kustomize findings that several builds share (same origin file, line and column, rule, severity and message up to
 *   the object's name and namespace) are reported once, on the base's own build when it is one of them, else on the
 *   first build in file order, naming the other builds;
 * - a finding of a base's own build (`baseBuilds`) that no other build shows is dropped: the overlays that deploy the
 *   base change or remove what it reports (a patch that adds the missing limits, an object deleted);
 * - fixes are dropped from findings in Helm output (templates are not YAML a fix could edit); Kustomize findings
 *   keep theirs, which --fix moves into the resource file that defines the object;
 * - the text of origin files joins `sources`, so formatters can show the line a person edits.
 */
export function refineBuildResults(result: LintResult, cwd: string, baseBuilds: ReadonlySet<string> = new Set()): LintResult {
  if (!result.findings.some((finding) => finding.origin)) return result;
  const texts = new Map<string, string | undefined>();
  const text = (file: string) => {
    if (!texts.has(file)) texts.set(file, result.sources.get(file) ?? readSource(cwd, file));
    return texts.get(file);
  };
  const directives = new Map<string, Directive[]>();
  let suppressed = result.summary.suppressed;

  const kept: Array<Finding | undefined> = [];
  const shared = new Map<string, { finding: Finding; index: number; others: string[]; onlyBases: boolean; alike: number[] }>();
  const exists = new Map<string, boolean>();
  const inRepository = (file: string) => {
    if (!exists.has(file)) exists.set(file, existsSync(resolve(cwd, file)));
    return exists.get(file)!;
  };
  for (const original of result.findings) {
    const origin = original.origin;
    if (!origin) {
      if (!baseBuilds.has(original.file)) kept.push(original);
      continue;
    }
    if (origin.line === undefined && !inRepository(origin.file)) {
      // A `# Source:` template that is not here (committed helm output of a chart kept elsewhere): the finding stays on
      // the rendered line, so no formatter points at a file that does not exist; the template is named for information.
      const { origin: _missing, ...rest } = original;
      kept.push({ ...rest, message: `${original.message} (Rendered from the Helm template ${origin.file}, which is not in this repository.)` });
      continue;
    }
    if (origin.line !== undefined) {
      let found = directives.get(origin.file);
      if (!found) {
        const source = text(origin.file);
        found = source?.includes('kubeguard-disable') ? parseDirectives(source) : [];
        directives.set(origin.file, found);
      }
      if (findSuppression(found, original.ruleId, origin.line)) {
        suppressed++;
        continue;
      }
    }
    let finding = original;
    // Kustomize fixes stay: --fix moves them into the resource file that defines the object (src/fix/run.ts).
    if (original.fix && isBuildOutput(original.file) && origin.via !== 'kustomize') {
      finding = { ...original };
      delete finding.fix;
    }
    const fromBase = baseBuilds.has(finding.file);
    if (origin.via !== 'kustomize' || origin.line === undefined || !isBuildOutput(finding.file)) {
      if (!fromBase) kept.push(finding); // a base finding no overlay can be shown to repeat
      continue;
    }
    // Not the built path: a patch that inserts a container shifts indexes in one overlay only.
    const key = JSON.stringify([origin.file, origin.line, origin.column, finding.ruleId, finding.severity, normalisedMessage(finding)]);
    const first = shared.get(key);
    if (!first) {
      shared.set(key, { finding, index: kept.length, others: [], onlyBases: fromBase, alike: [] });
      kept.push(finding);
    } else if (first.finding.file !== finding.file) {
      first.onlyBases &&= fromBase;
      if (fromBase && !baseBuilds.has(first.finding.file)) {
        // The base's own build holds what its overlays repeat.
        first.others.unshift(first.finding.file);
        kept[first.index] = finding;
        first.finding = finding;
      } else if (!first.others.includes(finding.file)) first.others.push(finding.file);
    } else {
      first.alike.push(kept.length);
      kept.push(finding); // two objects of one build from the same source (a base included twice): both are real
    }
  }
  for (const group of shared.values()) {
    if (group.onlyBases) for (const index of [group.index, ...group.alike]) kept[index] = undefined;
    else if (group.others.length) {
      const { finding, others } = group;
      const names = [...new Set(others)].filter((file) => file !== finding.file);
      kept[group.index] = { ...finding, message: `${finding.message} (Also in the build${names.length === 1 ? '' : 's'} of ${list(names.map(buildRoot))}.)` };
    }
  }

  const sources = new Map(result.sources);
  const findings = kept.filter((finding): finding is Finding => finding !== undefined);
  for (const finding of findings) {
    const file = finding.origin?.file;
    if (file && finding.origin?.line !== undefined && !sources.has(file)) {
      const source = text(file);
      if (source !== undefined) sources.set(file, source);
    }
  }
  return {
    findings,
    sources,
    summary: {
      ...result.summary,
      ...severityCounts(findings),
      suppressed,
    },
  };
}

/** Lints one build output as its own lint set (src/sources/collect.ts lints each as it is built, then drops it). */
export function lintBuildOutput(file: ParsedFile, config: ResolvedConfig, cwd: string): LintResult {
  return lintParsed([file], config, cwd);
}

/**
 * Lints the collected files. Every build output is a separate lint set: an overlay or a chart rendering is deployed
 * on its own, so cross-object rules (duplicate-object, network-policy-coverage, pdb...) must not compare the objects
 * of overlays/prod with those of overlays/staging. Plain files and standard input form one set, as before.
 */
export function lintCollected(collected: Collected, config: ResolvedConfig, cwd: string, plainResult?: LintResult): LintResult {
  const builds = new Set(collected.builds ?? []);
  const plain = collected.files.filter((file) => !builds.has(file));
  const buildSets = [...builds].map((file) => [file]);
  const results = [
    plainResult ?? lintParsed(plain, config, cwd, collected.problems),
    ...buildSets.map((set) => lintParsed(set, config, cwd)),
    ...(collected.buildResults ?? []),
  ];
  const merged: LintResult =
    results.length === 1
      ? results[0]
      : {
          findings: sortFindings(results.flatMap((result) => result.findings)),
          sources: new Map(results.flatMap((result) => [...result.sources])),
          ...(results.some((result) => result.skipped) ? { skipped: results.flatMap((result) => result.skipped ?? []) } : {}),
          ...(results.some((result) => result.lenient) ? { lenient: results.flatMap((result) => result.lenient ?? []) } : {}),
          summary: {
            files: results.reduce((sum, result) => sum + result.summary.files, 0),
            objects: results.reduce((sum, result) => sum + result.summary.objects, 0),
            errors: results.reduce((sum, result) => sum + result.summary.errors, 0),
            warnings: results.reduce((sum, result) => sum + result.summary.warnings, 0),
            infos: results.reduce((sum, result) => sum + result.summary.infos, 0),
            suppressed: results.reduce((sum, result) => sum + result.summary.suppressed, 0),
          },
        };
  const refined = refineBuildResults(merged, cwd, collected.baseBuilds);
  const buildSkipped = config.rules.get(BUILD_SKIPPED)?.severity;
  const raised = (config.cliRules[BUILD_SKIPPED]?.severity ?? buildSkipped) === 'error';
  if (raised && refined.findings.some((finding) => finding.ruleId === BUILD_SKIPPED && finding.severity !== 'error')) {
    applyBuildSeverity(refined.findings, 'error');
    Object.assign(refined.summary, severityCounts(refined.findings));
  }
  if (collected.notBuilt?.length) refined.summary.notBuilt = collected.notBuilt;
  return refined;
}

/**
 * lintCollected, with the deferred plain files (Collected.deferred) read, parsed and linted on worker threads; if the
 * workers fail, on this thread (with a note).
 */
export async function lintCollectedWithWorkers(collected: Collected, config: ResolvedConfig, cwd: string, options: ParallelOptions): Promise<LintResult> {
  const deferred = collected.deferred ?? [];
  const builds = new Set(collected.builds ?? []);
  if (deferred.length && !collected.files.some((file) => !builds.has(file))) {
    try {
      const { lintOnWorkers } = require('./parallel') as typeof import('./parallel');
      const plainResult = await lintOnWorkers(deferred, config, cwd, collected.problems, options);
      if (plainResult) return lintCollected(collected, config, cwd, plainResult);
    } catch (error) {
      collected.notes?.push(`worker threads failed (${(error as Error).message.split('\n')[0]}); linting on one thread.`);
    }
  }
  if (deferred.length) {
    const { readPlainFiles } = require('./collect') as typeof import('./collect');
    const { HelmOrigins } = require('./helm') as typeof import('./helm');
    const read = readPlainFiles(deferred, options.limits, new HelmOrigins(cwd, options.chart));
    collected = { ...collected, files: [...read.files, ...collected.files], problems: [...collected.problems, ...read.problems], deferred: [] };
  }
  return lintCollected(collected, config, cwd);
}
