// --baseline FILE and --write-baseline FILE: reading, writing (atomically) and applying a baseline for the CLI.
// Files in a baseline are relative to the baseline's own directory, so the same baseline matches whichever
// directory kubeguard runs from.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import {
  applyBaseline,
  BaselineError,
  baselineSize,
  compareBaselines,
  createBaseline,
  parseBaseline,
  serializeBaseline,
  type Baseline,
  type FileMapper,
} from '../engine/baseline';
import type { LintResult } from '../engine/types';
import { writeOutput } from './output';

export { BaselineError };

/** Maps a result's file (relative to `cwd`) to its name in the baseline at `baselineFile`. */
export function baselineFileMapper(baselineFile: string, cwd: string): FileMapper {
  const directory = dirname(resolve(cwd, baselineFile));
  return (file) => {
    // Pseudo-files such as <stdin> have no place on disk.
    if (file.startsWith('<')) return file;
    return relative(directory, resolve(cwd, file)).split(sep).join('/');
  };
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

/** Reads and validates a baseline; a missing or invalid file is a BaselineError (the CLI exits 2). */
export function readBaselineFile(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${file}: ${reason(error)}`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    throw new BaselineError(`invalid baseline ${file}: ${(error as Error).message}`);
  }
}

export interface BaselineOptions {
  /** --baseline FILE, already read. */
  accept?: { file: string; baseline: Baseline };
  /** --write-baseline FILE. */
  write?: string;
}

/** Reads --baseline up front, so a bad file stops the run before any linting. */
export function baselineOptions(flags: Record<string, unknown>, cwd: string): BaselineOptions {
  const options: BaselineOptions = {};
  if (typeof flags['write-baseline'] === 'string') options.write = flags['write-baseline'];
  // --write-baseline records every current finding, so a --baseline given with it changes nothing.
  if (typeof flags.baseline === 'string' && !options.write) options.accept = { file: flags.baseline, baseline: readBaselineFile(flags.baseline, cwd) };
  return options;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Applies the baseline options to a result: with --write-baseline, records every current finding (the ones fixed
 * since the last write drop out) and then accepts them, so the report shows what the next run with --baseline will;
 * with --baseline, drops the accepted findings. Writing errors throw BaselineError.
 */
export function useBaseline(result: LintResult, options: BaselineOptions, cwd: string, log: (line: string) => void): LintResult {
  if (options.write) {
    const file = options.write;
    const mapper = baselineFileMapper(file, cwd);
    const baseline = createBaseline(result.findings, mapper);
    let previous: Baseline | undefined;
    try {
      previous = parseBaseline(readFileSync(resolve(cwd, file), 'utf8'));
    } catch {
      // No earlier baseline (or an unreadable one that is being replaced): nothing to compare with.
    }
    try {
      writeOutput(cwd, file, serializeBaseline(baseline));
    } catch (error) {
      throw new BaselineError(`cannot write baseline ${file}: ${reason(error)}`);
    }
    let change = '';
    if (previous) {
      const { added, removed } = compareBaselines(previous, baseline);
      change = ` (${added} new, ${removed} fixed or gone)`;
    }
    log(`wrote ${plural(baselineSize(baseline), 'finding')} to the baseline ${file}${change}`);
    return applyBaseline(result, baseline, mapper).result;
  }
  if (options.accept) return applyBaseline(result, options.accept.baseline, baselineFileMapper(options.accept.file, cwd)).result;
  return result;
}
