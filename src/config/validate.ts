// Validates a user config (or preset) and normalises it; every problem names the file and the key.
import type { KubernetesVersion, OptionSchema, Rule, Severity, SeverityOrOff } from '../engine/types';
import { isScopeOption, scopeOptionError } from '../engine/rule-scope';
import { policyRegexError } from '../model/policy-regex';
import { parseQuantity } from '../model/quantity';
import { didYouMean } from '../model/suggest';
import { isRecord } from '../model/pod-spec';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    detail: string,
  ) {
    super(`${file}${key ? ` at "${key}"` : ''}: ${detail}`);
  }
}

export interface RuleEntry {
  severity: SeverityOrOff;
  /** Options given with this entry; undefined keeps the options set by an earlier layer (preset). */
  options?: Record<string, unknown>;
}

export interface Override {
  files: string[];
  excludedFiles: string[];
  rules: Record<string, RuleEntry>;
}

export interface ConfigLayer {
  extends: string[];
  rules: Record<string, RuleEntry>;
  overrides: Override[];
  ignores: string[];
  excludedNamespaces?: string[];
  kubernetesVersion?: KubernetesVersion;
  maxFileSize?: number;
  /** False keeps every rule's finding where a more specific rule speaks for another (presets mirroring a standard). */
  oneFindingPerProblem?: boolean;
  /** Globs of Gatekeeper Constraint files (src/policy/gatekeeper), relative to the config file. */
  constraints?: string[];
  maxStdinSize?: number;
  /** Extra settings owned by sources (kustomize, helm); passed through as given. */
  sources: Record<string, unknown>;
  /** An Azure Policy assignment file (az policy assignment show), relative to the config file. */
  azurePolicy?: string;
}

export const SEVERITY_NAMES: Record<string, SeverityOrOff> = {
  off: 'off',
  info: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
};

const TOP_LEVEL_KEYS = ['$schema', 'extends', 'rules', 'overrides', 'ignores', 'excludedNamespaces', 'kubernetesVersion', 'maxFileSize', 'kustomize', 'helm', 'walk', 'maxStdinSize', 'oneFindingPerProblem', 'azurePolicy', 'constraints'];

export const NEWEST_KUBERNETES: KubernetesVersion = { major: 1, minor: 37 };
export const OLDEST_KUBERNETES: KubernetesVersion = { major: 1, minor: 0 };

export function parseKubernetesVersion(value: unknown): KubernetesVersion | undefined {
  const match = /^v?1\.(\d{1,2})(?:\.\d+)?$/.exec(String(value).trim());
  if (!match) return undefined;
  return { major: 1, minor: Math.min(Number(match[1]), NEWEST_KUBERNETES.minor) };
}

export function parseSeverity(value: unknown): SeverityOrOff | undefined {
  return typeof value === 'string' ? SEVERITY_NAMES[value.toLowerCase()] : undefined;
}

function stringList(file: string, key: string, value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw new ConfigError(file, key, 'expected a string or a list of strings');
  }
  return list as string[];
}

function checkOption(file: string, key: string, schema: OptionSchema, value: unknown): void {
  const fail = (expected: string) => {
    throw new ConfigError(file, key, `expected ${expected}, got ${JSON.stringify(value)}`);
  };
  switch (schema.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      break;
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value) || (schema.minimum !== undefined && value < schema.minimum)) {
        fail(schema.minimum !== undefined ? `a number of at least ${schema.minimum}` : 'a number');
      }
      break;
    case 'string':
      if (typeof value !== 'string') fail('a string');
      if (schema.format === 'regex') {
        const error = policyRegexError(value as string);
        if (error) throw new ConfigError(file, key, `invalid regular expression: ${error}`);
      }
      if (schema.format === 'quantity' && parseQuantity(value) === undefined) fail('a Kubernetes quantity such as "500m" or "1Gi"');
      break;
    case 'enum':
      if (typeof value !== 'string' || !schema.values.includes(value)) fail(`one of ${schema.values.join(', ')}`);
      break;
    case 'string[]':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) fail('a list of strings');
      break;
  }
}

