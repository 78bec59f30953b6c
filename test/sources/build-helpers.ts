// Helpers for the Helm and Kustomize tests: lint paths in-process through collectSources (real kubectl kustomize),
// with an explicit rule set, and read findings compactly.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ruleMap } from '../../src/api';
import { resolveConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import type { Finding, LintResult } from '../../src/engine/types';
import { lintCollected } from '../../src/sources/build-results';
import { collectSources, type Collected } from '../../src/sources/collect';
import { resolveSourceSettings, type SourceFlags } from '../../src/sources/source-settings';
import { DEFAULT_LIMITS } from '../../src/sources/yaml-loader';

export const ROOT = resolve(__dirname, '..', '..');
export const KUSTOMIZE_FIXTURES = 'test/fixtures/kustomize';
export const HELM_FIXTURES = 'test/fixtures/helm';
/** The shared corpus next to the checkout, relative to the repository (the cwd of these tests). */
export const CORPUS = '../shared/corpus';

export interface LintOptions {
  /** Rules as in a config file; nothing else is on. */
  rules?: Record<string, unknown>;
  /** Extra config keys: kustomize, helm, excludedNamespaces. */
  config?: Record<string, unknown>;
  flags?: SourceFlags;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export const BASELINE_RULES = {
  'no-privileged': 'error',
  'no-host-pid': 'error',
  'no-host-ipc': 'error',
  'no-host-network': 'error',
  'no-host-ports': 'error',
  'no-latest-tag': 'error',
  'no-node-port': 'warning',
  'duplicate-object': 'error',
};

export async function lintSources(paths: string[], options: LintOptions = {}): Promise<{ collected: Collected; result: LintResult }> {
  const cwd = options.cwd ?? ROOT;
  const raw = { extends: [], rules: options.rules ?? BASELINE_RULES, ...(options.config ?? {}) };
  const config = resolveConfig(validateConfig('test', raw, ruleMap), ruleMap, { cwd });
  const settings = resolveSourceSettings(config.sources, { baseDir: cwd, cwd }, options.flags);
  const collected = await collectSources(paths, { cwd, limits: DEFAULT_LIMITS, env: options.env ?? process.env, settings });
  return { collected, result: lintCollected(collected, config, cwd) };
}

export type Row = [ruleId: string, file: string, line: number, originFile: string | undefined, originLine: number | undefined, originColumn: number | undefined];

/** [ruleId, file, line, origin file, origin line, origin column] per finding. */
export function rows(findings: readonly Finding[]): Row[] {
  return findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.origin?.file, finding.origin?.line, finding.origin?.column]);
}

export function only(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

/** Every file and directory under `dir` with its size and mtime, to prove a build wrote nothing there. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      const stats = statSync(child);
      out.push(`${child} ${stats.isDirectory() ? 'dir' : stats.size} ${stats.mtimeMs}`);
      if (stats.isDirectory()) visit(child);
    }
  };
  visit(dir);
  return out;
}

/** Temporary wrapper directories kubeguard leaves behind (there must be none). */
export function leftoverWrappers(): string[] {
  const { tmpdir } = require('node:os') as typeof import('node:os');
  return readdirSync(tmpdir()).filter((name) => name.startsWith('kubeguard-kustomize-'));
}
