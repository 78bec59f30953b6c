// `--fix` and `--fix-dry-run`: applies the fixes the rules offer to the files they came from, verifies each fixed
// file (it parses, and only the fixed fields changed), writes it atomically (or only diffs it), then lints the
// fixed set again so the report shows what remains.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding, LintResult } from '../engine/types';
import { decodeManifest } from '../sources/read-file';
import { parseManifest, type LoadLimits, type ParsedFile } from '../sources/yaml-loader';
import { fixText, type FixRequest } from './apply';
import { unifiedDiff } from './diff';
import { replaceFileAtomic, type WriteHooks } from './write-file';

export interface FixRunOptions {
  cwd: string;
  limits: LoadLimits;
  /** Compute everything, write nothing. */
  dryRun: boolean;
  /** True for the file read from standard input: it is never written; its fixed text is returned instead. */
  isStdin(file: ParsedFile): boolean;
  /** Lints a set of parsed files as the first run did (same config, same extra findings). */
  lint(files: readonly ParsedFile[]): LintResult;
  writeHooks?: WriteHooks;
}

export interface FileFixOutcome {
  file: string;
  before: string;
  after: string;
  /** Findings whose fixes are all in effect. */
  fixed: number;
  written: boolean;
}

export interface FixRunResult {
  /** The findings that remain after the fixes (for a dry run: that would remain). */
  result: LintResult;
  files: FileFixOutcome[];
  /** Unified diff of every change (made, or for a dry run, proposed). */
  diff: string;
  /** The fixed text of standard input, when it was linted (unchanged when nothing applied). */
  stdinText?: string;
  /** One line each: fixes not applied and files left alone, with the reason. */
  notes: string[];
  /** Files that could not be written (exit 2); their originals are intact. */
  errors: string[];
}

const BOM = '\ufeff';

/** The document of `file` a finding points into (its position lies inside the document's range). */
function documentIndexOf(file: ParsedFile, finding: Finding): number | undefined {
  const lineStart = file.lineCounter.lineStarts[finding.line - 1];
  if (lineStart === undefined) return undefined;
  const offset = lineStart + finding.column - 1;
  const document = file.documents.find(({ document: yamlDocument }) => {
    const range = yamlDocument.range;
    return range && offset >= range[0] && offset <= range[2];
  });
  return document?.index;
}