export function parseRuleEntry(file: string, key: string, value: unknown, rule: Rule<any>): RuleEntry {
  let severityValue = value;
  let options: unknown;
  if (Array.isArray(value)) {
    if (value.length < 1 || value.length > 2) throw new ConfigError(file, key, 'expected a severity or [severity, options]');
    [severityValue, options] = value;
  }
  const severity = parseSeverity(severityValue);
  if (!severity) {
    throw new ConfigError(file, key, `unknown severity ${JSON.stringify(severityValue)}; use off, info, warning or error`);
  }
  if (options === undefined) return { severity };
  if (!isRecord(options)) throw new ConfigError(file, key, 'rule options must be a mapping');
  const schemas = (rule.meta.options ?? {}) as Record<string, OptionSchema>;
  for (const [name, optionValue] of Object.entries(options)) {
    const schema = schemas[name];
    if (!schema && isScopeOption(name)) {
      // Every rule takes the scope options (namespaces, labelSelector, excludedContainers...): the engine honours them.
      const error = scopeOptionError(name, optionValue);
      if (error) throw new ConfigError(file, `${key}.${name}`, error);
      continue;
    }
    if (!schema) {
      const known = Object.keys(schemas);
      throw new ConfigError(
        file,
        `${key}.${name}`,
        known.length ? `unknown option for ${rule.meta.id}${didYouMean(name, known)} (options: ${known.join(', ')})` : `${rule.meta.id} takes no options`,
      );
    }
    checkOption(file, `${key}.${name}`, schema, optionValue);
  }
  return { severity, options };
}

function parseRules(file: string, key: string, value: unknown, rules: ReadonlyMap<string, Rule<any>>, tolerateUnknown: boolean): Record<string, RuleEntry> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new ConfigError(file, key, 'expected a mapping of rule ids to severities');
  const parsed: Record<string, RuleEntry> = {};
  for (const [id, entry] of Object.entries(value)) {
    const rule = rules.get(id);
    if (!rule && isConstraintId(id)) {
      // A Gatekeeper constraint's id: checked against the loaded constraints once they are read (src/policy/gatekeeper).
      parsed[id] = parseRuleEntry(file, `${key}.${id}`, entry, CONSTRAINT_RULE_SHAPE);
      continue;
    }
    if (!rule && id === 'build-skipped') {
      // Not a rule (RULES.md, "Not a rule"): its severity can be raised to error, to require every build in CI.
      const severity = parseSeverity(entry);
      if (severity !== 'warning' && severity !== 'error') throw new ConfigError(file, `${key}.${id}`, `expected warning or error (a build kubeguard skipped is never silent), got ${JSON.stringify(entry)}`);
      parsed[id] = { severity };
      continue;
    }
    if (!rule) {
      if (tolerateUnknown) continue;
      throw new ConfigError(file, `${key}.${id}`, `unknown rule "${id}"${didYouMean(id, rules.keys())}`);
    }
    parsed[id] = parseRuleEntry(file, `${key}.${id}`, entry, rule);
  }
  return parsed;
}

/** `<Kind>/<metadata.name>`: the id of a finding from a Gatekeeper constraint (RULES.md, admission policy as input). */
export function isConstraintId(id: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(id);
}

// A constraint takes a severity only: its parameters live in the Constraint file.
export const CONSTRAINT_RULE_SHAPE = { meta: { id: 'a constraint', options: {} } } as unknown as Rule<any>;

/**
 * Checks and normalises one config object. `tolerateUnknownRules` is for presets shipped with kubeguard,
 * whose ids a test keeps in step with the rule list.
 */
