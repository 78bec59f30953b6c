// What a directory walk covers: in a Git work tree, what Git tracks plus untracked files it does not ignore (one
// `git ls-files` for the walk); and what it leaves out by default, like node_modules: vendored code, Go test data,
// a chart's files/, editor settings (JSONC), release-tool templates and test assertion files. A path named on the
// command line is always linted; the config's `walk` section changes the defaults.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** The default skips, by the name the config's `walk.skip` uses. */
export const SKIP_CATEGORIES = ['vendor', 'testdata', 'chart-files', 'editor-settings', 'release-templates', 'test-assertions'] as const;
export type SkipCategory = (typeof SKIP_CATEGORIES)[number];

const SKIPPED_DIRECTORIES: Record<string, SkipCategory> = {
  vendor: 'vendor',
  testdata: 'testdata',
  '.vscode': 'editor-settings',
  '.devcontainer': 'editor-settings',
};

const REASONS: Record<SkipCategory, string> = {
  vendor: 'vendored code (walk.skip: vendor)',
  testdata: 'Go test data (walk.skip: testdata)',
  'chart-files': "a Helm chart's files/, read by the chart's templates (walk.skip: chart-files)",
  'editor-settings': 'editor settings, JSON with comments (walk.skip: editor-settings)',
  'release-templates': 'a release tool template (goreleaser, krew) (walk.skip: release-templates)',
  'test-assertions': 'a test assertion, a partial object (kuttl, chainsaw) (walk.skip: test-assertions)',
};

export function skipReason(category: SkipCategory): string {
  return REASONS[category];
}

/** The skip category of a directory name, when it is skipped. */
export function skippedDirectory(name: string, skips: ReadonlySet<SkipCategory>): SkipCategory | undefined {
  const category = SKIPPED_DIRECTORIES[name];
  return category && skips.has(category) ? category : undefined;
}

const RELEASE_TEMPLATES = /^(?:\.krew|\.goreleaser|goreleaser)\.ya?ml$/i;
// kuttl: NN-assert.yaml and NN-errors.yaml hold the state a test expects, not objects to apply.
const KUTTL_ASSERTIONS = /-(?:assert|errors)\.ya?ml$/i;
const CHAINSAW_TESTS = ['chainsaw-test.yaml', 'chainsaw-test.yml', 'chainsaw-test.json'];

/** Files (absolute) that the chainsaw tests of a directory name under `assert:` or `error:` operations. */
function chainsawAssertions(dir: string): Set<string> {
  const files = new Set<string>();
  for (const name of CHAINSAW_TESTS) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    let documents: unknown[];
    try {
      const { parseAllDocuments } = require('yaml') as typeof import('yaml');
      documents = parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => ('toJS' in document ? [document.toJS()] : []));
    } catch {
      continue;
    }
    const stack: unknown[] = documents;
    while (stack.length) {
      const node = stack.pop();
      if (Array.isArray(node)) stack.push(...node);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          const file = (value as { file?: unknown } | null)?.file;
          if ((key === 'assert' || key === 'error') && typeof file === 'string') files.add(resolve(dir, file));
          else stack.push(value);
        }
      }
    }
  }
  return files;
}

export class WalkSkips {
  private readonly chainsaw = new Map<string, Set<string>>();

  constructor(readonly categories: ReadonlySet<SkipCategory>) {}

  /** The category of a file found by a walk that is skipped by default. */
  file(path: string): SkipCategory | undefined {
    const name = basename(path);
    if (this.categories.has('release-templates') && RELEASE_TEMPLATES.test(name)) return 'release-templates';
    if (this.categories.has('test-assertions')) {
      if (KUTTL_ASSERTIONS.test(name)) return 'test-assertions';
      const dir = dirname(path);
      let assertions = this.chainsaw.get(dir);
      if (!assertions) this.chainsaw.set(dir, (assertions = chainsawAssertions(dir)));
      if (assertions.has(path)) return 'test-assertions';
    }
    return undefined;
  }
}

/** Files of a work tree as Git sees it: tracked, or untracked and not ignored; directories that hold any of them. */
export interface GitFileSet {
  root: string;
  files: Set<string>;
  directories: Set<string>;
}

// Set inside a Git hook (`kubeguard .` from husky): they would point git at the hook's repository and index, not at the
// work tree being walked.
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_PREFIX'];

function repositoryEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env, GIT_OPTIONAL_LOCKS: '0' };
  for (const name of REPOSITORY_VARIABLES) delete clean[name];
  return clean;
}

/**
 * `git ls-files --cached --others --exclude-standard` for the work tree at `root`, or undefined when Git is missing or
 * refuses (the caller then reads .gitignore itself). The repository's own config cannot run a program here.
 */
export function gitFileSet(root: string, env: NodeJS.ProcessEnv = process.env): GitFileSet | undefined {
  let output: string;
  try {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    output = execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '-c', `safe.directory=${root}`, 'ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      env: repositoryEnv(env),
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1024 * 1024 * 1024,
      encoding: 'utf8',
    });
  } catch {
    return undefined;
  }
  const files = new Set<string>();
  const directories = new Set<string>([root]);
  for (const entry of output.split('\0')) {
    if (!entry) continue;
    const path = join(root, entry.replace(/\/$/, '').split('/').join(sep));
    files.add(path);
    for (let dir = dirname(path); dir.length > root.length && !directories.has(dir); dir = dirname(dir)) directories.add(dir);
  }
  return { root, files, directories };
}
