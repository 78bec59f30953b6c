// `--staged`: the staged content of staged manifest files, read from the Git index (not the working tree), so a
// half-staged file is judged as it will be committed. Only the staged paths are touched; the repository is never walked.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Finding } from '../engine/types';
import { parseErrorFinding } from '../engine/linter';
import { displayPath, parseBytes } from './collect';
import { isManifestFile } from './walker';
import type { LoadLimits, ParsedFile } from './yaml-loader';

export interface StagedOptions {
  cwd: string;
  limits: LoadLimits;
  isIgnored?: (file: string) => boolean;
}

export interface StagedResult {
  files: ParsedFile[];
  problems: Finding[];
  errors: string[];
}

function git(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd, maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function collectStaged(options: StagedOptions): StagedResult {
  const result: StagedResult = { files: [], problems: [], errors: [] };
  let root: string;
  let entries: string[];
  try {
    root = git(options.cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
    // Added, copied, modified, renamed, type-changed: deleted files have nothing to lint. -z keeps odd names intact.
    entries = git(root, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMRT', '--no-renames'])
      .toString('utf8')
      .split('\0')
      .filter(Boolean);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim();
    result.errors.push(`--staged needs a Git repository: ${stderr || (error as Error).message}`);
    return result;
  }
  for (const entry of entries) {
    if (!isManifestFile(entry)) continue;
    const absolute = resolve(root, entry);
    if (options.isIgnored?.(absolute)) continue;
    const file = displayPath(options.cwd, absolute);
    let bytes: Buffer;
    try {
      bytes = git(root, ['cat-file', 'blob', `:${entry}`]);
    } catch (error) {
      result.problems.push(parseErrorFinding({ file }, `cannot read the staged content: ${(error as Error).message.split('\n')[0]}`));
      continue;
    }
    const parsed = parseBytes(file, bytes, options.limits);
    if ('ruleId' in parsed) result.problems.push(parsed);
    else result.files.push(parsed);
  }
  return result;
}
