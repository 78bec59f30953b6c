// `kubeguard init`: writes a starter config (preset asked for, or from --preset) and, on request, a husky pre-commit
// hook (--husky) and a lint-staged entry (--lint-staged). It never replaces a file without --force: an existing one
// is reported and left as it is.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILES } from '../config/load';
import { presetNames } from '../config/presets';
import { didYouMean } from '../model/suggest';
import { replaceFileAtomic } from '../fix/write-file';

export interface InitOptions {
  preset?: string;
  husky: boolean;
  lintStaged: boolean;
  force: boolean;
}

export interface InitIO {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Asks one question and resolves with the answer; `close` ends the session. */
export type Ask = ((question: string) => Promise<string>) & { close?: () => void };

export const CONFIG_NAME = '.kubeguardrc.yaml';
export const HUSKY_HOOK = '.husky/pre-commit';
export const LINT_STAGED_GLOB = '*.{yaml,yml,json}';
export const LINT_STAGED_COMMAND = 'kubeguard';
export const HOOK_COMMAND = 'npx --no kubeguard --staged';
export const HOOK_LINT_STAGED_COMMAND = 'npx --no lint-staged';
const LINT_STAGED_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
];

export const EXIT_OK = 0;
export const EXIT_REFUSED = 2;

type Status = 'written' | 'present' | 'kept';

/** The `constraints` lines of the starter config: active when the user accepted them, else commented out. */
function constraintsSection(directories: readonly string[], enabled: boolean): string {
  if (!directories.length) return '';
  const list = `[${directories.map((directory) => JSON.stringify(directory)).join(', ')}]`;
  return `
# Gatekeeper constraints found in this repository, evaluated as the cluster's admission would (docs/admission-policy.md):
${enabled ? '' : '# '}constraints: ${list}
`;
}

export function starterConfig(preset: string, constraints: { directories: readonly string[]; enabled: boolean } = { directories: [], enabled: false }): string {
  return `# kubeguard configuration. Docs: https://github.com/kubeguard/kubeguard#configuration
# Preset: recommended, pss-baseline, pss-restricted, aks or strict (\`kubeguard --list-rules\` shows the rules).
extends: ${preset}

# The Kubernetes version you deploy to: deprecated and removed APIs and version-gated checks follow it.
# kubernetesVersion: "1.30"

# Files never linted: micromatch globs relative to this file.
ignores: []

# Rule severities (off, info, warning, error) and options, on top of the preset:
# rules:
#   no-latest-tag: warning
#   allowed-registries: [error, { registries: ["contoso.azurecr.io/**", "mcr.microsoft.com/**"] }]

# Rules for some files only:
# overrides:
#   - files: ["system/**"]
#     rules:
#       no-host-network: off
${constraintsSection(constraints.directories, constraints.enabled)}`;
}

function readJson(path: string): { value: Record<string, unknown>; indent: string | number; eol: string; finalNewline: boolean } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const value = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? 2;
    return { value, indent, eol: text.includes('\r\n') ? '\r\n' : '\n', finalNewline: /\n$/.test(text) };
  } catch {
    return undefined;
  }
}

function writeJson(path: string, json: NonNullable<ReturnType<typeof readJson>>): void {
  const text = JSON.stringify(json.value, null, json.indent).replace(/\n/g, json.eol) + (json.finalNewline ? json.eol : '');
  replaceFileAtomic(path, text);
}

function dependsOn(cwd: string, name: string): boolean {
  const manifest = readJson(join(cwd, 'package.json'))?.value;
  if (!manifest) return false;
  return ['dependencies', 'devDependencies'].some((field) => {
    const deps = manifest[field];
    return !!deps && typeof deps === 'object' && Object.hasOwn(deps, name);
  });
}

function existingConfig(cwd: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const path = join(cwd, name);
    if (!existsSync(path)) continue;
    if (name === 'package.json' && readJson(path)?.value.kubeguard === undefined) continue;
    return name;
  }
  return undefined;
}

/** Creates a new file; with `force` replaces an existing one. Never follows a race into overwriting. */
function writeNew(path: string, content: string, force: boolean, mode = 0o644): void {
  if (force && existsSync(path)) replaceFileAtomic(path, content);
  else writeFileSync(path, content, { flag: 'wx', mode });
}

