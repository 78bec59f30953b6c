// Expands the command-line paths into manifest files: files, directories (recursive: in a Git work tree what Git
// tracks or would add, elsewhere honouring .gitignore; default skips in walk-set.ts) and globs.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { GitFileSet, SkipCategory, WalkSkips } from './walk-set';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export interface WalkProblem {
  file: string;
  message: string;
}

export interface WalkResult {
  /** Absolute paths, in a stable order, without duplicates. */
  files: string[];
  /** Directories that hold a kustomization or a Helm chart, found while walking (absolute). */
  problems: WalkProblem[];
  /** Paths the user named that match nothing. */
  unmatched: string[];
  /** Paths the user named that the config's `ignores` exclude (reported, so a skip is never silent). */
  ignored: string[];
  /** Files named on the command line (not found by a walk or a glob): always reported, whatever they hold. */
  named: Set<string>;
  /** Paths a walk left out by default (walk.skip), with the category. */
  skipped: Array<{ path: string; category: SkipCategory }>;
}

interface IgnoreRule {
  base: string;
  glob: string;
  negated: boolean;
  directoryOnly: boolean;
}

/** A .gitignore reader: enough of gitignore(5) for manifests (negation, anchoring, directory-only, globs). */
export class GitIgnore {
  private readonly rulesByDir = new Map<string, IgnoreRule[]>();
  private micromatch?: typeof import('micromatch');

  constructor(private readonly root: string | undefined) {}

  private rulesFor(dir: string): IgnoreRule[] {
    let rules = this.rulesByDir.get(dir);
    if (rules) return rules;
    rules = [];
    const file = join(dir, '.gitignore');
    if (existsSync(file)) {
      for (let line of readFileSync(file, 'utf8').split(/\r?\n/)) {
        if (!line.trim() || line.startsWith('#')) continue;
        line = line.replace(/(?<!\\)\s+$/, '');
        const negated = line.startsWith('!');
        if (negated) line = line.slice(1);
        const directoryOnly = line.endsWith('/');
        if (directoryOnly) line = line.slice(0, -1);
        const anchored = line.includes('/');
        line = line.replace(/^\//, '');
        rules.push({ base: dir, glob: anchored ? line : `**/${line}`, negated, directoryOnly });
      }
    }
    this.rulesByDir.set(dir, rules);
    return rules;
  }

  /** True when git would ignore `path` (absolute); parents are assumed not ignored (the walker stops at them). */
  ignores(path: string, isDirectory: boolean): boolean {
    if (!this.root || !path.startsWith(this.root)) return false;
    const dirs: string[] = [];
    for (let dir = dirname(path); dir.startsWith(this.root); dir = dirname(dir)) {
      dirs.unshift(dir);
      if (dir === this.root) break;
    }
    let ignored = false;
    for (const dir of dirs) {
      const rules = this.rulesFor(dir);
      if (!rules.length) continue;
      this.micromatch ??= require('micromatch') as typeof import('micromatch');
      const relativePath = relative(dir, path).split(sep).join('/');
      for (const rule of rules) {
        if (rule.directoryOnly && !isDirectory) continue;
        if (this.micromatch.isMatch(relativePath, rule.glob, { dot: true })) ignored = !rule.negated;
      }
    }
    return ignored;
  }
}

/** A file system error in words: "permission denied (EACCES)", "too many levels of symbolic links (ELOOP)". */
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', ELOOP: 'too many levels of symbolic links', ENOTDIR: 'not a directory', EMFILE: 'too many open files' };
  return code ? (words[code] ? `${words[code]} (${code})` : code) : (error as Error).message;
}

export function findGitRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path) && !existsSync(path);
}

