// `--staged`: the staged content of staged manifest files, read from the Git index (not the working tree), so a
// half-staged file is judged as it will be committed. Only the staged paths are touched; the repository is never
// walked. Git runs with the caller's environment, so inside a hook GIT_INDEX_FILE (`git commit -a`, `git commit
// <paths>`) points it at the index being committed.
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import type { Finding } from '../engine/types';
import { parseErrorFinding } from '../engine/linter';
import { parseBytes } from './collect';
import { isManifestFile } from './walker';
import type { LoadLimits, ParsedFile } from './yaml-loader';

export interface StagedOptions {
  cwd: string;
  limits: LoadLimits;
  isIgnored?: (file: string) => boolean;
  /** Environment for git (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
  /** Limit to staged files matching these git pathspecs, relative to `cwd`. */
  pathspecs?: readonly string[];
}

export interface StagedResult {
  files: ParsedFile[];
  problems: Finding[];
  errors: string[];
}

export interface StagedEntry {
  /** Path from the top of the work tree, `/`-separated, as git prints it. */
  path: string;
  mode: string;
  object: string;
}

// Settings that would change what `git diff` prints: paths relative to the cwd, colour, external diff tools.
const GIT_OVERRIDES = ['-c', 'diff.relative=false', '-c', 'color.ui=false', '-c', 'core.quotePath=false'];
const REGULAR_FILE_MODES = new Set(['100644', '100755']);

class GitError extends Error {}
/** The output of git went over the buffer it was given. */
class OutputTooLarge extends Error {}

const MAX_BUFFER = 1024 * 1024 * 1024;

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv | undefined, input?: string, maxBuffer = MAX_BUFFER): Buffer {
  try {
    return execFileSync('git', [...GIT_OVERRIDES, ...args], {
      cwd,
      env,
      input,
      maxBuffer,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT') throw new GitError('--staged needs git, which is not on the PATH');
    if (failure.code === 'ENOBUFS' && maxBuffer < MAX_BUFFER) throw new OutputTooLarge();
    const stderr = failure.stderr?.toString('utf8').trim().split('\n')[0];
    throw new GitError(stderr || failure.message.split('\n')[0]);
  }
}

/**
 * Parses `git diff --cached --raw -z` output: `:old-mode new-mode old-object new-object status NUL path NUL`.
 * Deleted paths have nothing to lint; with --no-renames a rename is a deletion plus an addition.
 */
export function parseRawDiff(output: string): StagedEntry[] {
  const fields = output.split('\0');
  const entries: StagedEntry[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const meta = fields[index];
    const path = fields[index + 1];
    const match = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(meta);
    if (!match) break;
    const [, , mode, , object, status] = match;
    if (status === 'D' || status === 'U' || !path) continue;
    entries.push({ path, mode, object });
  }
  return entries;
}

/** Reads blobs with one `git cat-file --batch` (not one process per file). */
function readBlobs(cwd: string, objects: readonly string[], env: NodeJS.ProcessEnv | undefined, maxBuffer?: number): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (!objects.length) return blobs;
  const output = git(cwd, ['cat-file', '--batch'], env, `${objects.join('\n')}\n`, maxBuffer);
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd === -1) break;
    const [object, type, size] = output.subarray(offset, headerEnd).toString('latin1').split(' ');
    offset = headerEnd + 1;
    if (type === undefined || type === 'missing') continue;
    const length = Number(size);
    blobs.set(object, output.subarray(offset, offset + length));
    offset += length + 1; // the content is followed by a newline
  }
  return blobs;
}

/** Sizes with `git cat-file --batch-check`, so a huge staged blob is never read into memory. */
function blobSizes(cwd: string, objects: readonly string[], env: NodeJS.ProcessEnv | undefined): Map<string, number> {
  const sizes = new Map<string, number>();
  if (!objects.length) return sizes;
  const output = git(cwd, ['cat-file', '--batch-check'], env, `${objects.join('\n')}\n`).toString('latin1');
  for (const line of output.split('\n')) {
    const [object, type, size] = line.split(' ');
    if (type === 'blob') sizes.set(object, Number(size));
  }
  return sizes;
}

