// Shared test helpers: dedented YAML literals and one-call linting through the real engine.
import { lintText } from '../src/api';
import type { Finding, Severity } from '../src/engine/types';
import { getRule } from '../src/rules';

/** Dedents a template literal and drops the first empty line, so fixtures read like files. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, index) => text + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = raw.replace(/^\r?\n/, '').split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n') + '\n';
}

export interface LintSettings {
  file?: string;
  kubernetesVersion?: string;
  severity?: Severity;
}

/**
 * Lints `source` with only `ruleId` switched on (at its default severity unless `settings.severity`),
 * and returns that rule's findings. Any parse-error throws, so a broken fixture cannot pass silently.
 */
export function lintOne(ruleId: string, source: string, options?: object, settings: LintSettings = {}): Finding[] {
  const rule = getRule(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const severity = settings.severity ?? rule.meta.severity;
  const findings = lintWith(source, {
    rules: { [ruleId]: options ? [severity, options] : severity },
    file: settings.file,
    kubernetesVersion: settings.kubernetesVersion,
  });
  return findings.filter((finding) => finding.ruleId === ruleId);
}

export interface LintWithSettings {
  rules?: Record<string, unknown>;
  preset?: string;
  file?: string;
  kubernetesVersion?: string;
  /** Further source files linted in the same run, for cross-object rules. */
  others?: Record<string, string>;
}

/** Lints `source` (and `others`) with an explicit rule set or preset; throws on parse-error. */
export function lintWith(source: string, settings: LintWithSettings): Finding[] {
  const file = settings.file ?? 'test.yaml';
  const result = lintText([{ file, text: source }, ...Object.entries(settings.others ?? {}).map(([name, text]) => ({ file: name, text }))], {
    rules: settings.rules,
    preset: settings.preset,
    kubernetesVersion: settings.kubernetesVersion,
  });
  const broken = result.findings.find((finding) => finding.ruleId === 'parse-error' || finding.ruleId === 'config-error');
  if (broken) throw new Error(`${broken.ruleId} at ${broken.file}:${broken.line}:${broken.column}: ${broken.message}`);
  return result.findings.filter((finding) => finding.file === file);
}

/** [ruleId, line, column] of each finding, for compact assertions. */
export function positions(findings: Finding[]): Array<[string, number, number]> {
  return findings.map((finding) => [finding.ruleId, finding.line, finding.column]);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds it first) with a clean, colourless environment. */
export function runCli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  // Imported here so rule tests do not pay for child_process.
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const path = require('node:path') as typeof import('node:path');
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [path.resolve(__dirname, '..', 'bin', 'kubeguard.js'), ...args], {
    cwd: options.cwd ?? path.resolve(__dirname, '..'),
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory with the given files (paths relative to it). */
export function tempDir(files: Record<string, string> = {}): string {
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const path = require('node:path') as typeof import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeguard-test-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
