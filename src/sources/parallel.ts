// Worker threads for large runs (a whole repository in CI): the plain files are read, parsed and linted by up to one
// thread per CPU, as one lint set. YAML documents (and so positions) cannot cross threads, so it goes in two rounds:
// 1. each worker reads and parses its share and sends back the plain objects of its files;
// 2. each worker gets the objects of every other share and lints its own files against the whole set, so the
//    cross-object rules (network-policy-coverage, duplicate-object, pdb...) see what one thread would see.
// Files are dealt by size and the lint set keeps the file order, so the result is the one-thread result.
import type { ResolvedConfig } from '../config/resolve';
import type { Finding, LintObject, LintResult } from '../engine/types';
import type { DeferredFile } from './collect';
import type { LoadLimits, ParsedFile } from './yaml-loader';

/** Set in a worker's environment; with `isMainThread` false, the CLI entry runs `runLintWorker` instead. */
export const WORKER_ENV = 'KUBEGUARD_LINT_WORKER';

/**
 * Below this many bytes of plain files a run stays on one thread. Each worker loads the bundle and the schema
 * validators again and the objects cross threads twice; on the 2-CPU machine of bench/RESULTS.md two threads lost at
 * 9 and 18 MB and won from 36 MB, where one thread's heap makes GC dear.
 */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

interface ParseRequest {
  type: 'parse';
  cwd: string;
  limits: LoadLimits;
  chart?: string;
  inputs: Array<DeferredFile & { index: number }>;
}

interface LintRequest {
  type: 'lint';
  config: ResolvedConfig;
  /** Per file of the whole run, in order: its objects, or null for the receiving worker's own files. */
  segments: Array<LintObject[] | null>;
}

type WorkerReply = { type: 'parsed'; files: Array<{ index: number; objects: LintObject[] }> } | { type: 'linted'; result: LintResult } | { type: 'error'; message: string };

declare const __KUBEGUARD_VERSION__: string | undefined; // defined in the bundle only

export interface ParallelOptions {
  /** Default: one per CPU. */
  threads?: number;
  limits: LoadLimits;
  /** --chart, for origins of rendered Helm output. */
  chart?: string;
}

/**
 * Reads, parses and lints `files` (one lint set, with `extra` findings as lintParsed takes them) on worker threads.
 * Undefined when there is one CPU; rejects when a worker fails. The caller then lints on one thread.
 */