// Environment and configuration that change how git finds the repository or its work tree: with any of them, ask git.
const DISCOVERY_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT'];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The cwd's path from the top of the work tree (git's `--show-prefix`, without its trailing slash), found without
 * running git (each git process costs ~10 ms): the nearest ancestor with a `.git`. Undefined whenever git might see it
 * otherwise (GIT_DIR and friends, a bare repository or a git directory on the way, the cwd inside `.git`, a
 * `core.worktree` or `core.bare` setting): then `git rev-parse` decides, as it always did.
 */
export function discoverPrefix(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (DISCOVERY_ENV.some((name) => env[name] !== undefined)) return undefined;
  let start: string;
  try {
    start = realpathSync(cwd);
  } catch {
    return undefined;
  }
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (exists(dotGit)) {
      if (!isFile(dotGit)) {
        try {
          const config = readFileSync(join(dotGit, 'config'), 'utf8');
          // `bare = false` is in every repository's config; anything else about bare or worktree is left to git.
          if (/^\s*worktree\b/im.test(config) || /^\s*bare\b(?!\s*=\s*false\s*$)/im.test(config)) return undefined;
        } catch {
          return undefined;
        }
      }
      const prefix = relative(dir, start).split(sep).join('/');
      if (prefix === '.git' || prefix.startsWith('.git/')) return undefined;
      return prefix;
    }
    // A directory that is itself a git directory (a bare repository, or the cwd inside one).
    if (isFile(join(dir, 'HEAD')) && exists(join(dir, 'objects'))) return undefined;
    if (dirname(dir) === dir) return undefined;
  }
}

export function collectStaged(options: StagedOptions): StagedResult {
  const result: StagedResult = { files: [], problems: [], errors: [] };
  const env = options.env ?? process.env;
  let prefix: string;
  let entries: StagedEntry[];
  try {
    const discovered = discoverPrefix(options.cwd, env);
    if (discovered !== undefined) prefix = discovered;
    else {
      const [inside, cwdPrefix = ''] = git(options.cwd, ['rev-parse', '--is-inside-work-tree', '--show-prefix'], env).toString('utf8').split('\n');
      if (inside !== 'true') throw new GitError('not inside a Git work tree');
      prefix = cwdPrefix.replace(/\/$/, '');
    }
    // Run from the cwd so pathspecs are relative to it; git prints paths from the top of the work tree.
    const pathspecs = options.pathspecs?.length ? ['--', ...options.pathspecs] : [];
    const raw = git(options.cwd, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', ...pathspecs], env);
    entries = parseRawDiff(raw.toString('utf8'));
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    result.errors.push(error.message.startsWith('--staged') ? error.message : `--staged needs a Git repository: ${error.message}`);
    return result;
  }

  const wanted: Array<StagedEntry & { file: string }> = [];
  for (const entry of entries) {
    // Symlinks (120000) and submodules (160000) have no manifest content of their own.
    if (!REGULAR_FILE_MODES.has(entry.mode) || !isManifestFile(entry.path)) continue;
    const file = prefix ? posix.relative(prefix, entry.path) : entry.path;
    if (options.isIgnored?.(resolve(options.cwd, file))) continue;
    wanted.push({ ...entry, file });
  }

  try {
    const objects = [...new Set(wanted.map((entry) => entry.object))];
    let sizes: Map<string, number>;
    let blobs: Map<string, Buffer>;
    try {
      // One git process: every staged blob at once, sizes from the --batch headers. The buffer holds each blob up to the
      // size limit, so a larger one stops this read and the sizes are checked first instead (never read into memory).
      const headroom = objects.length * (options.limits.maxFileSize + 128) + 4096;
      blobs = readBlobs(options.cwd, objects, env, Math.min(headroom, MAX_BUFFER - 1));
      sizes = new Map([...blobs].map(([object, bytes]) => [object, bytes.length]));
    } catch (error) {
      if (!(error instanceof OutputTooLarge)) throw error;
      sizes = blobSizes(options.cwd, objects, env);
      const small = wanted.filter((entry) => (sizes.get(entry.object) ?? 0) <= options.limits.maxFileSize);
      blobs = readBlobs(options.cwd, [...new Set(small.map((entry) => entry.object))], env);
    }
    for (const entry of wanted) {
      const size = sizes.get(entry.object);
      const bytes = blobs.get(entry.object);
      if (size !== undefined && size > options.limits.maxFileSize) {
        result.problems.push(parseErrorFinding({ file: entry.file }, `file is ${size} bytes, over the limit of ${options.limits.maxFileSize} (maxFileSize)`));
      } else if (!bytes) {
        result.problems.push(parseErrorFinding({ file: entry.file }, 'cannot read the staged content'));
      } else {
        const parsed = parseBytes(entry.file, bytes, options.limits);
        if ('ruleId' in parsed) result.problems.push(parsed);
        else result.files.push(parsed);
      }
    }
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    result.errors.push(`--staged cannot read the staged content: ${error.message}`);
  }
  return result;
}
