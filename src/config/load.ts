// Finds and loads the user's config with cosmiconfig, then validates and resolves it.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Rule } from '../engine/types';
import { resolveConfig, type ResolvedConfig } from './resolve';
import { ConfigError, validateConfig, type RuleEntry } from './validate';

export const CONFIG_FILES = [
  'package.json',
  '.kubeguardrc',
  '.kubeguardrc.json',
  '.kubeguardrc.yaml',
  '.kubeguardrc.yml',
  'kubeguard.config.js',
  'kubeguard.config.mjs',
  'kubeguard.config.cjs',
  'kubeguard.config.json',
  'kubeguard.config.yaml',
];

export interface LoadConfigOptions {
  cwd: string;
  /** --config FILE */
  configFile?: string;
  /** --preset NAME: use the preset instead of any config file. */
  preset?: string;
  cliRules?: Record<string, RuleEntry>;
  /** --azure-policy FILE (relative to cwd): replaces the config's azurePolicy. */
  azurePolicy?: string;
}

/**
 * Looks for a config file from `cwd` up to the project root (the nearest directory with package.json or .git)
 * without loading cosmiconfig, which is only needed once a file is found: start-up time is the product.
 */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = join(dir, name);
      if (!existsSync(candidate)) continue;
      if (name === 'package.json') {
        try {
          if (JSON.parse(readFileSync(candidate, 'utf8')).kubeguard === undefined) continue;
        } catch {
          continue;
        }
      }
      return candidate;
    }
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * YAML and JSON configs (the common case) are read here with the bundled yaml parser, as cosmiconfig's loaders would
 * (JSON for .json, YAML for .yaml/.yml and the extensionless rc file, the "kubeguard" key of package.json): loading
 * cosmiconfig costs 15-50 ms of start-up. JavaScript configs still go through cosmiconfig.
 */
function readDataConfig(file: string): { config: unknown } | undefined {
  const name = basename(file);
  const json = name.endsWith('.json');
  if (!json && !/\.ya?ml$/.test(name) && name !== '.kubeguardrc') return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, '', `cannot read the config: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    if (name === 'package.json') return { config: (JSON.parse(text) as Record<string, unknown>).kubeguard };
    if (!text.trim()) return { config: undefined };
    if (json) return { config: JSON.parse(text) };
    const { parse } = require('yaml') as typeof import('yaml');
    return { config: parse(text, { prettyErrors: false }) };
  } catch (error) {
    throw new ConfigError(file, '', `cannot read the config: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function readConfigFile(file: string): Promise<unknown> {
  const data = readDataConfig(file);
  if (data) return data.config;
  const { cosmiconfig } = require('cosmiconfig') as typeof import('cosmiconfig');
  const explorer = cosmiconfig('kubeguard', { searchPlaces: CONFIG_FILES, cache: false });
  try {
    const result = await explorer.load(file);
    return result?.config;
  } catch (error) {
    throw new ConfigError(file, '', `cannot read the config: ${(error as Error).message.split('\n')[0]}`);
  }
}

export async function loadConfig(rules: ReadonlyMap<string, Rule<any>>, options: LoadConfigOptions): Promise<ResolvedConfig> {
  return withAzurePolicy(await loadResolvedConfig(rules, options), rules, options);
}

/** Mirrors the Azure Policy assignment, when one is configured; the policy code loads only then. */
function withAzurePolicy(config: ResolvedConfig, rules: ReadonlyMap<string, Rule<any>>, options: LoadConfigOptions): ResolvedConfig {
  if (options.azurePolicy) config.azurePolicy = { file: resolve(options.cwd, options.azurePolicy), shown: options.azurePolicy };
  if (!config.azurePolicy) return config;
  const { applyAzurePolicy } = require('../policy/azure/apply') as typeof import('../policy/azure/apply');
  config.azurePolicySummary = applyAzurePolicy(config, rules, config.azurePolicy.file, config.azurePolicy.shown);
  return config;
}

async function loadResolvedConfig(rules: ReadonlyMap<string, Rule<any>>, options: LoadConfigOptions): Promise<ResolvedConfig> {
  if (options.preset) {
    const layer = validateConfig('--preset', { extends: options.preset }, rules);
    return resolveConfig(layer, rules, { cwd: options.cwd, cliRules: options.cliRules });
  }
  const file = options.configFile ? resolve(options.cwd, options.configFile) : findConfigFile(options.cwd);
  if (options.configFile && !existsSync(file!)) throw new ConfigError(options.configFile, '', 'config file not found');
  if (!file) {
    const layer = validateConfig('default config', { extends: 'recommended' }, rules);
    return resolveConfig(layer, rules, { cwd: options.cwd, cliRules: options.cliRules });
  }
  const raw = await readConfigFile(file);
  const layer = validateConfig(file, raw, rules);
  // A config that extends nothing starts from recommended, as users expect of a linter's defaults.
  if (!layer.extends.length && !('extends' in ((raw ?? {}) as object))) layer.extends = ['recommended'];
  return resolveConfig(layer, rules, { file, cwd: options.cwd, cliRules: options.cliRules });
}