export function validateConfig(file: string, raw: unknown, rules: ReadonlyMap<string, Rule<any>>, tolerateUnknownRules = false): ConfigLayer {
  if (raw === null || raw === undefined) raw = {};
  if (!isRecord(raw)) throw new ConfigError(file, '', 'the config must be a mapping');
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      throw new ConfigError(file, key, `unknown setting${didYouMean(key, TOP_LEVEL_KEYS)} (settings: ${TOP_LEVEL_KEYS.slice(1).join(', ')})`);
    }
  }
  const layer: ConfigLayer = {
    extends: raw.extends === undefined ? [] : stringList(file, 'extends', raw.extends),
    rules: parseRules(file, 'rules', raw.rules, rules, tolerateUnknownRules),
    overrides: [],
    ignores: raw.ignores === undefined ? [] : stringList(file, 'ignores', raw.ignores),
    sources: {},
  };
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides)) throw new ConfigError(file, 'overrides', 'expected a list of { files, rules }');
    layer.overrides = raw.overrides.map((override, index) => {
      const key = `overrides[${index}]`;
      if (!isRecord(override)) throw new ConfigError(file, key, 'expected { files, rules }');
      for (const name of Object.keys(override)) {
        if (!['files', 'excludedFiles', 'rules'].includes(name)) {
          throw new ConfigError(file, `${key}.${name}`, `unknown setting${didYouMean(name, ['files', 'excludedFiles', 'rules'])}`);
        }
      }
      if (override.files === undefined) throw new ConfigError(file, `${key}.files`, 'an override needs "files" globs');
      return {
        files: stringList(file, `${key}.files`, override.files),
        excludedFiles: override.excludedFiles === undefined ? [] : stringList(file, `${key}.excludedFiles`, override.excludedFiles),
        rules: parseRules(file, `${key}.rules`, override.rules, rules, tolerateUnknownRules),
      };
    });
  }
  if (raw.excludedNamespaces !== undefined) layer.excludedNamespaces = stringList(file, 'excludedNamespaces', raw.excludedNamespaces);
  if (raw.kubernetesVersion !== undefined) {
    const version = parseKubernetesVersion(raw.kubernetesVersion);
    if (!version) throw new ConfigError(file, 'kubernetesVersion', `expected a version like "1.30", got ${JSON.stringify(raw.kubernetesVersion)}`);
    layer.kubernetesVersion = version;
  }
  if (raw.maxFileSize !== undefined) {
    if (typeof raw.maxFileSize !== 'number' || !(raw.maxFileSize > 0)) throw new ConfigError(file, 'maxFileSize', 'expected a positive number of bytes');
    layer.maxFileSize = raw.maxFileSize;
  }
  if (raw.oneFindingPerProblem !== undefined) {
    if (typeof raw.oneFindingPerProblem !== 'boolean') throw new ConfigError(file, 'oneFindingPerProblem', 'expected true or false');
    layer.oneFindingPerProblem = raw.oneFindingPerProblem;
  }
  if (raw.azurePolicy !== undefined) {
    if (typeof raw.azurePolicy !== 'string' || !raw.azurePolicy.trim()) throw new ConfigError(file, 'azurePolicy', 'expected the path of an assignment file (az policy assignment show > assignment.json)');
    layer.azurePolicy = raw.azurePolicy;
  }
  if (raw.constraints !== undefined) layer.constraints = stringList(file, 'constraints', raw.constraints);
  if (raw.maxStdinSize !== undefined) {
    if (typeof raw.maxStdinSize !== 'number' || !(raw.maxStdinSize > 0)) throw new ConfigError(file, 'maxStdinSize', 'expected a positive number of bytes');
    layer.maxStdinSize = raw.maxStdinSize;
  }
  for (const key of ['kustomize', 'helm', 'walk']) {
    if (raw[key] !== undefined) {
      if (!isRecord(raw[key])) throw new ConfigError(file, key, 'expected a mapping');
      layer.sources[key] = raw[key];
    }
  }
  return layer;
}

export type { Severity };