export function isManifestFile(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

export interface WalkOptions {
  cwd: string;
  /** Called for every directory before it is entered; return false to lint it another way (Kustomize, Helm). */
  enterDirectory?: (dir: string) => boolean;
  isIgnored?: (file: string) => boolean;
  /** Default skips (vendor/, testdata/, test assertions...); none when absent. */
  skips?: WalkSkips;
  /** Paths linted even when a default skip matches them (walk.include); a directory when it may hold such paths. */
  isIncluded?: (path: string, isDirectory: boolean) => boolean;
  /** List a Git work tree's files with git (default false: .gitignore is read). */
  git?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function walk(paths: readonly string[], options: WalkOptions): WalkResult {
  const result: WalkResult = { files: [], problems: [], unmatched: [], ignored: [], named: new Set(), skipped: [] };
  const seen = new Set<string>();
  const visitedDirs = new Set<string>();
  // Outside a Git repository the working directory's .gitignore files still apply.
  const gitignore = new GitIgnore(findGitRoot(options.cwd) ?? resolve(options.cwd));
  // One git process per work tree walked, only for directory walks (named files need none).
  const gitSets = new Map<string, GitFileSet | undefined>();
  const gitSetFor = (dir: string): GitFileSet | undefined => {
    if (!options.git) return undefined;
    const root = findGitRoot(dir);
    if (!root) return undefined;
    if (!gitSets.has(root)) gitSets.set(root, (require('./walk-set') as typeof import('./walk-set')).gitFileSet(root, options.env));
    return gitSets.get(root);
  };
  // A skipped directory that walk.include reaches into is entered for the included paths only ('included').
  const skipDirectory = (path: string, name: string): 'skip' | 'included' | undefined => {
    const category = options.skips && (require('./walk-set') as typeof import('./walk-set')).skippedDirectory(name, options.skips.categories);
    if (!category) return undefined;
    result.skipped.push({ path, category });
    return options.isIncluded?.(path, true) ? 'included' : 'skip';
  };
  const skipFile = (path: string): boolean => {
    const category = options.skips?.file(path);
    if (!category || options.isIncluded?.(path, false)) return false;
    result.skipped.push({ path, category });
    return true;
  };
  const add = (file: string) => {
    if (seen.has(file) || options.isIgnored?.(file)) return;
    seen.add(file);
    result.files.push(file);
  };

  // `git`: null where .gitignore is read instead (outside Git, inside a nested repository or a linked directory).
  const walkDirectory = (dir: string, filter?: (file: string) => boolean, git: GitFileSet | null | 'detect' = 'detect', onlyIncluded = false) => {
    if (git === 'detect') {
      git = gitSetFor(dir) ?? null;
      // A directory named on the command line that Git ignores: its files are meant, read with .gitignore.
      if (git && !git.directories.has(dir) && !git.files.has(dir)) git = null;
    }
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      result.problems.push({ file: dir, message: `cannot read directory: ${describeFsError(error)}` });
      return;
    }
    if (visitedDirs.has(real)) return; // symlink loops and duplicates
    visitedDirs.add(real);
    if (options.enterDirectory && !options.enterDirectory(dir)) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ file: dir, message: `cannot read directory: ${describeFsError(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stats = statSync(path);
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
        } catch {
          continue; // a dangling link is not a manifest
        }
      }
      if (isDirectory) {
        if (ALWAYS_SKIPPED.has(entry.name) || options.isIgnored?.(path)) continue;
        if (git ? !git.directories.has(path) && !git.files.has(path) : gitignore.ignores(path, true)) continue;
        if (onlyIncluded && !options.isIncluded?.(path, true)) continue;
        const skip = skipDirectory(path, entry.name);
        if (skip === 'skip') continue;
        walkDirectory(path, filter, git && git.files.has(path) ? null : git, onlyIncluded || skip === 'included');
      } else if (isFile && isManifestFile(entry.name) && (git ? git.files.has(path) : !gitignore.ignores(path, false)) && (!filter || filter(path)) && (!onlyIncluded || options.isIncluded?.(path, false)) && !skipFile(path)) {
        add(path);
      }
    }
  };

  for (const input of paths) {
    const absolute = resolve(options.cwd, input);
    if (isGlob(input)) {
      const micromatch = require('micromatch') as typeof import('micromatch');
      const { base, glob } = micromatch.scan(input.split(sep).join('/'));
      const baseDir = resolve(options.cwd, base || '.');
      const before = result.files.length;
      if (existsSync(baseDir)) {
        walkDirectory(baseDir, (file) => micromatch.isMatch(relative(baseDir, file).split(sep).join('/'), glob, { dot: true }));
      }
      if (result.files.length === before) result.unmatched.push(input);
      continue;
    }
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') result.unmatched.push(input);
      else result.problems.push({ file: absolute, message: `cannot read: ${describeFsError(error)}` });
      continue;
    }
    if (options.isIgnored?.(absolute)) result.ignored.push(input);
    else if (stats.isDirectory()) walkDirectory(absolute);
    else {
      add(absolute); // a file named explicitly is linted whatever its extension
      result.named.add(absolute);
    }
  }
  return result;
}
