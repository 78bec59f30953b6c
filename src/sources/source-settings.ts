// The `kustomize`, `helm` and `walk` config sections (src/config/validate.ts passes them through as `sources`), validated here
// and merged with the command-line flags (--kustomize-bin, --values, --set, --no-build, --chart).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../cli/args';
import { ConfigError } from '../config/validate';
import { didYouMean } from '../model/suggest';
import { isRecord } from '../model/pod-spec';

export interface KustomizeSettings {
  /** Build Kustomize roots (default true); false lints their files as plain manifests. */
  enabled: boolean;
  /** Binary: `kustomize` (run as `kustomize build`) or `kubectl` (`kubectl kustomize`); default: whichever is on PATH. */
  bin?: string;
  /** Also lint the resource files of built roots as plain manifests (default false: only through the build). */
  lintSources: boolean;
  /** kustomize's --load-restrictor: rootOnly (kustomize's default) or none. */
  /** auto: rootOnly, and a root that fails only on it is built again without it (the repository's pipeline must). */
  loadRestrictor: 'auto' | 'rootOnly' | 'none';
}

export interface HelmSettings {
  /** Render chart directories with `helm template` (default true). */
  enabled: boolean;
  /** Values files passed to every `helm template` (absolute). */
  values: string[];
  /** --set values passed to every `helm template`. */
  set: string[];
  /** Chart directory that rendered input comes from (--chart), absolute. */
  chart?: string;
}

export interface WalkSettings {
  /** Default skips in force (walk-set.ts SKIP_CATEGORIES; default all). */
  skip: Set<import('./walk-set').SkipCategory>;
  /** Globs relative to the config's directory: linted even when a default skip matches (walk.include). */
  include: string[];
  /** Directory the include globs are relative to. */
  baseDir: string;
  /** In a Git work tree, walk what `git ls-files --cached --others --exclude-standard` lists (default true). */
  git: boolean;
}

export interface SourceSettings {
  kustomize: KustomizeSettings;
  helm: HelmSettings;
  walk: WalkSettings;
  /** Milliseconds a single build may take. */
  timeoutMs: number;
}

const KUSTOMIZE_KEYS = ['enabled', 'bin', 'lintSources', 'loadRestrictor'];
const HELM_KEYS = ['enabled', 'values', 'set'];
const WALK_KEYS = ['skip', 'include', 'git'];

function checkKeys(file: string, section: string, value: Record<string, unknown>, known: string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new ConfigError(file, `${section}.${key}`, `unknown setting${didYouMean(key, known)} (settings: ${known.join(', ')})`);
  }
}

function boolean(file: string, key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(file, key, `expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

function strings(file: string, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || !item)) throw new ConfigError(file, key, 'expected a string or a list of strings');
  return list as string[];
}

export interface SourceFlags {
  noBuild?: boolean;
  kustomizeBin?: string;
  values?: readonly string[];
  set?: readonly string[];
  chart?: string;
}

/**
 * Validates the config sections and applies the flags. `configFile` names the file in errors; `baseDir` is where
 * config paths (values files, bin) are relative to; flag paths are relative to `cwd`.
 */
export function resolveSourceSettings(sources: Record<string, unknown>, context: { configFile?: string; baseDir: string; cwd: string }, flags: SourceFlags = {}): SourceSettings {
  const file = context.configFile ?? 'config';
  const kustomize = sources.kustomize ?? {};
  const helm = sources.helm ?? {};
  if (!isRecord(kustomize)) throw new ConfigError(file, 'kustomize', 'expected a mapping');
  if (!isRecord(helm)) throw new ConfigError(file, 'helm', 'expected a mapping');
  const walk = sources.walk ?? {};
  if (!isRecord(walk)) throw new ConfigError(file, 'walk', 'expected a mapping');
  checkKeys(file, 'walk', walk, WALK_KEYS);
  const { SKIP_CATEGORIES } = require('./walk-set') as typeof import('./walk-set');
  const skip = walk.skip === undefined ? [...SKIP_CATEGORIES] : strings(file, 'walk.skip', walk.skip);
  for (const category of skip) {
    if (!(SKIP_CATEGORIES as readonly string[]).includes(category)) {
      throw new ConfigError(file, 'walk.skip', `unknown skip "${category}"${didYouMean(category, SKIP_CATEGORIES)} (skips: ${SKIP_CATEGORIES.join(', ')})`);
    }
  }
  checkKeys(file, 'kustomize', kustomize, KUSTOMIZE_KEYS);
  checkKeys(file, 'helm', helm, HELM_KEYS);

  if (kustomize.bin !== undefined && (typeof kustomize.bin !== 'string' || !kustomize.bin)) throw new ConfigError(file, 'kustomize.bin', 'expected a program name or path');
  const restrictor = kustomize.loadRestrictor ?? 'auto';
  if (restrictor !== 'auto' && restrictor !== 'rootOnly' && restrictor !== 'none') throw new ConfigError(file, 'kustomize.loadRestrictor', `expected auto, rootOnly or none, got ${JSON.stringify(restrictor)}`);
  const configBin = kustomize.bin as string | undefined;
  const settings: SourceSettings = {
    kustomize: {
      enabled: boolean(file, 'kustomize.enabled', kustomize.enabled, true) && !flags.noBuild,
      // A bin with a slash is a path relative to the config file; a bare name is looked up on PATH.
      bin: flags.kustomizeBin ?? (configBin && /[/\\]/.test(configBin) ? resolve(context.baseDir, configBin) : configBin),
      lintSources: boolean(file, 'kustomize.lintSources', kustomize.lintSources, false),
      loadRestrictor: restrictor,
    },
    helm: {
      enabled: boolean(file, 'helm.enabled', helm.enabled, true) && !flags.noBuild,
      values: [...strings(file, 'helm.values', helm.values).map((value) => resolve(context.baseDir, value)), ...(flags.values ?? []).map((value) => resolve(context.cwd, value))],
      set: [...strings(file, 'helm.set', helm.set), ...(flags.set ?? [])],
      chart: flags.chart === undefined ? undefined : resolve(context.cwd, flags.chart),
    },
    walk: {
      skip: new Set(skip as import('./walk-set').SkipCategory[]),
      include: strings(file, 'walk.include', walk.include),
      baseDir: context.baseDir,
      git: boolean(file, 'walk.git', walk.git, true),
    },
    timeoutMs: 5 * 60 * 1000,
  };
  for (const value of strings(file, 'helm.set', helm.set)) {
    if (!value.includes('=')) throw new ConfigError(file, 'helm.set', `expected KEY=VALUE, got "${value}"`);
  }
  for (const value of flags.set ?? []) {
    if (!value.includes('=')) throw new UsageError(`--set expects KEY=VALUE, got "${value}"`);
  }
  if (settings.helm.chart && !existsSync(join(settings.helm.chart, 'Chart.yaml')) && !existsSync(join(settings.helm.chart, 'Chart.template.yaml'))) {
    throw new UsageError(`--chart expects a Helm chart directory (with Chart.yaml), got "${flags.chart}"`);
  }
  return settings;
}
