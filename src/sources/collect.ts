// Turns the command-line inputs into parsed files: plain manifests, Helm output (with origins from `# Source:`
// comments), Kustomize roots built and Helm charts rendered (concurrently, bounded by the CPU count).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Finding, LintResult, NotBuilt } from '../engine/types';
import { parseErrorFinding } from '../engine/linter';
import { buildFinding, BUILD_ERROR, BUILD_SKIPPED, notBuilt } from './build-findings';
import { ToolClock, runPool } from './external-tool';
import { readManifest, decodeManifest } from './read-file';
import type { SourceSettings } from './source-settings';
import { findGitRoot, walk } from './walker';
import { DEFAULT_LIMITS, parseManifest, skipIfNotManifest, type LoadLimits, type ParsedFile } from './yaml-loader';
import type { SkippedPath } from '../engine/types';

export interface CollectOptions {
  cwd: string;
  limits: LoadLimits;
  isIgnored?: (file: string) => boolean;
  /** Progress hooks for long runs (the CLI's spinner); see src/cli/progress.ts. */
  progress?: { file?(done: number, total: number, file: string): void; build?(label: string): void };
}

export interface Collected {
  files: ParsedFile[];
  /** Findings for inputs that could not be read (unreadable files and directories, failed builds). */
  problems: Finding[];
  /** Fatal problems that make the run exit 2 (missing paths, tools that could not run), one line each. */
  errors: string[];
  /** Milliseconds spent in external tools (wall clock while any ran). */
  toolTimeMs: number;
  /** Messages for standard error that do not change the exit code (e.g. a chart skipped with --no-build). */
  notes?: string[];
  /** Files in `files` that are build outputs (Kustomize builds, Helm renders): each is linted as its own set. */
  builds?: ParsedFile[];
  /** Results of build outputs linted as they were built (SourceCollectOptions.lintBuild). */
  buildResults?: LintResult[];
  /**
   * Builds of Kustomize bases on their own (display names), where overlays that use them were built too: a finding
   * there stands only where an overlay shows it as well (build-results.ts folds it), since overlays may change it.
   */
  baseBuilds?: Set<string>;
  /** Kustomize roots and Helm charts not built, and why (each also has a build-error or build-skipped finding). */
  notBuilt?: NotBuilt[];
  /** Plain files not read yet (see SourceCollectOptions.defer): part of the plain lint set, in this order. */
  deferred?: DeferredFile[];
  /** Paths the walk left out by default (walk.skip); files that are not manifests are in the lint result's list. */
  skipped?: SkippedPath[];
}

export function emptyCollected(): Collected {
  return { files: [], problems: [], errors: [], toolTimeMs: 0, notes: [], builds: [] };
}

/** Paths in results: relative to the working directory, with `/` separators. */
export function displayPath(cwd: string, file: string): string {
  const path = relative(cwd, file);
  return (path.startsWith('..') ? file : path).split(sep).join('/');
}

export function parseText(file: string, text: string, limits: LoadLimits = DEFAULT_LIMITS): ParsedFile {
  return parseManifest(file, text, limits);
}

export function parseBytes(file: string, bytes: Uint8Array, limits: LoadLimits): ParsedFile | Finding {
  const outcome = decodeManifest(bytes, limits.maxFileSize);
  if ('problem' in outcome) return parseErrorFinding({ file }, outcome.problem);
  return parseManifest(file, outcome.text, limits);
}

/** Plain files only: no builds, no origins (the synchronous API; the CLI uses collectSources). */
export function collectPaths(paths: readonly string[], options: CollectOptions): Collected {
  const collected = emptyCollected();
  const walked = walk(paths.length ? paths : ['.'], { cwd: options.cwd, isIgnored: options.isIgnored });
  for (const missing of walked.unmatched) collected.errors.push(`no such file, directory or matching glob: ${missing}`);
  for (const problem of walked.problems) collected.problems.push(parseErrorFinding({ file: displayPath(options.cwd, problem.file) }, problem.message));
  let read = 0;
  for (const absolute of walked.files) {
    options.progress?.file?.(++read, walked.files.length, absolute);
    const file = displayPath(options.cwd, absolute);
    const outcome = readManifest(absolute, options.limits.maxFileSize);
    if ('problem' in outcome) collected.problems.push(parseErrorFinding({ file }, outcome.problem));
    else collected.files.push(parseManifest(file, outcome.text, options.limits));
  }
  return collected;
}

