// Presets shipped in rulesets/<name>.yaml.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Rule } from '../engine/types';
import { didYouMean } from '../model/suggest';
import { packageRoot } from './package-root';
import { ConfigError, validateConfig, type ConfigLayer } from './validate';

export function presetDirectory(): string {
  return join(packageRoot(), 'rulesets');
}

// The bundle carries the presets parsed at build time (scripts/build.js) as a JSON string: no YAML parse and no file
// reads at start-up. From the sources (tests), the YAML files are read.
declare const __KUBEGUARD_PRESETS_JSON__: string | undefined;
let builtPresets: Record<string, unknown> | undefined;

function bundledPresets(): Record<string, unknown> | undefined {
  if (typeof __KUBEGUARD_PRESETS_JSON__ === 'undefined') return undefined;
  return (builtPresets ??= JSON.parse(__KUBEGUARD_PRESETS_JSON__) as Record<string, unknown>);
}

export function presetNames(): string[] {
  const bundled = bundledPresets();
  if (bundled) return Object.keys(bundled).sort();
  return readdirSync(presetDirectory())
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

export function readPreset(name: string): unknown {
  const bundled = bundledPresets();
  if (bundled) return Object.hasOwn(bundled, name) ? structuredClone(bundled[name]) : undefined;
  const file = join(presetDirectory(), `${name}.yaml`);
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(file)) return undefined;
  return parse(readFileSync(file, 'utf8'));
}

export function loadPreset(name: string, rules: ReadonlyMap<string, Rule<any>>, from: string, key = 'extends'): ConfigLayer {
  const raw = readPreset(name);
  if (raw === undefined) throw new ConfigError(from, key, `unknown preset "${name}"${didYouMean(name, presetNames())} (presets: ${presetNames().join(', ')})`);
  const { description: _description, ...config } = raw as Record<string, unknown>;
  return validateConfig(`preset ${name}`, config, rules, true);
}