function where(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}`;
}

function readBack(path: string, limits: LoadLimits): { text: string; bom: boolean } | undefined {
  try {
    const bytes = readFileSync(path);
    const outcome = decodeManifest(bytes, limits.maxFileSize);
    if ('problem' in outcome) return undefined;
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text: outcome.text.startsWith(BOM) ? outcome.text.slice(1) : outcome.text, bom };
  } catch {
    return undefined;
  }
}

export function runFixes(files: readonly ParsedFile[], initial: LintResult, options: FixRunOptions): FixRunResult {
  const run: FixRunResult = { result: initial, files: [], diff: '', notes: [], errors: [] };
  const byFile = new Map<string, Finding[]>();
  for (const finding of initial.findings) {
    if (!finding.fix?.length) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const fixedFiles = new Map<ParsedFile, ParsedFile>();
  const diffs: string[] = [];

  for (const parsed of files) {
    const stdin = options.isStdin(parsed);
    if (stdin) run.stdinText = parsed.text;
    const findings = byFile.get(parsed.file);
    if (!findings) continue;
    if (parsed.problems.length) {
      run.notes.push(`${parsed.file}: not fixed: the file has YAML errors.`);
      continue;
    }
    if (parsed.documents.some((document) => document.origin)) {
      run.notes.push(`${parsed.file}: not fixed: it is generated (Helm or Kustomize output); fix the source it comes from.`);
      continue;
    }

    // A plain file on disk must still hold what was linted: never write over a change made meanwhile, nor over a
    // file that was not read as it is (a build output named like a file).
    let original: { text: string; bom: boolean } | undefined;
    const absolute = resolve(options.cwd, parsed.file);
    if (!stdin) {
      original = readBack(absolute, options.limits);
      if (!original || original.text !== parsed.text) {
        run.notes.push(`${parsed.file}: not fixed: the file changed on disk since it was read.`);
        continue;
      }
    }

    const requests: FixRequest[] = [];
    const owners = new Map<FixRequest, Finding>();
    for (const finding of findings) {
      const documentIndex = documentIndexOf(parsed, finding);
      if (documentIndex === undefined) {
        run.notes.push(`${where(finding)}: ${finding.ruleId}: fix not applied: cannot tell which document it belongs to.`);
        continue;
      }
      for (const operation of finding.fix!) {
        const request: FixRequest = { documentIndex, path: operation.path, value: operation.value };
        requests.push(request);
        owners.set(request, finding);
      }
    }
    const outcome = fixText(parsed.text, requests, { json: /\.json$/i.test(parsed.file) });
    const failedFindings = new Set<Finding>();
    for (const failure of outcome.failed) {
      const finding = owners.get(failure.request)!;
      if (failedFindings.has(finding)) continue;
      failedFindings.add(finding);
      // Text that only go-yaml's leniency reads (see lenient-yaml.ts) is not edited: say why instead of "YAML errors".
      const lenient = failure.reason === 'the file has YAML errors' && (parsed.documents.some((document) => document.lenientAt !== undefined) || /\r(?!\n)/.test(parsed.text));
      const reason = lenient ? 'the file uses YAML that kubectl accepts but the fixer does not edit (lone CR line ends, or a quoted scalar continued at its parent key\'s indentation); fix it by hand' : failure.reason;
      run.notes.push(`${where(finding)}: ${finding.ruleId}: fix not applied: ${reason}.`);
    }
    if (outcome.text === parsed.text) continue;

    const reparsed = parseManifest(parsed.file, outcome.text, options.limits);
    if (reparsed.problems.length) {
      // fixText checks every pass, so this is a last line of defence: a file with a parse error is never written.
      run.notes.push(`${parsed.file}: not fixed: the fixed text does not load (${reparsed.problems[0].message}).`);
      continue;
    }
    const fileOutcome: FileFixOutcome = {
      file: parsed.file,
      before: parsed.text,
      after: outcome.text,
      fixed: findings.filter((finding) => !failedFindings.has(finding)).length,
      written: false,
    };
    if (stdin) {
      run.stdinText = outcome.text;
      diffs.push(unifiedDiff(parsed.file, parsed.text, outcome.text));
    } else {
      const bom = original!.bom ? BOM : '';
      diffs.push(unifiedDiff(parsed.file, bom + parsed.text, bom + outcome.text));
      if (!options.dryRun) {
        try {
          replaceFileAtomic(absolute, bom + outcome.text, options.writeHooks);
          fileOutcome.written = true;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          run.errors.push(`cannot write the fixes to ${parsed.file} (${code ?? (error as Error).message}); the file is unchanged.`);
          continue;
        }
      }
    }
    run.files.push(fileOutcome);
    fixedFiles.set(parsed, reparsed);
  }

  run.diff = diffs.join('');
  if (fixedFiles.size) run.result = options.lint(files.map((file) => fixedFiles.get(file) ?? file));
  return run;
}

/** "Fixed 3 problems in 2 files." (or what a dry run would fix), for standard error. */
export function fixSummary(run: FixRunResult, dryRun: boolean): string | undefined {
  const problems = run.files.reduce((total, file) => total + file.fixed, 0);
  if (!run.files.length) return undefined;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${dryRun ? 'Would fix' : 'Fixed'} ${plural(problems, 'problem')} in ${plural(run.files.length, 'file')}.`;
}

/**
 * Writes what fix mode prints besides the report: the diff (--fix-dry-run) or the fixed standard input (--fix) to
 * standard output, then the notes and a summary to standard error.
 */
export function writeFixOutput(run: FixRunResult, streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, mode: { dryRun: boolean; stdin: boolean }): void {
  if (mode.dryRun) {
    streams.stdout.write(run.diff);
  } else if (mode.stdin && run.stdinText !== undefined) {
    streams.stdout.write(run.stdinText);
  }
  for (const note of run.notes) streams.stderr.write(`kubeguard: ${note}\n`);
  for (const error of run.errors) streams.stderr.write(`kubeguard: ${error}\n`);
  const summary = fixSummary(run, mode.dryRun);
  if (summary) streams.stderr.write(`kubeguard: ${summary}\n`);
}

/** Where the lint report goes in fix mode: standard error when standard output carries a diff or fixed text. */
export function reportGoesToStderr(mode: { dryRun: boolean; stdin: boolean }): boolean {
  return mode.dryRun || mode.stdin;
}
