// The kubeguard command: parse arguments, load config, collect inputs, lint, format, exit 0/1/2.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lintParsed, ruleMap } from '../api';
import { loadConfig } from '../config/load';
import { packageRoot } from '../config/package-root';
import { isIgnored, type ResolvedConfig } from '../config/resolve';
import { ConfigError, CONSTRAINT_RULE_SHAPE, isConstraintId, parseKubernetesVersion, parseRuleEntry, type RuleEntry } from '../config/validate';
import type { Finding, LintResult } from '../engine/types';
import { parseErrorFinding } from '../engine/linter';
import { shouldUseColor } from '../formatters/colors';
import { formatterNames, loadFormatter, MACHINE_FORMATS } from '../formatters/index';
import { didYouMean } from '../model/suggest';
import { collectSources, emptyCollected, parseText, type Collected } from '../sources/collect';
import { resolveSourceSettings, type SourceSettings } from '../sources/source-settings';
import { DEFAULT_LIMITS, type ParsedFile } from '../sources/yaml-loader';
import { helpText, parseArgs, UsageError, type ParsedArgs } from './args';
import type { ProgressSink } from './progress';
import { writeOutput } from './output';

export interface CliIO {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Standard input, read up to one byte past `maxBytes` (a string from tests is taken as its UTF-8 bytes). */
  readStdin(maxBytes?: number): Promise<string | Uint8Array>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A build running longer than this is named on standard error in CI, where no spinner shows that work goes on. */
const SLOW_BUILD_MS = 10_000;

export const DOCS_BASE_URL = 'https://github.com/kubeguard/kubeguard/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  // A Gatekeeper constraint (`<Kind>/<name>`) is documented with the admission policy input, not as a rule.
  if (isConstraintId(ruleId)) return `${DOCS_BASE_URL.replace(/rules\/$/, '')}admission-policy.md#gatekeeper-constraints`;
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

declare const __KUBEGUARD_VERSION__: string | undefined; // set by scripts/build.js in the bundle

export function packageVersion(): string {
  if (typeof __KUBEGUARD_VERSION__ === 'string') return __KUBEGUARD_VERSION__;
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
}

function parseRuleFlags(values: readonly string[]): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const value of values) {
    const match = /^([^=:]+)[=:](.+)$/.exec(value);
    if (!match) throw new UsageError(`--rule expects ID=SEVERITY, got "${value}"`);
    const [, id, severity] = match;
    if (id === 'build-skipped') {
      if (!['warning', 'warn', 'error'].includes(severity)) throw new UsageError(`--rule build-skipped expects warning or error, got "${severity}"`);
      entries[id] = { severity: severity === 'error' ? 'error' : 'warning' };
      continue;
    }
    // A constraint id (`<Kind>/<name>`) is checked once the constraints are loaded.
    const rule = ruleMap.get(id) ?? (isConstraintId(id) ? CONSTRAINT_RULE_SHAPE : undefined);
    if (!rule) throw new UsageError(`--rule: unknown rule "${id}"${didYouMean(id, ruleMap.keys())}`);
    try {
      entries[id] = parseRuleEntry('--rule', id, severity, rule);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return entries;
}

function listRules(): string {
  const rows = [...ruleMap.values()].map((rule) => `${rule.meta.id.padEnd(34)} ${rule.meta.severity.padEnd(8)} ${rule.meta.category.padEnd(15)} ${rule.meta.description}`);
  return [`${'RULE'.padEnd(34)} ${'DEFAULT'.padEnd(8)} ${'CATEGORY'.padEnd(15)} DESCRIPTION`, ...rows, ''].join('\n');
}

function explain(id: string): string {
  const rule = ruleMap.get(id);
  if (!rule) throw new UsageError(`--explain: unknown rule "${id}"${didYouMean(id, ruleMap.keys())}`);
  const doc = join(packageRoot(), 'docs', 'rules', `${id}.md`);
  if (existsSync(doc)) return readFileSync(doc, 'utf8');
  return `# ${id}\n\n${rule.meta.description}\n\n${rule.meta.rationale}\n\nDocs: ${docsUrl(id)}\n`;
}

const readFromStdin = new WeakSet<ParsedFile>();

interface BuildHooks {
  lintBuild?: (file: ParsedFile) => LintResult;
  onBuildTime?: (name: string, milliseconds: number) => void;
  slowBuild?: { afterMs: number; log(name: string): void };
}

async function collectInputs(args: ParsedArgs, config: ResolvedConfig, io: CliIO, settings: SourceSettings, workerMinBytes: number | undefined, progress?: ProgressSink, hooks: BuildHooks = {}): Promise<Collected> {
  const limits = { ...DEFAULT_LIMITS, maxFileSize: config.maxFileSize };
  const useStdin = args.flags.stdin === true || args.paths.includes('-');
  const paths = args.paths.filter((path) => path !== '-');
  const ignored = args.flags['no-ignore'] ? undefined : (file: string) => isIgnored(config, file, io.cwd);
  // Paths named beside "-" are linted too; with only "-" nothing else is walked; --staged takes paths as pathspecs.
  const walkPaths = args.flags.staged || (useStdin && !paths.length) ? undefined : paths;
  // Worker threads read the plain files of large runs; --fix needs the parsed files here, standard input joins the set here.
  const fixing = args.flags.fix === true || args.flags['fix-dry-run'] === true;
  const defer = workerMinBytes !== undefined && !useStdin && !fixing ? { minBytes: workerMinBytes } : undefined;
  // Without --fix, each build output is linted as it is built and dropped, so memory holds one build at a time.
  const lintBuild = fixing ? undefined : hooks.lintBuild;
  const collected: Collected = walkPaths
    ? await collectSources(walkPaths, { cwd: io.cwd, limits, isIgnored: ignored, env: io.env, settings, progress, defer, lintBuild, onBuildTime: hooks.onBuildTime, slowBuild: hooks.slowBuild })
    : emptyCollected();
  const { HelmOrigins, attachHelmOrigins } = require('../sources/helm') as typeof import('../sources/helm');
  const helmOrigins = new HelmOrigins(io.cwd, settings.helm.chart);
  if (useStdin) {
    const name = typeof args.flags['stdin-filename'] === 'string' ? (args.flags['stdin-filename'] as string) : '<stdin>';
    // The same size limit, binary and UTF-8 checks as a file, with positioned errors.
    const { decodeCapped } = require('../sources/read-file') as typeof import('../sources/read-file');
    // Standard input carries build output (`kustomize build DIR | kubeguard -`): maxStdinSize, not maxFileSize.
    const input = await io.readStdin(config.maxStdinSize);
    const outcome = decodeCapped(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, config.maxStdinSize, 'maxStdinSize');
    if ('problem' in outcome) collected.problems.push(parseErrorFinding({ file: name }, outcome.problem));
    else {
      const parsed = parseText(name, outcome.text, limits);
      readFromStdin.add(parsed); // --fix prints it instead of writing a file of that name
      attachHelmOrigins(parsed, helmOrigins, io.cwd); // `helm template . | kubeguard -`
      collected.files.push(parsed);
    }
  }
  if (args.flags.staged) {
    const { collectStaged } = require('../sources/staged') as typeof import('../sources/staged');
    const staged = collectStaged({ cwd: io.cwd, limits, env: io.env, pathspecs: paths, isIgnored: ignored });
    for (const file of staged.files) attachHelmOrigins(file, helmOrigins, dirname(resolve(io.cwd, file.file)));
    collected.files.push(...staged.files);
    collected.problems.push(...staged.problems);
    collected.errors.push(...staged.errors);
  }
  return collected;
}

/** What a walk left out and what was read leniently: one line each, or every path with --verbose. */
function walkNotes(result: LintResult, verbose: boolean): string[] {
  const notes: string[] = [];
  const skipped = result.skipped ?? [];
  if (verbose) for (const { file, reason } of skipped) notes.push(`skipped ${file}: ${reason}`);
  else if (skipped.some((path) => path.reason.startsWith('not a manifest'))) {
    const count = skipped.filter((path) => path.reason.startsWith('not a manifest')).length;
    notes.push(`${count} file${count === 1 ? '' : 's'} found by the directory walk ${count === 1 ? 'is' : 'are'} not valid YAML and name${count === 1 ? 's' : ''} no apiVersion or kind: skipped as not manifests (--verbose lists them; name a file to lint it).`);
  }
  const partials = verbose ? 0 : skipped.filter((path) => path.reason.startsWith('a partial object')).length;
  if (partials) notes.push(`${partials} object${partials === 1 ? '' : 's'} with a status and no spec (test assertions) ${partials === 1 ? 'is' : 'are'} not linted (--verbose lists them).`);
  const lenient = result.lenient ?? [];
  if (verbose) for (const { file, line } of lenient) notes.push(`${file}:${line}: a quoted scalar or flow collection continues at its parent key's indentation: kubectl (go-yaml) accepts it, strict YAML parsers do not; linted as kubectl reads it.`);
  else if (lenient.length) {
    notes.push(`${lenient.length} document${lenient.length === 1 ? '' : 's'} continue${lenient.length === 1 ? 's' : ''} a quoted scalar or flow collection at the parent key's indentation, which kubectl (go-yaml) accepts and strict YAML parsers reject: linted as kubectl reads ${lenient.length === 1 ? 'it' : 'them'} (--verbose lists them).`);
  }
  return notes;
}

function failed(result: LintResult, maxWarnings: number | undefined): boolean {
  return result.summary.errors > 0 || (maxWarnings !== undefined && result.summary.warnings > maxWarnings);
}

function onlyErrors(result: LintResult): LintResult {
  const findings: Finding[] = result.findings.filter((finding) => finding.severity === 'error');
  return { ...result, findings, summary: { ...result.summary, warnings: 0, infos: 0 } };
}

export async function run(io: CliIO): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`kubeguard: ${message}\n`);
    return EXIT_USAGE;
  };
  let args: ParsedArgs;
  try {
    args = parseArgs(io.argv);
    if (args.flags.help) {
      io.stdout.write(helpText());
      return EXIT_OK;
    }
    if (args.flags.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    if (args.flags['list-rules']) {
      io.stdout.write(listRules());
      return EXIT_OK;
    }
    if (typeof args.flags.explain === 'string') {
      io.stdout.write(explain(args.flags.explain));
      return EXIT_OK;
    }
    if (args.command === 'init') {
      if (args.paths.length) throw new UsageError(`init takes no paths, got "${args.paths[0]}"`);
      const { runInit, terminalAsk } = require('./init') as typeof import('./init');
      const options = { preset: args.flags.preset as string | undefined, husky: args.flags.husky === true, lintStaged: args.flags['lint-staged'] === true, force: args.flags.force === true };
      return await runInit(options, io, terminalAsk(io.stdout, io.env));
    }
    if ((args.flags.fix || args.flags['fix-dry-run']) && args.flags.staged) {
      throw new UsageError('--fix cannot be combined with --staged (the index is not a file to fix): run "kubeguard --fix <files>", then stage the result');
    }
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\nRun "kubeguard --help" for usage.`);
    throw error;
  }

  const format = typeof args.flags.format === 'string' ? args.flags.format : 'stylish';
  const formatter = loadFormatter(format);
  if (!formatter) return fail(`unknown format "${format}"${didYouMean(format, formatterNames())} (formats: ${formatterNames().join(', ')})`);
  let maxWarnings: number | undefined;
  if (args.flags['max-warnings'] !== undefined) {
    maxWarnings = Number(args.flags['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) return fail(`--max-warnings expects a whole number, got "${args.flags['max-warnings']}"`);
    if (maxWarnings === -1) maxWarnings = undefined;
  }
  let threads: number | undefined; // undefined: one per CPU, for runs large enough to gain from them
  if (args.flags.threads !== undefined) {
    threads = Number(args.flags.threads);
    if (!Number.isInteger(threads) || threads < 1) return fail(`--threads expects a whole number from 1, got "${args.flags.threads}"`);
  }
  let baselineOptions: import('./baseline').BaselineOptions | undefined;
  if (typeof args.flags.baseline === 'string' || typeof args.flags['write-baseline'] === 'string') {
    try {
      baselineOptions = (require('./baseline') as typeof import('./baseline')).baselineOptions(args.flags, io.cwd);
    } catch (error) {
      return fail((error as Error).message);
    }
  }

  let config: ResolvedConfig;
  let sourceSettings: SourceSettings;
  try {
    const cliRules = parseRuleFlags((args.flags.rule as string[] | undefined) ?? []);
    config = await loadConfig(ruleMap, {
      cwd: io.cwd,
      configFile: args.flags.config as string | undefined,
      preset: args.flags.preset as string | undefined,
      cliRules,
      azurePolicy: args.flags['azure-policy'] as string | undefined,
    });
    if (typeof args.flags['kubernetes-version'] === 'string') {
      const version = parseKubernetesVersion(args.flags['kubernetes-version']);
      if (!version) throw new UsageError(`--kubernetes-version expects a version like 1.30, got "${args.flags['kubernetes-version']}"`);
      config.kubernetesVersion = version;
    }
    const listFlag = (name: string) => (args.flags[name] as string[] | undefined) ?? [];
    sourceSettings = resolveSourceSettings(
      config.sources,
      { configFile: config.file, baseDir: config.baseDir, cwd: io.cwd },
      {
        noBuild: args.flags['no-build'] === true,
        kustomizeBin: args.flags['kustomize-bin'] as string | undefined,
        values: listFlag('values'),
        set: listFlag('set'),
        chart: args.flags.chart as string | undefined,
      },
    );
    const constraintPatterns = [...config.constraintPatterns, ...listFlag('constraints').map((pattern) => ({ pattern, baseDir: io.cwd }))];
    if (constraintPatterns.length) {
      // Loaded only when constraints are given: a run without them starts no faster or slower than before.
      const { loadConstraintFiles } = require('../policy/gatekeeper/load') as typeof import('../policy/gatekeeper/load');
      const { applyConstraints } = require('../policy/gatekeeper/config') as typeof import('../policy/gatekeeper/config');
      config = applyConstraints(config, loadConstraintFiles(constraintPatterns, io.cwd), '--constraints');
    } else if ([...config.rules.keys(), ...Object.keys(config.cliRules), ...config.overrides.flatMap((override) => Object.keys(override.rules))].some(isConstraintId)) {
      // A constraint id with no constraints configured would silently do nothing.
      const { applyConstraints } = require('../policy/gatekeeper/config') as typeof import('../policy/gatekeeper/config');
      applyConstraints(config, { constraints: [], unsupported: [] }, 'command line');
    }
  } catch (error) {
    if (error instanceof ConfigError) return fail(`config error: ${error.message}`);
    if (error instanceof UsageError) return fail(`${error.message}\nRun "kubeguard --help" for usage.`);
    if (error instanceof Error && error.name === 'ConstraintFileError') return fail(error.message);
    throw error;
  }

  // A spinner on stderr for long runs at a terminal (src/cli/progress.ts decides); cleared before any output.
  const progress = (require('./progress') as typeof import('./progress')).createProgress({ stdout: io.stdout, stderr: io.stderr, env: io.env, machineFormat: MACHINE_FORMATS.has(format) });
  let collected: Collected;
  let result: LintResult;
  const buildTimes: Array<[string, number]> = [];
  try {
    // Workers from 32 MB of plain files by default; a thread count given explicitly is used whatever the size.
    const minBytes = threads === undefined ? (require('../sources/parallel') as typeof import('../sources/parallel')).PARALLEL_MIN_BYTES : 0;
    const timing = args.flags.timing === true;
    if (timing) config.ruleTimes = new Map();
    const buildHooks: BuildHooks = {
      lintBuild: (file) => (require('../sources/build-results') as typeof import('../sources/build-results')).lintBuildOutput(file, config, io.cwd),
      onBuildTime: timing ? (name, milliseconds) => buildTimes.push([name, milliseconds]) : undefined,
      // In CI (stderr not a terminal, so no spinner) a long build is named while it runs.
      slowBuild: io.stderr.isTTY ? undefined : { afterMs: SLOW_BUILD_MS, log: (name) => io.stderr.write(`kubeguard: building ${name} has taken over ${SLOW_BUILD_MS / 1000} s...\n`) },
    };
    // --timing times rules on this thread: no worker threads.
    collected = await collectInputs(args, config, io, sourceSettings, threads === 1 || timing ? undefined : minBytes, progress.sink, buildHooks);
    progress.lint(collected.files.length + (collected.deferred?.length ?? 0));
    // Each build is its own lint set; findings on built objects get source suppressions and overlay dedup.
    const buildResults = require('../sources/build-results') as typeof import('../sources/build-results');
    result = collected.deferred?.length
      ? await buildResults.lintCollectedWithWorkers(collected, config, io.cwd, { threads, limits: { ...DEFAULT_LIMITS, maxFileSize: config.maxFileSize }, chart: sourceSettings.helm.chart })
      : buildResults.lintCollected(collected, config, io.cwd);
  } finally {
    progress.stop();
  }
  const fixMode = args.flags.fix || args.flags['fix-dry-run'] ? { dryRun: args.flags['fix-dry-run'] === true, stdin: args.flags.stdin === true || args.paths.includes('-') } : undefined;
  let fixes: import('../fix/run').FixRunResult | undefined;
  if (fixMode) {
    const { runFixes } = require('../fix/run') as typeof import('../fix/run');
    const limits = { ...DEFAULT_LIMITS, maxFileSize: config.maxFileSize };
    fixes = runFixes(collected.files, result, { cwd: io.cwd, limits, dryRun: fixMode.dryRun, isStdin: (file) => readFromStdin.has(file), lint: (files) => (require('../sources/build-results') as typeof import('../sources/build-results')).lintCollected({ ...collected, files: [...files] }, config, io.cwd) });
    result = fixes.result;
  }
  if (collected.toolTimeMs) result.summary.toolTimeMs = Math.round(collected.toolTimeMs);
  let constraintNote: string | undefined;
  if (config.constraints) {
    const { constraintSummary, unsupportedNote } = require('../policy/gatekeeper/config') as typeof import('../policy/gatekeeper/config');
    result.summary.constraints = constraintSummary(config.constraints);
    constraintNote = unsupportedNote(config.constraints);
  }
  const skipped = [...(collected.skipped ?? []), ...(result.skipped ?? [])];
  if (skipped.length) result = { ...result, skipped, summary: { ...result.summary, skipped: skipped.length } };
  if (baselineOptions) {
    try {
      result = (require('./baseline') as typeof import('./baseline')).useBaseline(result, baselineOptions, io.cwd, (line) => io.stderr.write(`kubeguard: ${line}\n`));
    } catch (error) {
      return fail((error as Error).message);
    }
  }
  if (config.azurePolicySummary) result.summary.azurePolicy = config.azurePolicySummary;
  // --quiet hides warnings from the report; they still count against --max-warnings.
  const warnings = result.summary.warnings;
  const failing = failed(result, maxWarnings);
  if (args.flags.quiet) result = onlyErrors(result);

  // In fix mode standard output may carry the diff or the fixed standard input; the report then goes to standard error.
  const reportStream = fixMode && (fixMode.dryRun || fixMode.stdin) ? io.stderr : io.stdout;
  if (fixes && fixMode) (require('../fix/run') as typeof import('../fix/run')).writeFixOutput(fixes, io, fixMode);
  const color = !MACHINE_FORMATS.has(format) && !args.flags.output && shouldUseColor(reportStream, io.env, { color: args.flags.color === true, noColor: args.flags['no-color'] === true });
  const ruleMetas = new Map([...ruleMap].map(([id, rule]) => [id, rule.meta]));
  if (config.constraints) for (const rule of (require('../policy/gatekeeper/rules') as typeof import('../policy/gatekeeper/rules')).constraintRules(config.constraints)) ruleMetas.set(rule.meta.id, rule.meta);
  const report = formatter(result, { cwd: io.cwd, color, version: packageVersion(), rules: ruleMetas, docsUrl });
  if (typeof args.flags.output === 'string') {
    try {
      writeOutput(join(io.cwd, '.'), args.flags.output, report);
    } catch (error) {
      return fail(`cannot write ${args.flags.output}: ${(error as Error).message}`);
    }
  } else if (!(collected.errors.length && result.summary.files === 0 && !MACHINE_FORMATS.has(format))) {
    // When nothing could be linted (no such path, --staged outside a repository) a human report would only say
    // "no problems" above the error; machine formats still get their (empty) document.
    reportStream.write(report);
  }
  for (const note of collected.notes ?? []) io.stderr.write(`kubeguard: ${note}\n`);
  if (config.azurePolicySummary) {
    for (const note of (require('../policy/azure/apply') as typeof import('../policy/azure/apply')).azurePolicyNotes(config.azurePolicySummary)) io.stderr.write(`kubeguard: ${note}\n`);
  }
  if (constraintNote) io.stderr.write(`kubeguard: ${constraintNote}\n`);
  for (const note of walkNotes(result, args.flags.verbose === true)) io.stderr.write(`kubeguard: ${note}\n`);
  for (const message of collected.errors) io.stderr.write(`kubeguard: ${message}\n`);
  if (args.flags.timing === true) {
    for (const [name, milliseconds] of buildTimes) io.stderr.write(`kubeguard: timing: build ${name}: ${Math.round(milliseconds)} ms\n`);
    const rules = [...(config.ruleTimes ?? [])].sort((a, b) => b[1] - a[1]);
    for (const [id, milliseconds] of rules) io.stderr.write(`kubeguard: timing: rule ${id}: ${milliseconds.toFixed(1)} ms\n`);
  }
  if (maxWarnings !== undefined && warnings > maxWarnings) io.stderr.write(`kubeguard: too many warnings: ${warnings} (--max-warnings ${maxWarnings})\n`);
  if (collected.errors.length || fixes?.errors.length) return EXIT_USAGE;
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