async function choosePreset(ask: Ask, presets: readonly string[]): Promise<string> {
  for (;;) {
    const answer = (await ask(`Preset (${presets.join(', ')}) [recommended]: `)).trim();
    if (!answer) return 'recommended';
    if (presets.includes(answer)) return answer;
    const byNumber = presets[Number(answer) - 1];
    if (/^\d+$/.test(answer) && byNumber) return byNumber;
  }
}

async function confirm(ask: Ask, question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await ask(`${question} [y/N]: `)).trim());
}

/**
 * Questions on the terminal through one readline interface (lines typed or pasted ahead are kept for the next
 * question; end of input answers the default), or undefined when standard input or output is not a terminal, or in CI.
 */
export function terminalAsk(stdout: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv): Ask | undefined {
  if (!process.stdin.isTTY || !stdout.isTTY || (env.CI && env.CI !== 'false' && env.CI !== '0')) return undefined;
  const readline = require('node:readline') as typeof import('node:readline');
  let rl: import('node:readline').Interface | undefined;
  let closed = false;
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  const open = () => {
    if (rl) return rl;
    rl = readline.createInterface({ input: process.stdin, output: stdout });
    rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : lines.push(line)));
    rl.on('close', () => {
      closed = true;
      while (waiting.length) waiting.shift()!('');
    });
    return rl;
  };
  const ask: Ask = (question) => {
    const terminal = open();
    if (!closed) {
      terminal.setPrompt(question);
      terminal.prompt();
    }
    const ready = lines.shift();
    if (ready !== undefined || closed) return Promise.resolve(ready ?? '');
    return new Promise((resolveAnswer) => waiting.push(resolveAnswer));
  };
  ask.close = () => rl?.close();
  return ask;
}