export async function lintOnWorkers(files: readonly DeferredFile[], config: ResolvedConfig, cwd: string, extra: readonly Finding[], options: ParallelOptions): Promise<LintResult | undefined> {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const threads = options.threads ?? (require('./external-tool') as typeof import('./external-tool')).cpuCount();
  if (threads < 2) return undefined;
  const count = Math.min(threads, files.length);
  const workers = Array.from({ length: count }, () => startWorker(Worker));
  try {
    const shares = balancedShares(files, count);
    const parsed = await Promise.all(
      workers.map((worker, w) => ask(worker, { type: 'parse', cwd, limits: options.limits, chart: options.chart, inputs: shares[w] } satisfies ParseRequest)),
    );
    const segments: LintObject[][] = new Array(files.length);
    const owner: number[] = new Array(files.length);
    parsed.forEach((reply, w) => {
      if (reply.type !== 'parsed') throw new Error('worker protocol');
      for (const file of reply.files) {
        segments[file.index] = file.objects;
        owner[file.index] = w;
      }
    });
    const replies = workers.map((worker, w) => ask(worker, { type: 'lint', config, segments: segments.map((objects, index) => (owner[index] === w ? null : objects)) } satisfies LintRequest));
    // The requests are copied when posted: this thread's copy of every object can go while the workers lint.
    segments.length = 0;
    parsed.length = 0;
    const linted = await Promise.all(replies);
    const results = linted.map((reply) => {
      if (reply.type !== 'linted') throw new Error('worker protocol');
      return reply.result;
    });
    return mergeShares(results, extra);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The files dealt to `count` workers by size, largest first to the least loaded; each share in file order. */
function balancedShares(files: readonly DeferredFile[], count: number): Array<Array<DeferredFile & { index: number }>> {
  const { statSync } = require('node:fs') as typeof import('node:fs');
  const sized = files.map((file, index) => {
    let size = 0;
    try {
      size = statSync(file.absolute).size;
    } catch {
      // unreadable: the worker reports it
    }
    return { ...file, index, size };
  });
  const shares = Array.from({ length: count }, () => ({ bytes: 0, inputs: [] as Array<DeferredFile & { index: number }> }));
  for (const { size, ...input } of [...sized].sort((a, b) => b.size - a.size || a.index - b.index)) {
    const lightest = shares.reduce((best, share) => (share.bytes < best.bytes ? share : best));
    lightest.bytes += size;
    lightest.inputs.push(input);
  }
  return shares.map((share) => share.inputs.sort((a, b) => a.index - b.index));
}

/** One lint result from the workers' shares, counted as lintParsed counts one set. */
function mergeShares(results: readonly LintResult[], extra: readonly Finding[]): LintResult {
  const { severityCounts, sortFindings } = require('../engine/linter') as typeof import('../engine/linter');
  const sources = new Map(results.flatMap((result) => [...result.sources]));
  const findings = sortFindings([...results.flatMap((result) => result.findings), ...extra]);
  const files = new Set([...sources.keys(), ...findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => finding.file)]);
  const skipped = results.flatMap((result) => result.skipped ?? []);
  return {
    findings,
    sources,
    ...(skipped.length ? { skipped } : {}),
    ...(results.some((result) => result.lenient) ? { lenient: results.flatMap((result) => result.lenient ?? []) } : {}),
    summary: {
      files: files.size,
      objects: results.reduce((sum, result) => sum + result.summary.objects, 0),
      ...severityCounts(findings),
      suppressed: results.reduce((sum, result) => sum + result.summary.suppressed, 0),
    },
  };
}

function startWorker(Worker: typeof import('node:worker_threads').Worker): import('node:worker_threads').Worker {
  const env = { ...process.env, [WORKER_ENV]: '1' };
  if (typeof __KUBEGUARD_VERSION__ === 'string') {
    // The bundle: bin/kubeguard.js loads it with its code cache; src/cli/index.ts sees the variable and serves.
    return new Worker(require('node:path').join(__dirname, '..', 'bin', 'kubeguard.js'), { env });
  }
  // From sources (the tests): the TypeScript module through esbuild-register.
  const code = `require('esbuild-register/dist/node').register(); require(${JSON.stringify(__filename)}).runLintWorker();`;
  return new Worker(code, { eval: true, env });
}

function ask(worker: import('node:worker_threads').Worker, request: ParseRequest | LintRequest): Promise<WorkerReply> {
  return new Promise((resolvePromise, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      if (reply.type === 'error') reject(new Error(reply.message));
      else resolvePromise(reply);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`worker exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}

/**
 * An object as the other shares see it: CustomResourceDefinitions without their OpenAPI schemas, which are most of
 * the bytes of a typical repository (77% of ../shared/corpus) and which no rule reads on another object (cross-object
 * rules read a CRD's group, names and scope). The tests compare whole runs on the corpus with one thread.
 */
function forOtherShares(entry: LintObject): LintObject {
  const { object } = entry;
  const spec = object.kind === 'CustomResourceDefinition' ? (object as { spec?: unknown }).spec : undefined;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return entry;
  const { validation: _validation, versions, ...rest } = spec as Record<string, unknown>;
  const lean = Array.isArray(versions)
    ? versions.map((version) => {
        if (!version || typeof version !== 'object' || Array.isArray(version)) return version;
        const { schema: _schema, ...kept } = version as Record<string, unknown>;
        return kept;
      })
    : versions;
  return { ...entry, object: { ...object, spec: { ...rest, ...(versions === undefined ? {} : { versions: lean }) } } as LintObject['object'] };
}

/** The worker's side: parse a share, then lint it against the whole set. */
export function runLintWorker(): void {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { lintParsed } = require('../api') as typeof import('../api');
  const { lintObjects } = require('../engine/linter') as typeof import('../engine/linter');
  const { readPlainFile } = require('./collect') as typeof import('./collect');
  const { HelmOrigins } = require('./helm') as typeof import('./helm');
  if (!parentPort) return;
  const port = parentPort;
  let cwd = '';
  let own: Array<{ index: number; parsed?: ParsedFile; problem?: Finding; objects: LintObject[] }> = [];
  port.on('message', (request: ParseRequest | LintRequest) => {
    try {
      if (request.type === 'parse') {
        cwd = request.cwd;
        const origins = new HelmOrigins(cwd, request.chart);
        own = request.inputs.map((input) => {
          const outcome = readPlainFile(input.absolute, input.file, request.limits, origins, input.walked);
          if ('ruleId' in outcome) return { index: input.index, problem: outcome, objects: [] };
          return { index: input.index, parsed: outcome, objects: lintObjects([outcome]) };
        });
        port.postMessage({ type: 'parsed', files: own.map(({ index, objects }) => ({ index, objects: objects.map(forOtherShares) })) } satisfies WorkerReply);
      } else {
        const mine = new Map(own.map((entry) => [entry.index, entry.objects]));
        // Own objects are the very objects the rules check (rules tell an object from the others by identity).
        const lintSet = request.segments.flatMap((objects, index) => objects ?? mine.get(index) ?? []);
        const files = own.flatMap((entry) => (entry.parsed ? [entry.parsed] : []));
        const problems = own.flatMap((entry) => (entry.problem ? [entry.problem] : []));
        port.postMessage({ type: 'linted', result: lintParsed(files, request.config, cwd, problems, lintSet) } satisfies WorkerReply);
        own = [];
      }
    } catch (error) {
      port.postMessage({ type: 'error', message: (error as Error).stack ?? String(error) } satisfies WorkerReply);
    }
  });
}
