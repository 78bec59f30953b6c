// Runs the external tools builds need (kustomize, kubectl, helm): PATH lookup, an offline environment, a bounded
// pool, and the wall-clock time spent while any tool was running (summary.toolTimeMs).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The full path of `name` on the PATH of `env`, or undefined. A name with a slash is checked as a path. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const isRunnable = (file: string) => {
    try {
      if (!statSync(file).isFile()) return false;
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (name.includes('/') || name.includes('\\') || isAbsolute(name)) {
    const file = resolve(cwd, name);
    return isRunnable(file) ? file : undefined;
  }
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const file = join(dir, name + extension);
      if (isRunnable(file)) return file;
    }
  }
  return undefined;
}

// Builds must never reach the network: remote bases are refused before a build starts, and this environment makes
// any fetch a tool still attempts fail at once (git, Go's HTTP client and curl all honour these proxies).
const UNREACHABLE_PROXY = 'http://127.0.0.1:9';

export function offlineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_SSH_COMMAND: 'false',
    GIT_ALLOW_PROTOCOL: 'file',
    HTTP_PROXY: UNREACHABLE_PROXY,
    HTTPS_PROXY: UNREACHABLE_PROXY,
    ALL_PROXY: UNREACHABLE_PROXY,
    http_proxy: UNREACHABLE_PROXY,
    https_proxy: UNREACHABLE_PROXY,
    all_proxy: UNREACHABLE_PROXY,
    NO_PROXY: '',
    no_proxy: '',
  };
}

export interface ToolRun {
  /** Exit code; null when the process was killed (timeout) or could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not start or was killed. */
  error?: string;
}

export interface ToolOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Adds up the wall-clock time during which at least one tool was running, so concurrent builds are not double counted. */
export class ToolClock {
  private running = 0;
  private since = 0;
  private total = 0;

  start(): void {
    if (this.running++ === 0) this.since = performance.now();
  }

  stop(): void {
    if (--this.running === 0) this.total += performance.now() - this.since;
  }

  get milliseconds(): number {
    return this.total + (this.running ? performance.now() - this.since : 0);
  }
}

export function runTool(file: string, args: readonly string[], options: ToolOptions, clock?: ToolClock): Promise<ToolRun> {
  clock?.start();
  // Required here, not at the top: child_process costs ~8 ms of start-up that a run without builds never needs.
  const { execFile } = require('node:child_process') as typeof import('node:child_process');
  return new Promise((resolvePromise) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        clock?.stop();
        if (!error) return resolvePromise({ code: 0, stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
        if (typeof failure.code === 'number') return resolvePromise({ code: failure.code, stdout, stderr });
        const reason = failure.killed || failure.signal ? `timed out after ${Math.round(options.timeoutMs / 1000)} s` : failure.message;
        resolvePromise({ code: null, stdout, stderr, error: reason });
      },
    );
  });
}

/** The CPU count; `node:os` is required here, not at the top, as a run without builds or workers never needs it. */
export function cpuCount(): number {
  return (require('node:os') as typeof import('node:os')).availableParallelism();
}

/** Runs `tasks` with at most `limit` at a time (default: the CPU count); results keep the task order. */
export async function runPool<T>(tasks: ReadonlyArray<() => Promise<T>>, limit?: number): Promise<T[]> {
  if (tasks.length === 0) return [];
  limit ??= cpuCount();
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/** The first lines of a tool's error output, without klog prefixes and blank lines, for a one-line message. */
export function toolMessage(run: ToolRun, maxLength = 600): string {
  const text = (run.error ? `${run.error}\n` : '') + (run.stderr || run.stdout);
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^[EWI]\d{4} [\d:.]+\s+\d+ [\w.]+:\d+\] /, '').trim())
    .filter((line) => line && !/^# Warning:/.test(line));
  const message = lines.join(' ').replace(/\s+/g, ' ');
  return message.length > maxLength ? `${message.slice(0, maxLength)}…` : message || `exit code ${run.code}`;
}