export async function runInit(options: InitOptions, io: InitIO, ask?: Ask): Promise<number> {
  const presets = presetNames();
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const warn = (line: string) => io.stderr.write(`kubeguard: ${line}\n`);
  let { preset, husky, lintStaged } = options;
  // Gatekeeper Constraint files in the repository: offered as `constraints` (asked on a terminal, else left commented).
  const found = (require('../policy/gatekeeper/discover') as typeof import('../policy/gatekeeper/discover')).findConstraintDirectories(io.cwd);
  const constraintDirectories = found.map((entry) => entry.directory);
  let useConstraints = false;
  if (preset !== undefined && !presets.includes(preset)) {
    warn(`unknown preset "${preset}"${didYouMean(preset, presets)} (presets: ${presets.join(', ')})`);
    return EXIT_REFUSED;
  }
  if (ask && preset === undefined) {
    try {
      preset = await choosePreset(ask, presets);
      if (found.length) {
        const where = found.map((entry) => `${entry.directory} (${entry.files} file${entry.files === 1 ? '' : 's'})`).join(', ');
        useConstraints = await confirm(ask, `Found Gatekeeper constraints in ${where}. Evaluate them as the cluster would (constraints)?`);
      }
      if (!husky && !lintStaged) {
        husky = await confirm(ask, 'Add a husky pre-commit hook that runs kubeguard on staged manifests?');
        lintStaged = await confirm(ask, 'Add a lint-staged entry for YAML and JSON files?');
      }
    } finally {
      ask.close?.();
    }
  }
  preset ??= 'recommended';

  const statuses: Status[] = [];
  const nextSteps: string[] = [];
  try {
    // The config.
    const configPath = join(io.cwd, CONFIG_NAME);
    const existing = existingConfig(io.cwd);
    if (existing && !options.force) {
      warn(`${existing} already exists; not overwritten (use --force to replace ${existing === CONFIG_NAME ? 'it' : `it with ${CONFIG_NAME}`}).`);
      statuses.push('kept');
    } else {
      writeNew(configPath, starterConfig(preset, { directories: constraintDirectories, enabled: useConstraints }), options.force);
      say(`${existing === CONFIG_NAME ? 'Replaced' : 'Created'} ${CONFIG_NAME} (extends ${preset}${useConstraints ? `, constraints ${constraintDirectories.join(', ')}` : ''}).`);
      if (constraintDirectories.length && !useConstraints) say(`Found Gatekeeper constraints in ${constraintDirectories.join(', ')}: uncomment "constraints" in ${CONFIG_NAME} to evaluate them.`);
      statuses.push('written');
      const winner = existingConfig(io.cwd);
      if (winner && winner !== CONFIG_NAME) warn(`${winner} is found before ${CONFIG_NAME}: remove its kubeguard settings so the new config applies.`);
    }

    // The husky hook: `npx lint-staged` when lint-staged runs kubeguard, else kubeguard on the staged files.
    if (husky) {
      const command = lintStaged ? HOOK_LINT_STAGED_COMMAND : HOOK_COMMAND;
      const hookPath = join(io.cwd, HUSKY_HOOK);
      const current = existsSync(hookPath) ? readFileSync(hookPath, 'utf8') : undefined;
      if (current !== undefined && current.includes(lintStaged ? 'lint-staged' : 'kubeguard') && !options.force) {
        say(`${HUSKY_HOOK} already runs ${lintStaged ? 'lint-staged' : 'kubeguard'}.`);
        statuses.push('present');
      } else if (current !== undefined && !options.force) {
        warn(`${HUSKY_HOOK} already exists; not overwritten: add the line "${command}" to it, or use --force to replace it.`);
        statuses.push('kept');
      } else {
        mkdirSync(join(io.cwd, '.husky'), { recursive: true });
        writeNew(hookPath, `${command}\n`, options.force, 0o755);
        say(`${current === undefined ? 'Created' : 'Replaced'} ${HUSKY_HOOK} (${command}).`);
        statuses.push('written');
      }
      if (!dependsOn(io.cwd, 'husky')) nextSteps.push('npm install --save-dev husky && npm pkg set scripts.prepare=husky && npm run prepare');
    }

    // The lint-staged entry: in package.json's "lint-staged" or .lintstagedrc.json when one exists, else a new .lintstagedrc.json.
    if (lintStaged) {
      const packagePath = join(io.cwd, 'package.json');
      const manifest = existsSync(packagePath) ? readJson(packagePath) : undefined;
      const inPackage = manifest && manifest.value['lint-staged'] !== undefined;
      const rcPath = join(io.cwd, '.lintstagedrc.json');
      const other = LINT_STAGED_FILES.find((name) => name !== '.lintstagedrc.json' && existsSync(join(io.cwd, name)));
      const entry = `"${LINT_STAGED_GLOB}": "${LINT_STAGED_COMMAND}"`;
      if (inPackage || existsSync(rcPath)) {
        const target = inPackage ? packagePath : rcPath;
        const label = inPackage ? 'package.json "lint-staged"' : '.lintstagedrc.json';
        const json = inPackage ? manifest : readJson(rcPath);
        const config = json && (inPackage ? json.value['lint-staged'] : json.value);
        if (!json || !config || typeof config !== 'object' || Array.isArray(config)) {
          warn(`${label} is not a JSON object; add ${entry} to it yourself.`);
          statuses.push('kept');
        } else {
          const entries = config as Record<string, unknown>;
          const current = entries[LINT_STAGED_GLOB];
          if (current !== undefined && JSON.stringify(current).includes(LINT_STAGED_COMMAND) && !options.force) {
            say(`${label} already runs kubeguard on ${LINT_STAGED_GLOB}.`);
            statuses.push('present');
          } else if (current !== undefined && !options.force) {
            warn(`${label} already has an entry for ${LINT_STAGED_GLOB}; not overwritten: add "${LINT_STAGED_COMMAND}" to it, or use --force to replace it.`);
            statuses.push('kept');
          } else {
            entries[LINT_STAGED_GLOB] = LINT_STAGED_COMMAND;
            writeJson(target, json);
            say(`${current === undefined ? 'Added' : 'Replaced'} ${entry} in ${label}.`);
            statuses.push('written');
          }
        }
      } else if (other) {
        warn(`lint-staged is configured in ${other}, which kubeguard does not edit: add ${entry} to it.`);
        statuses.push('kept');
      } else {
        writeNew(rcPath, `{\n  ${entry}\n}\n`, false);
        say(`Created .lintstagedrc.json (${entry}).`);
        statuses.push('written');
      }
      if (!dependsOn(io.cwd, 'lint-staged')) nextSteps.push('npm install --save-dev lint-staged');
    }
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    warn(`init failed: ${failure.code === 'EEXIST' ? `${failure.path} appeared while writing; not overwritten` : failure.message}`);
    return EXIT_REFUSED;
  }

  if (nextSteps.length) {
    say('Next:');
    for (const step of nextSteps) say(`  ${step}`);
  }
  // Refused with nothing done is a failure; anything written (or already in place) is success.
  return statuses.includes('kept') && !statuses.includes('written') && !statuses.includes('present') ? EXIT_REFUSED : EXIT_OK;
}
