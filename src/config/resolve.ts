// Merges presets, the config file, its overrides and --rule flags into the settings for each file.
import { dirname, relative, resolve } from 'node:path';
import type { EnabledRule } from '../engine/linter';
import type { KubernetesVersion, Rule, SeverityOrOff } from '../engine/types';
import { DEFAULT_LIMITS } from '../sources/yaml-loader';
import { loadPreset } from './presets';
import { ConfigError, NEWEST_KUBERNETES, type ConfigLayer, type Override, type RuleEntry } from './validate';

/** Namespaces Azure Policy leaves out by default; RULES.md adopts them. */
export const DEFAULT_EXCLUDED_NAMESPACES = ['kube-system', 'gatekeeper-system', 'azure-arc', 'azure-extensions-usage-system'];

interface Setting {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The config file, when one was used. */
  file?: string;
  /** Directory that override and ignore globs are relative to. */
  baseDir: string;
  rules: Map<string, Setting>;
  overrides: Override[];
  cliRules: Record<string, RuleEntry>;
  ignores: string[];
  excludedNamespaces: string[];
  kubernetesVersion: KubernetesVersion;
  maxFileSize: number;
  /** One finding per problem: a rule's `supersedes` hides the other rules' findings at the same path. */
  oneFindingPerProblem: boolean;
  /** Largest standard input: build output piped in (`kustomize build | kubeguard -`) is not a file a person writes. */
  maxStdinSize: number;
  sources: Record<string, unknown>;
  /** The Azure Policy assignment file (absolute) and how messages name it; set by the config or --azure-policy. */
  azurePolicy?: { file: string; shown: string };
  /** What the assignment set and what it could not mirror, once applied (src/policy/azure). */
  azurePolicySummary?: import('../policy/azure/apply').AzurePolicySummary;
  /** Gatekeeper Constraint globs with the directory each is relative to (the config file's; the working directory for --constraints). */
  constraintPatterns: Array<{ pattern: string; baseDir: string }>;
  /** The loaded constraints (plain data, so worker threads get them too); set by src/policy/gatekeeper when patterns are given. */
  constraints?: import('../policy/gatekeeper/types').ConstraintSet;
  /** --timing: milliseconds per rule id, added up by every lint on this thread. */
  ruleTimes?: Map<string, number>;
}

export const DEFAULT_MAX_STDIN_SIZE = 256 * 1024 * 1024;

function applyEntries(target: Map<string, Setting>, entries: Record<string, RuleEntry>): void {
  for (const [id, entry] of Object.entries(entries)) {
    const previous = target.get(id);
    target.set(id, { severity: entry.severity, options: { ...(previous?.options ?? {}), ...(entry.options ?? {}) } });
  }
}

export function resolveConfig(
  layer: ConfigLayer,
  rules: ReadonlyMap<string, Rule<any>>,
  context: { file?: string; cwd: string; cliRules?: Record<string, RuleEntry> },
): ResolvedConfig {
  const resolved: ResolvedConfig = {
    file: context.file,
    baseDir: context.file ? dirname(context.file) : context.cwd,
    rules: new Map(),
    overrides: [],
    cliRules: context.cliRules ?? {},
    ignores: [],
    excludedNamespaces: DEFAULT_EXCLUDED_NAMESPACES,
    kubernetesVersion: NEWEST_KUBERNETES,
    maxFileSize: DEFAULT_LIMITS.maxFileSize,
    oneFindingPerProblem: true,
    maxStdinSize: DEFAULT_MAX_STDIN_SIZE,
    sources: {},
    constraintPatterns: [],
  };
  const seen = new Set<string>();
  const apply = (current: ConfigLayer, from: string) => {
    for (const name of current.extends) {
      if (seen.has(name)) throw new ConfigError(from, 'extends', `preset "${name}" is extended twice (a cycle?)`);
      seen.add(name);
      apply(loadPreset(name, rules, from), `preset ${name}`);
    }
    applyEntries(resolved.rules, current.rules);
    resolved.overrides.push(...current.overrides);
    resolved.ignores.push(...current.ignores);
    if (current.excludedNamespaces) resolved.excludedNamespaces = current.excludedNamespaces;
    if (current.kubernetesVersion) resolved.kubernetesVersion = current.kubernetesVersion;
    if (current.maxFileSize) resolved.maxFileSize = current.maxFileSize;
    if (current.oneFindingPerProblem !== undefined) resolved.oneFindingPerProblem = current.oneFindingPerProblem;
    const baseDir = context.file ? dirname(context.file) : context.cwd;
    if (current.constraints) resolved.constraintPatterns.push(...current.constraints.map((pattern) => ({ pattern, baseDir })));
    if (current.maxStdinSize) resolved.maxStdinSize = current.maxStdinSize;
    Object.assign(resolved.sources, current.sources);
    if (current.azurePolicy) {
      const base = context.file ? dirname(context.file) : context.cwd;
      resolved.azurePolicy = { file: resolve(base, current.azurePolicy), shown: current.azurePolicy };
    }
  };
  apply(layer, context.file ?? 'command line');
  return resolved;
}

/**
 * Rules switched on for `file` (relative to `cwd`), with their severity and options. An override applies when its
 * globs match `file` or one of `alsoMatch`: for a built object, the files a person edits (the kustomization or
 * Chart.yaml of the build, the file that defines the object).
 */
export function settingsForFile(config: ResolvedConfig, file: string, cwd: string, alsoMatch: readonly string[] = []): Map<string, EnabledRule> {
  let settings = config.rules;
  const paths = config.overrides.length ? [file, ...alsoMatch].map((path) => configRelative(config, path, cwd)) : [];
  const matching = config.overrides.filter((override) => matchesOverride(override, paths));
  if (matching.length || Object.keys(config.cliRules).length) {
    settings = new Map(settings);
    for (const override of matching) applyEntries(settings, override.rules);
    applyEntries(settings, config.cliRules);
  }
  const enabled = new Map<string, EnabledRule>();
  for (const [id, setting] of settings) {
    if (setting.severity !== 'off') enabled.set(id, { severity: setting.severity, options: setting.options });
  }
  return enabled;
}

function configRelative(config: ResolvedConfig, file: string, cwd: string): string {
  return relative(config.baseDir, resolve(cwd, file)).split('\\').join('/');
}

/** Some path matches `files` and none matches `excludedFiles` (an object from an excluded base stays excluded). */
function matchesOverride(override: Override, paths: readonly string[]): boolean {
  // Loaded only when a config has overrides or ignores: micromatch costs start-up time.
  const micromatch = require('micromatch') as typeof import('micromatch');
  const options = { dot: true, basename: !override.files.some((glob) => glob.includes('/')) };
  if (!paths.some((path) => micromatch.isMatch(path, override.files, options))) return false;
  return !(override.excludedFiles.length && paths.some((path) => micromatch.isMatch(path, override.excludedFiles, { dot: true })));
}

export function isIgnored(config: ResolvedConfig, file: string, cwd: string): boolean {
  if (!config.ignores.length) return false;
  const micromatch = require('micromatch') as typeof import('micromatch');
  const path = configRelative(config, file, cwd);
  return micromatch.isMatch(path, config.ignores, { dot: true }) || config.ignores.some((glob) => micromatch.isMatch(path, `${glob.replace(/\/$/, '')}/**`, { dot: true }));
}
