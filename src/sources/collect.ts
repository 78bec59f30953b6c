// Turns the command-line inputs into parsed files: plain manifests now; builds (Kustomize, Helm) plug in here.
import { relative, sep } from 'node:path';
import type { Finding } from '../engine/types';
import { parseErrorFinding } from '../engine/linter';
import { readManifest, decodeManifest } from './read-file';
import { walk } from './walker';
import { DEFAULT_LIMITS, parseManifest, type LoadLimits, type ParsedFile } from './yaml-loader';

export interface CollectOptions {
  cwd: string;
  limits: LoadLimits;
  isIgnored?: (file: string) => boolean;
}

export interface Collected {
  files: ParsedFile[];
  /** Findings for inputs that could not be read (unreadable files and directories). */
  problems: Finding[];
  /** Fatal problems that make the run exit 2 (missing paths, tools that could not run), one line each. */
  errors: string[];
  /** Milliseconds spent in external tools. */
  toolTimeMs: number;
}

/** Paths in results: relative to the working directory, with `/` separators. */
export function displayPath(cwd: string, file: string): string {
  const path = relative(cwd, file);
  return (path.startsWith('..') ? file : path).split(sep).join('/');
}

export function parseText(file: string, text: string, limits: LoadLimits = DEFAULT_LIMITS): ParsedFile {
  return parseManifest(file, text, limits);
}

export function parseBytes(file: string, bytes: Uint8Array, limits: LoadLimits): ParsedFile | Finding {
  const outcome = decodeManifest(bytes, limits.maxFileSize);
  if ('problem' in outcome) return parseErrorFinding({ file }, outcome.problem);
  return parseManifest(file, outcome.text, limits);
}

export function collectPaths(paths: readonly string[], options: CollectOptions): Collected {
  const collected: Collected = { files: [], problems: [], errors: [], toolTimeMs: 0 };
  const walked = walk(paths.length ? paths : ['.'], { cwd: options.cwd, isIgnored: options.isIgnored });
  for (const missing of walked.unmatched) collected.errors.push(`no such file, directory or matching glob: ${missing}`);
  for (const problem of walked.problems) collected.problems.push(parseErrorFinding({ file: displayPath(options.cwd, problem.file) }, problem.message));
  for (const absolute of walked.files) {
    const file = displayPath(options.cwd, absolute);
    const outcome = readManifest(absolute, options.limits.maxFileSize);
    if ('problem' in outcome) collected.problems.push(parseErrorFinding({ file }, outcome.problem));
    else collected.files.push(parseManifest(file, outcome.text, options.limits));
  }
  return collected;
}
