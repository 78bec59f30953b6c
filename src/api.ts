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
    rules: config.ruleTimes ? timedRules(config.ruleTimes) : allRules,
    settingsFor: (file, alsoMatch) => settingsForFile(config, file, cwd, alsoMatch),
    excludedNamespaces: config.excludedNamespaces,
    kubernetesVersion: config.kubernetesVersion,
    lintSet,
  });
  const findings = sortFindings([...engine.findings, ...extra]);
  const sources = new Map(files.map((file) => [file.file, file.text]));
  return {
    findings,
    sources,
    summary: {
      files: files.length + new Set(extra.map((finding) => finding.file).filter((file) => !sources.has(file))).size,
      objects: engine.objects,
      ...severityCounts(findings),
      suppressed: engine.suppressed,
    },
  };
}

const timed = new WeakMap<Map<string, number>, Rule<any>[]>();

/** The rules, each adding the time its checks take to `times` (--timing). */
function timedRules(times: Map<string, number>): Rule<any>[] {
  let rules = timed.get(times);
  if (!rules) {
    rules = allRules.map((rule) => ({
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
  const parsed = inputs.map((input) => parseManifest(input.file, input.text, { ...DEFAULT_LIMITS, maxFileSize: config.maxFileSize }));
  return lintParsed(parsed, config, cwd);
}