export interface SourceCollectOptions extends CollectOptions {
  env: NodeJS.ProcessEnv;
  settings: SourceSettings;
  /**
   * Leave the plain files unread when there are at least `minBytes` of them, for worker threads to read, parse and
   * lint (src/sources/parallel.ts); they are then listed in `Collected.deferred`.
   */
  defer?: { minBytes: number };
  /**
   * Lints one build output as soon as it is built, so its parsed form can be dropped before the next: a run's memory
   * then holds one build at a time (not with --fix, which needs every parsed file). Results go to `buildResults`.
   */
  lintBuild?: (file: ParsedFile) => LintResult;
  /** Called with the display name and milliseconds of each build that ran (for --timing and the CI log line). */
  onBuildTime?: (name: string, milliseconds: number) => void;
  /** Logs a build that runs longer than `afterMs`, once, while it runs. */
  slowBuild?: { afterMs: number; log(name: string): void };
}

/** A plain file left for worker threads: its path and its name in results. */
export interface DeferredFile {
  absolute: string;
  file: string;
  /** Found by a directory walk or glob (not named): skipped when it fails to parse and names no apiVersion/kind. */
  walked?: boolean;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * walk.include: a path matches one of the globs (relative to the config's directory); a directory when a glob may
 * match inside it (the glob's fixed leading part runs through the directory, or the glob starts with a wildcard).
 */
function includeMatcher(globs: readonly string[], baseDir: string): (path: string, isDirectory: boolean) => boolean {
  const micromatch = require('micromatch') as typeof import('micromatch');
  const bases = globs.map((glob) => micromatch.scan(glob).base);
  return (path, isDirectory) => {
    const relativePath = relative(baseDir, path).split(sep).join('/');
    if (micromatch.isMatch(relativePath, globs as string[], { dot: true })) return true;
    return isDirectory && bases.some((base) => !base || base === relativePath || base.startsWith(`${relativePath}/`));
  };
}

/** Memoises a per-directory test: the walker and the ancestor searches ask about the same directories often. */
function memo(test: (dir: string) => boolean): (dir: string) => boolean {
  const cache = new Map<string, boolean>();
  return (dir) => {
    let value = cache.get(dir);
    if (value === undefined) cache.set(dir, (value = test(dir)));
    return value;
  };
}

/** Ancestors of `file` to search for a chart or kustomization: up to the working directory, or the Git root outside it. */
function ancestors(file: string, cwd: string): string[] {
  const inside = !relative(cwd, file).startsWith('..');
  const stop = inside ? resolve(cwd) : findGitRoot(dirname(file));
  const dirs: string[] = [];
  for (let dir = dirname(file), level = 0; ; dir = dirname(dir), level++) {
    dirs.push(dir);
    if (dir === stop || dirname(dir) === dir || (!stop && level >= 3)) break;
  }
  return dirs;
}

/** Reads and parses one plain file (origins from `# Source:` comments of Helm output), or the problem reading it. */
export function readPlainFile(absolute: string, file: string, limits: LoadLimits, helmOrigins: import('./helm').HelmOrigins, walked = false): ParsedFile | Finding {
  const outcome = readManifest(absolute, limits.maxFileSize);
  if ('problem' in outcome) return parseErrorFinding({ file }, outcome.problem);
  let parsed = parseManifest(file, outcome.text, limits);
  if (walked) parsed = skipIfNotManifest(parsed);
  (require('./helm') as typeof import('./helm')).attachHelmOrigins(parsed, helmOrigins, dirname(absolute));
  return parsed;
}

/** Reads and parses plain files in order: the parsed ones, and the problems of those that could not be read. */
export function readPlainFiles(
  inputs: readonly DeferredFile[],
  limits: LoadLimits,
  helmOrigins: import('./helm').HelmOrigins,
  onFile?: (done: number, total: number, file: string) => void,
): { files: ParsedFile[]; problems: Finding[] } {
  const files: ParsedFile[] = [];
  const problems: Finding[] = [];
  inputs.forEach((input, index) => {
    onFile?.(index + 1, inputs.length, input.absolute);
    const outcome = readPlainFile(input.absolute, input.file, limits, helmOrigins, input.walked);
    if ('ruleId' in outcome) problems.push(outcome);
    else files.push(outcome);
  });
  return { files, problems };
}

/** A file with top-level `apiVersion:` and `kind:` keys (a manifest or a patch), read up to 64 KB. */
function looksLikeObject(file: string): boolean {
  const { closeSync, openSync, readSync } = require('node:fs') as typeof import('node:fs');
  let text = '';
  try {
    const descriptor = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      text = buffer.toString('utf8', 0, readSync(descriptor, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return false; // unreadable: the plain lint reports it
  }
  return /^kind:\s*\S/m.test(text) && /^apiVersion:\s*\S/m.test(text);
}

/** Whether the files hold at least `minBytes` (stats only as many as it takes to tell). */
/** The first ten paths of a note's list, and how many more. */
function someOf(paths: readonly string[]): string {
  return paths.length > 10 ? `${paths.slice(0, 10).join(', ')} and ${paths.length - 10} more` : paths.join(', ');
}

function reachesBytes(files: readonly string[], minBytes: number): boolean {
  let total = 0;
  for (const file of files) {
    try {
      total += statSync(file).size;
    } catch {
      // unreadable: reported when read
    }
    if (total >= minBytes) return true;
  }
  return false;
}

/**
 * Collects plain files, builds Kustomize roots and renders Helm charts found among `paths`. Files that belong to a
 * built root are linted through the build only; chart templates and values are rendered, never linted as YAML.
 */
export async function collectSources(paths: readonly string[], options: SourceCollectOptions): Promise<Collected> {
  const { cwd, settings, limits } = options;
  const collected = emptyCollected();
  const helm = require('./helm') as typeof import('./helm');
  const kustomize = require('./kustomize') as typeof import('./kustomize');
  const isChart = memo(helm.isChartDirectory);
  const isChartSource = memo(helm.isUnrenderableChartSource);
  const chartSources = new Set<string>();
  const isKustomizeDir = memo((dir) => kustomize.kustomizationFile(dir) !== undefined);

  const chartDirs = new Set<string>();
  const walkedKustomizeDirs = new Set<string>();
  const inputs = paths.length ? paths : ['.'];
  const explicitInputs = new Set(inputs.map((input) => resolve(cwd, input)));
  const { WalkSkips } = require('./walk-set') as typeof import('./walk-set');
  const walkSettings = settings.walk;
  const isIncluded = walkSettings?.include.length ? includeMatcher(walkSettings.include, walkSettings.baseDir) : undefined;
  const chartFilesSkipped: string[] = [];
  const walked = walk(inputs, {
    cwd,
    isIgnored: options.isIgnored,
    skips: walkSettings ? new WalkSkips(walkSettings.skip) : undefined,
    isIncluded,
    git: walkSettings?.git,
    env: options.env,
    enterDirectory: (dir) => {
      // A chart's files/ holds what its templates read with .Files.Get: data, not manifests.
      if (walkSettings?.skip.has('chart-files') && dir.endsWith(`${sep}files`) && isChart(dirname(dir)) && !isIncluded?.(dir, true) && !explicitInputs.has(dir)) {
        chartFilesSkipped.push(dir);
        return false;
      }
      if (isChart(dirname(dir)) && (dir.endsWith(`${sep}templates`) || dir.endsWith(`${sep}charts`))) {
        chartDirs.add(dirname(dir)); // Go templates and subcharts: rendered with their chart
        return false;
      }
      if (dir.endsWith(`${sep}templates`) && isChartSource(dirname(dir))) {
        chartSources.add(dirname(dir));
        return false;
      }
      if (isChart(dir)) chartDirs.add(dir);
      if (isKustomizeDir(dir)) walkedKustomizeDirs.add(dir);
      return true;
    },
  });
  for (const missing of walked.unmatched) collected.errors.push(`no such file, directory or matching glob: ${missing}`);
  for (const skipped of walked.ignored) collected.notes!.push(`${skipped} is excluded by the config's ignores: not linted (--no-ignore lints it).`);
  for (const problem of walked.problems) collected.problems.push(parseErrorFinding({ file: displayPath(cwd, problem.file) }, problem.message));
  const { skipReason } = require('./walk-set') as typeof import('./walk-set');
  collected.skipped = [
    ...walked.skipped.map(({ path, category }) => ({ file: displayPath(cwd, path), reason: skipReason(category) })),
    ...chartFilesSkipped.map((dir) => ({ file: displayPath(cwd, dir), reason: skipReason('chart-files') })),
  ];

  // Helm: chart metadata and templates are never plain manifests; naming one lints its chart.
  const files: string[] = [];
  for (const file of walked.files) {
    // The nearest chart (or chart source without Chart.yaml) above the file owns its metadata, templates and subcharts.
    let owner: Set<string> | undefined;
    for (const dir of ancestors(file, cwd)) {
      const chart = isChart(dir) ? chartDirs : isChartSource(dir) ? chartSources : undefined;
      if (!chart) continue;
      const first = relative(dir, file).split(sep)[0];
      const isMetadata = dirname(file) === dir && helm.isChartMetadataFile(first);
      if (isMetadata || first === 'templates' || (first === 'charts' && chart === chartDirs)) (owner = chart).add(dir);
      break;
    }
    if (!owner) files.push(file);
  }
  for (const dir of [...chartSources].sort()) {
    const shown = displayPath(cwd, dir) || '.';
    collected.notes!.push(`${shown} holds Helm templates but no Chart.yaml, so it cannot be rendered: its templates and values are not linted as YAML. Lint its rendered output instead: helm template <release> <chart> | kubeguard - --chart ${shown}`);
  }

  // Kustomize: the roots walked, and the roots above named files whose build uses them.
  const graph = new kustomize.KustomizeGraph(new kustomize.SourceCache());
  const explicitDirs = new Set(inputs.map((input) => resolve(cwd, input)).filter(isDirectory));
  const candidateDirs = new Set(walkedKustomizeDirs);
  const closures = new Map<string, ReturnType<typeof graph.closure>>();
  const closureOf = (dir: string) => {
    let closure = closures.get(dir);
    if (!closure) closures.set(dir, (closure = graph.closure(dir)));
    return closure;
  };
  for (const file of files) {
    for (const dir of ancestors(file, cwd)) {
      if (candidateDirs.has(dir) || !isKustomizeDir(dir)) continue;
      if (closureOf(dir).files.has(file)) candidateDirs.add(dir);
    }
  }
  const kustomizations = [...candidateDirs].sort().map((dir) => graph.load(dir)).filter((k) => k !== undefined);
  // A root is built when no other root or component here uses it (overlays, not their bases), or when named.
  const usedByOthers = new Set<string>();
  for (const k of kustomizations) for (const used of closureOf(k.dir).kustomizations) if (used.dir !== k.dir) usedByOthers.add(used.dir);
  const roots = settings.kustomize.enabled ? kustomizations.filter((k) => k.kind === 'Kustomization' && (!usedByOthers.has(k.dir) || explicitDirs.has(k.dir))) : [];
  const covered = new Map<string, string>();
  const roles = new Map<string, string>();
  for (const k of kustomizations) for (const [file, role] of closureOf(k.dir).files) if (!roles.has(file) || role === 'resource') roles.set(file, role);
  for (const root of roots) for (const [file, role] of closureOf(root.dir).files) if (!covered.has(file) || role === 'resource') covered.set(file, role);

  // Plain files: everything not linted through a build.
  const explicitFiles = new Set(inputs.map((input) => resolve(cwd, input)).filter((path) => !explicitDirs.has(path)));
  const unreferenced: string[] = [];
  const unbuiltPatches: string[] = [];
  const plainFiles = files.filter((absolute) => {
    if (!settings.kustomize.enabled) {
      // --no-build: resources are linted as plain files; patches are partial objects (a container without its image or
      // securityContext), which would read as missing everything. A named file is always linted.
      if (explicitFiles.has(absolute)) return true;
      const role = roles.get(absolute);
      if (role === 'patch') {
        unbuiltPatches.push(displayPath(cwd, absolute));
        return false;
      }
      if (role === undefined && isKustomizeDir(dirname(absolute)) && looksLikeObject(absolute)) {
        unreferenced.push(displayPath(cwd, absolute));
        return false;
      }
      return true;
    }
    const role = covered.get(absolute);
    if (role !== undefined && !(role === 'resource' && settings.kustomize.lintSources)) return false;
    // Patches and generator inputs of components no root here uses are partial objects, not manifests.
    if (role === undefined && (roles.get(absolute) === 'patch' || roles.get(absolute) === 'config')) return false;
    // YAML beside a kustomization that no kustomization names (a commented-out kubebuilder patch) is not a whole object.
    if (role === undefined && !roles.has(absolute) && !explicitFiles.has(absolute) && isKustomizeDir(dirname(absolute)) && looksLikeObject(absolute)) {
      unreferenced.push(displayPath(cwd, absolute));
      return false;
    }
    return true;
  });
  if (unreferenced.length) {
    const shown = someOf(unreferenced);
    collected.notes!.push(
      `${unreferenced.length} file${unreferenced.length === 1 ? '' : 's'} in Kustomize directories ${unreferenced.length === 1 ? 'is' : 'are'} named by no kustomization, so not linted (partial objects such as unused patches; name a file to lint it): ${shown}`,
    );
  }
  if (unbuiltPatches.length) {
    const shown = someOf(unbuiltPatches);
    collected.notes!.push(
      `${unbuiltPatches.length} Kustomize patch file${unbuiltPatches.length === 1 ? '' : 's'} not linted with builds off (partial objects: linted in the builds that apply them; name a file to lint it): ${shown}`,
    );
  }
  const helmOrigins = new helm.HelmOrigins(cwd, settings.helm.chart);
  const plainInputs = plainFiles.map((absolute) => ({ absolute, file: displayPath(cwd, absolute), walked: !walked.named.has(absolute) }));
  if (options.defer && plainFiles.length > 1 && reachesBytes(plainFiles, options.defer.minBytes)) {
    collected.deferred = plainInputs;
  } else {
    const read = readPlainFiles(plainInputs, limits, helmOrigins, options.progress?.file);
    collected.files.push(...read.files);
    collected.problems.push(...read.problems);
  }

  // Builds: problems found before building (missing files, remote entries), then the tools, concurrently. A root that
  // cannot be built loses nothing: its own resource files are linted as plain files and the roots it uses are built.
  const clock = new ToolClock();
  // Builds linted as they are built are dropped after: memory is released before each further build is parsed.
  let parsedBuilds = 0;
  const beforeParse = () => {
    if (options.lintBuild && parsedBuilds++ > 0) (require('./memory') as typeof import('./memory')).releaseBuildMemory();
  };
  const context = { cwd, env: options.env, limits, timeoutMs: settings.timeoutMs, clock, beforeParse };
  collected.notBuilt = [];
  type BuildTask = { name: string; run: () => Promise<{ file?: ParsedFile; problems: Finding[]; base?: boolean }> };
  const unrestricted: string[] = [];
  /** Bases (used by other roots here) that a root which built uses: built last, on their own, as `baseBuilds`. */
  const linkedBases = new Set<string>();
  collected.baseBuilds = new Set();
  const tasks: BuildTask[] = [];
  const built = new Set<string>();
  const succeeded = new Set<string>();
  const linted = new Set(plainFiles);
  const fallbackFiles: string[] = [];
  const tool = roots.length ? kustomize.kustomizeTool(settings.kustomize.bin, options.env, cwd) : undefined;
  if (roots.length && !tool && settings.kustomize.bin) collected.errors.push(kustomize.missingKustomizeMessage(roots.map((root) => displayPath(cwd, root.dir) || '.'), settings.kustomize.bin));
  /** A root not built: its own resource files as plain files, and the roots it uses that nothing built yet. */
  const fallBack = (root: import('./kustomize').Kustomization, why: Finding, next: Array<import('./kustomize').Kustomization>) => {
    collected.notBuilt!.push(notBuilt(displayPath(cwd, root.dir) || '.', 'kustomize', why));
    for (const reference of root.references) {
      if (reference.role !== 'resource') continue;
      if (!reference.directory) {
        if (!linted.has(reference.target) && existsSync(reference.target)) {
          linted.add(reference.target);
          fallbackFiles.push(reference.target);
        }
        continue;
      }
      const base = graph.load(reference.target);
      if (base && base.kind === 'Kustomization' && !built.has(base.dir)) next.push(base);
    }
  };
  const schedule = (batch: ReadonlyArray<import('./kustomize').Kustomization>, next: Array<import('./kustomize').Kustomization>) => {
    for (const root of batch) {
      if (built.has(root.dir)) continue;
      built.add(root.dir);
      const checked = kustomize.preflight(closureOf(root.dir).kustomizations, cwd);
      if (linkedBases.has(root.dir)) {
        // A base whose overlays built: linted as itself when it builds on its own; if it does not, its objects were
        // linted through the overlays, and the problems its build finds are theirs (reported with them).
        if (!tool || !checked.buildable) continue;
        tasks.push({
          name: kustomize.builtName(cwd, root.dir),
          run: async () => {
            const outcome = await kustomize.buildRoot(root, tool, settings.kustomize, { ...context, graph, leftOut: checked.leftOut });
            if (outcome.unrestricted) unrestricted.push(displayPath(cwd, root.dir) || '.');
            return outcome.file ? { file: outcome.file, problems: [], base: true } : { problems: [] };
          },
        });
        continue;
      }
      collected.problems.push(...checked.problems);
      if (!tool) {
        const finding = buildFinding(BUILD_SKIPPED, displayPath(cwd, root.file), kustomize.NO_KUSTOMIZE_TOOL);
        if (!settings.kustomize.bin) collected.problems.push(finding);
        fallBack(root, finding, next);
      } else if (!checked.buildable) {
        fallBack(root, checked.problems.find((problem) => problem.ruleId === BUILD_ERROR)!, next);
      } else {
        tasks.push({
          name: kustomize.builtName(cwd, root.dir),
          run: async () => {
            const outcome = await kustomize.buildRoot(root, tool, settings.kustomize, { ...context, graph, leftOut: checked.leftOut });
            if (outcome.unrestricted) unrestricted.push(displayPath(cwd, root.dir) || '.');
            if (outcome.notBuilt) {
              // A root that does not build without its own remote entry: one finding there says both (kustomize/build.ts).
              const at = outcome.notBuilt;
              collected.problems = collected.problems.filter((problem) => problem.ruleId !== BUILD_SKIPPED || problem.file !== at.file || problem.line !== at.line || problem.column !== at.column);
              fallBack(root, outcome.notBuilt, next);
            }
            else {
              for (const used of closureOf(root.dir).kustomizations) succeeded.add(used.dir);
              const remote = checked.problems.find((problem) => problem.ruleId === BUILD_SKIPPED);
              if (checked.leftOut && remote) collected.notBuilt!.push(notBuilt(displayPath(cwd, root.dir) || '.', 'kustomize', remote, true));
            }
            return outcome;
          },
        });
      }
    }
  };
  const charts = [...chartDirs].sort();
  if (charts.length && !settings.helm.enabled) {
    for (const chart of charts) {
      const shown = displayPath(cwd, chart) || '.';
      collected.notes!.push(`Helm chart ${shown} not rendered (builds are off); lint its output with: helm template ${shown} | kubeguard - --chart ${shown}`);
    }
  } else if (charts.length) {
    const binary = helm.helmBinary(options.env, cwd);
    for (const chart of charts) {
      const shown = displayPath(cwd, chart) || '.';
      if (!binary) {
        const finding = buildFinding(BUILD_SKIPPED, displayPath(cwd, join(chart, 'Chart.yaml')), helm.missingHelmMessage(shown));
        collected.problems.push(finding);
        collected.notBuilt.push(notBuilt(shown, 'helm', finding));
        continue;
      }
      tasks.push({
        name: helm.renderedName(cwd, chart),
        run: async () => {
          const outcome = await helm.renderChart(binary, chart, settings.helm, { ...context, origins: helmOrigins });
          if (outcome.problem) collected.notBuilt!.push(notBuilt(shown, 'helm', outcome.problem));
          return { file: outcome.file, problems: outcome.problem ? [outcome.problem] : [] };
        },
      });
    }
  }
  // Identical build outputs (two overlays that change nothing, a chart rendered twice) are linted once.
  const outputs = new Map<string, string>();
  collected.buildResults = [];
  const acceptBuild = (file: ParsedFile, base = false) => {
    // node:crypto only once a build has run: a plain pre-commit run never loads it (start-up).
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    const digest = createHash('sha256').update(file.text).digest('hex');
    const same = outputs.get(digest);
    if (same !== undefined) {
      // A base built as itself that an overlay deploys unchanged says nothing new: no note.
      if (!base) collected.notes!.push(`${file.file} builds exactly the objects of ${same}: linted once, as ${same}.`);
      return;
    }
    outputs.set(digest, file.file);
    if (base) collected.baseBuilds!.add(file.file);
    if (options.lintBuild) collected.buildResults!.push(options.lintBuild(file));
    else {
      collected.files.push(file);
      collected.builds!.push(file);
    }
  };
  let batch: Array<import('./kustomize').Kustomization> = [...roots];
  const problemKeys = new Set(collected.problems.map((problem) => `${problem.file}:${problem.line}:${problem.column}:${problem.message}`));
  let announced = false;
  while (batch.length || tasks.length) {
    const next: Array<import('./kustomize').Kustomization> = [];
    schedule(batch, next);
    const round = tasks.splice(0);
    if (round.length && !announced) options.progress?.build?.(`Running ${round.length} helm/kustomize build${round.length === 1 ? '' : 's'}`);
    announced = true;
    await runPool(
      round.map((task) => async () => {
        const started = performance.now();
        // A long build says so once (CI logs show nothing else while it runs).
        const slow = options.slowBuild ? setTimeout(() => options.slowBuild!.log(task.name), options.slowBuild.afterMs) : undefined;
        const outcome = await task.run().finally(() => clearTimeout(slow));
        options.onBuildTime?.(task.name, performance.now() - started);
        if (outcome.file) acceptBuild(outcome.file, outcome.base);
        for (const problem of outcome.problems) {
          const key = `${problem.file}:${problem.line}:${problem.column}:${problem.message}`;
          if (!problemKeys.has(key)) collected.problems.push(problem);
          problemKeys.add(key);
        }
      }),
    );
    // Bases of roots that failed: built on their own unless a root that did build uses them.
    batch = next.filter((base) => !succeeded.has(base.dir) && !built.has(base.dir));
    if (!batch.length && !tasks.length && !linkedBases.size) {
      // Last, each base that a root which built uses, built as itself (a base whose users all failed was built in
      // the rounds above, as a root of its own, and is reported in full).
      for (const k of kustomizations) {
        if (k.kind === 'Kustomization' && usedByOthers.has(k.dir) && succeeded.has(k.dir) && !built.has(k.dir)) {
          linkedBases.add(k.dir);
          batch.push(k);
        }
      }
    }
  }
  // A resource file of a failed root that a root which did build also uses is linted through that build only.
  const builtFiles = new Set([...succeeded].flatMap((dir) => [...closureOf(dir).files.keys()]));
  const fallbackInputs = fallbackFiles.filter((file) => !builtFiles.has(file));
  if (fallbackInputs.length) {
    const inputs = fallbackInputs.map((absolute) => ({ absolute, file: displayPath(cwd, absolute) }));
    if (collected.deferred) collected.deferred.push(...inputs);
    else {
      const read = readPlainFiles(inputs, limits, helmOrigins);
      collected.files.push(...read.files);
      collected.problems.push(...read.problems);
    }
  }
  if (unrestricted.length) {
    const shown = someOf(unrestricted.sort());
    collected.notes!.push(
      `${unrestricted.length} Kustomize root${unrestricted.length === 1 ? '' : 's'} read${unrestricted.length === 1 ? 's' : ''} files outside ${unrestricted.length === 1 ? 'its' : 'their'} directory, so ${unrestricted.length === 1 ? 'it was' : 'they were'} built with --load-restrictor LoadRestrictionsNone, as ${unrestricted.length === 1 ? 'its' : 'their'} pipeline must (kustomize.loadRestrictor: rootOnly reports them as build-errors instead; none builds every root so): ${shown}`,
    );
  }
  collected.notBuilt.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Builds finish in any order: results list them by name.
  const byName = (a: ParsedFile, b: ParsedFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const builds = new Set(collected.builds);
  collected.builds!.sort(byName);
  collected.files = [...collected.files.filter((file) => !builds.has(file)), ...collected.builds!];
  collected.toolTimeMs = clock.milliseconds;
  // A remote base shared by several overlays is one problem, not one per overlay.
  const seen = new Set<string>();
  collected.problems = collected.problems.filter((problem) => {
    const key = `${problem.file}:${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return collected;
}
