// Spawning the built CLI for the robustness tests: extra node flags (preloads), another user (permission tests as
// root), a clean colourless environment. `npm test` builds dist/ first.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'kubeguard.js');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'robustness');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  nodeArgs?: string[];
  env?: Record<string, string | undefined>;
  uid?: number;
  gid?: number;
  input?: string;
}

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, NODE_OPTIONS: undefined, ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as NodeJS.ProcessEnv;
}

export function kubeguard(args: string[], options: RunOptions): Run {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    uid: options.uid,
    gid: options.gid,
  });
  if (result.error) throw result.error;
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonResult {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}

/** The JSON results of a run; with `ruleIds`, only those rules' (other rules, such as duplicate-object, may join in). */
export function results(run: Run, ruleIds: readonly string[] = ['no-privileged', 'parse-error']): JsonResult[] {
  try {
    return (JSON.parse(run.stdout) as { results: JsonResult[] }).results.filter((result) => ruleIds.includes(result.ruleId));
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 2000)}`);
  }
}

const made: string[] = [];

/** A temp directory that other users can enter (mkdtemp makes it 0700); removeTempDirs() deletes them all. */
export function openTempDir(prefix = 'kubeguard-robustness-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Every file under `dir` with its size, mode, mtime and content, to prove a run wrote nothing; with directory times,
 * even a temp file made and removed shows.
 */
export function snapshot(dir: string, options: { directoryTimes?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const stats = statSync(full, { throwIfNoEntry: false });
      const key = relative(dir, full);
      if (entry.isDirectory()) {
        out[`${key}/`] = `dir ${stats?.mode}${options.directoryTimes === false ? '' : ` ${stats?.mtimeMs}`}`;
        visit(full);
      } else {
        out[key] = `${stats?.size} ${stats?.mode} ${stats?.mtimeMs} ${entry.isFile() ? readFileSync(full).toString('base64') : 'special'}`;
      }
    }
  };
  visit(dir);
  return out;
}

/** The unprivileged user for permission tests when the tests run as root (where mode 000 does not stop reads). */
export const NOBODY = 65534;

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

let nobodyProbe: string | undefined | null = null;

/**
 * Why the CLI cannot run as uid 65534 here, or undefined when it can: a checkout in a directory other users cannot
 * read (a 0700 home, a CI workspace) hides the bundle from that user. `prefix` runs it through e.g. setpriv.
 */
export function nobodyCannotRunCli(prefix: readonly string[] = []): string | undefined {
  if (nobodyProbe !== null && !prefix.length) return nobodyProbe;
  const command = [...prefix, process.execPath, BIN, '--version'];
  const probe = spawnSync(command[0], command.slice(1), { cwd: '/', encoding: 'utf8', ...(prefix.length ? {} : { uid: NOBODY, gid: NOBODY }) });
  const reason = probe.status === 0 ? undefined : `uid ${NOBODY} cannot run ${BIN} (${(probe.stderr || String(probe.error ?? '')).split('\n').find((line) => /Error|denied|EACCES/.test(line))?.trim() ?? `exit ${probe.status}`}): is the checkout in a directory other users cannot read?`;
  if (!prefix.length) nobodyProbe = reason;
  return reason;
}
