// The programmatic API: lint text or parsed files with a resolved config. The CLI and the tests both use it.
import { resolveConfig, settingsForFile, type ResolvedConfig } from './config/resolve';
import { validateConfig } from './config/validate';
import { runRules, severityCounts, sortFindings } from './engine/linter';
import type { Finding, LintObject, LintResult, Rule } from './engine/types';
import { rules as allRules } from './rules';
import { DEFAULT_LIMITS, parseManifest, type ParsedFile } from './sources/yaml-loader';

export const ruleMap: ReadonlyMap<string, Rule<any>> = new Map(allRules.map((rule) => [rule.meta.id, rule]));

export interface TextInput {
  file: string;
  text: string;
}

/** Problems that belong to no parsed file (unreadable files, failed builds), reported as findings. */
export interface ExtraFinding extends Finding {}

/** Lints parsed files as one lint set; `lintSet` when they are a worker thread's share of a larger one. */
export function lintParsed(files: readonly ParsedFile[], config: ResolvedConfig, cwd: string, extra: readonly Finding[] = [], lintSet?: readonly LintObject[]): LintResult {
  const engine = runRules(files, {
    rules: config.ruleTimes ? timedRules(config.ruleTimes, rulesOf(config)) : rulesOf(config),
    settingsFor: (file, alsoMatch) => settingsForFile(config, file, cwd, alsoMatch),
    excludedNamespaces: config.excludedNamespaces,
    kubernetesVersion: config.kubernetesVersion,
    oneFindingPerProblem: config.oneFindingPerProblem,
    lintSet,
  });
  const findings = sortFindings([...engine.findings, ...extra]);
  const skipped = files.filter((file) => file.skipped !== undefined).map((file) => ({ file: file.file, reason: file.skipped! }));
  for (const file of files) {
    for (const offset of file.partials ?? []) {
      skipped.push({ file: `${file.file}:${file.lineCounter.linePos(offset).line}`, reason: 'a partial object (status without spec): the expected state of a test, not linted' });
    }
  }
  if (skipped.length) files = files.filter((file) => file.skipped === undefined);
  const sources = new Map(files.map((file) => [file.file, file.text]));
  const lenient = files.flatMap((file) => file.documents.flatMap((document) => (document.lenientAt === undefined ? [] : [{ file: file.file, line: file.lineCounter.linePos(document.lenientAt).line }])));
  return {
    findings,
    sources,
    ...(skipped.length ? { skipped } : {}),
    ...(lenient.length ? { lenient } : {}),
    summary: {
      files: files.length + new Set(extra.map((finding) => finding.file).filter((file) => !sources.has(file))).size,
      objects: engine.objects,
      ...severityCounts(findings),
      suppressed: engine.suppressed,
    },
  };
}

/** The built-in rules, and the rules of the config's Gatekeeper constraints (loaded only when there are some). */
function rulesOf(config: ResolvedConfig): readonly Rule<any>[] {
  if (!config.constraints?.constraints.length) return allRules;
  const { constraintRules } = require('./policy/gatekeeper/rules') as typeof import('./policy/gatekeeper/rules');
  return [...allRules, ...constraintRules(config.constraints)];
}

const timed = new WeakMap<Map<string, number>, Rule<any>[]>();

/** The rules, each adding the time its checks take to `times` (--timing). */
function timedRules(times: Map<string, number>, base: readonly Rule<any>[]): Rule<any>[] {
  let rules = timed.get(times);
  if (!rules) {
    rules = base.map((rule) => ({
      meta: rule.meta,
      check(object, context) {
        const started = performance.now();
        try {
          rule.check(object, context);
        } finally {
          times.set(rule.meta.id, (times.get(rule.meta.id) ?? 0) + performance.now() - started);
        }
      },
    }));
    timed.set(times, rules);
  }
  return rules;
}

export interface LintTextOptions {
  /** Rule settings as in a config file's `rules`. */
  rules?: Record<string, unknown>;
  /** A preset name; with `rules`, the rules apply on top of it. */
  preset?: string;
  kubernetesVersion?: string;
  excludedNamespaces?: string[];
  cwd?: string;
  /** Gatekeeper Constraint objects (as parsed from their files), evaluated as the config's `constraints` would be. */
  constraints?: ReadonlyArray<{ object: unknown; file: string }>;
}

// Editors and tests lint many texts with the same options: resolve (and read presets) once per option set.
const resolvedConfigs = new Map<string, ResolvedConfig>();

/** Lints in-memory manifests synchronously. Without a preset, only the rules given are on. */
export function lintText(inputs: readonly TextInput[], options: LintTextOptions = {}): LintResult {
  const raw: Record<string, unknown> = { extends: options.preset ? [options.preset] : [], rules: options.rules ?? {} };
  if (options.kubernetesVersion) raw.kubernetesVersion = options.kubernetesVersion;
  if (options.excludedNamespaces) raw.excludedNamespaces = options.excludedNamespaces;
  const cwd = options.cwd ?? process.cwd();
  const key = JSON.stringify([raw, cwd]);
  let config = resolvedConfigs.get(key);
  if (!config) resolvedConfigs.set(key, (config = resolveConfig(validateConfig('options', raw, ruleMap), ruleMap, { cwd })));
  if (options.constraints) {
    const { applyConstraints } = require('./policy/gatekeeper/config') as typeof import('./policy/gatekeeper/config');
    const { constraintSetOf } = require('./policy/gatekeeper/load') as typeof import('./policy/gatekeeper/load');
    config = applyConstraints({ ...config, rules: new Map(config.rules) }, constraintSetOf(options.constraints), 'options');
  }
  const parsed = inputs.map((input) => parseManifest(input.file, input.text, { ...DEFAULT_LIMITS, maxFileSize: config.maxFileSize }));
  return lintParsed(parsed, config, cwd);
}
