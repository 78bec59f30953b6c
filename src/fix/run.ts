// `--fix` and `--fix-dry-run`: applies the fixes the rules offer to the files they came from, verifies each fixed
// file (it parses, and only the fixed fields changed), writes it atomically (or only diffs it), then lints the
// fixed set again so the report shows what remains.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Finding, LintResult, Path } from '../engine/types';
import { severityCounts } from '../engine/linter';
import { displayFile } from '../sources/origin';
import { decodeManifest } from '../sources/read-file';
import { parseManifest, type LoadLimits, type ParsedFile } from '../sources/yaml-loader';
import { fixText, type FixRequest } from './apply';
import { unifiedDiff } from './diff';
import { findTemplateAction } from './template-actions';
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

/** Where a finding is, as a person edits it: the origin of a built object, else the file itself. */
function where(finding: Finding): string {
  const origin = finding.origin;
  if (origin?.line !== undefined) return `${origin.file}:${origin.line}:${origin.column ?? 1}`;
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

/** Identifies a finding across the lint before and after the fixes (lines move when a fix adds some). */
function findingKey(finding: Finding): string {
  const object = finding.object;
  return [finding.file, finding.ruleId, finding.path ?? '', object ? `${object.kind}/${object.namespace ?? ''}/${object.name}` : ''].join('|');
}

/** Fixes that go into one file on disk (or standard input), from its own findings or redirected from a build. */
interface FixJob {
  /** Path relative to the working directory, as results show it. */
  file: string;
  absolute: string;
  /** The linted file, when the target was linted as it is (plain files and standard input). */
  parsed?: ParsedFile;
  stdin: boolean;
  items: Array<{ finding: Finding; documentIndex?: number; documentOffset?: number; path: Path; value: unknown }>;
}

const USE_REASONS: Record<string, string> = {
  patch: 'it is a Kustomize patch: a field added there overrides the base in every build that uses it; fix the resource it patches',
  config: 'Kustomize reads it as configuration or generator input, not as an object',
  unlisted: 'it sits in a Kustomize directory whose kustomization does not list it, so it is not a complete object',
};

export function runFixes(files: readonly ParsedFile[], initial: LintResult, options: FixRunOptions): FixRunResult {
  const run: FixRunResult = { result: initial, files: [], diff: '', notes: [], errors: [] };
  const byFile = new Map<string, Finding[]>();
  for (const finding of initial.findings) {
    if (!finding.fix?.length) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const fixedFiles = new Map<ParsedFile, ParsedFile>();
  const diffs: string[] = [];
  // Why a finding's fix was not applied, for the JSON result and the report after the fixes.
  const refusals = new Map<string, string>();
  const refuse = (finding: Finding, reason: string) => {
    if (!refusals.has(findingKey(finding))) refusals.set(findingKey(finding), reason);
  };
  const refuseFile = (file: string, findings: readonly Finding[], reason: string) => {
    run.notes.push(`${file}: not fixed: ${reason}.`);
    for (const finding of findings) refuse(finding, reason);
  };

  // Plain files Kustomize uses as patches or inputs, or leaves unlisted, are not complete objects: never fixed.
  const plainWithFixes = files.filter((parsed) => byFile.has(parsed.file) && !options.isStdin(parsed) && !parsed.documents.some((document) => document.origin));
  const uses = plainWithFixes.length
    ? (require('../sources/kustomize') as typeof import('../sources/kustomize')).kustomizeUses(
        plainWithFixes.map((parsed) => resolve(options.cwd, parsed.file)),
        [...new Set(files.filter((parsed) => !parsed.documents.some((document) => document.origin)).map((parsed) => dirname(resolve(options.cwd, parsed.file))))],
        resolve(options.cwd),
      )
    : new Map<string, string>();

  const jobs = new Map<string, FixJob>();
  const jobFor = (absolute: string, file: string): FixJob => {
    let job = jobs.get(absolute);
    if (!job) jobs.set(absolute, (job = { file, absolute, stdin: false, items: [] }));
    return job;
  };

  for (const parsed of files) {
    const stdin = options.isStdin(parsed);
    if (stdin) run.stdinText = parsed.text;
    const findings = byFile.get(parsed.file);
    if (!findings) continue;
    if (parsed.problems.length) {
      refuseFile(parsed.file, findings, 'the file has YAML errors');
      continue;
    }
    const generated = parsed.documents.some((document) => document.origin);
    if (!generated) {
      const absolute = resolve(options.cwd, parsed.file);
      const use = stdin ? undefined : uses.get(absolute);
      if (use && use !== 'resource') {
        refuseFile(parsed.file, findings, USE_REASONS[use]);
        continue;
      }
      const job = jobFor(stdin ? `\0stdin:${parsed.file}` : absolute, parsed.file);
      job.parsed = parsed;
      job.stdin = stdin;
      for (const finding of findings) {
        const documentIndex = documentIndexOf(parsed, finding);
        if (documentIndex === undefined) {
          run.notes.push(`${where(finding)}: ${finding.ruleId}: fix not applied: cannot tell which document it belongs to.`);
          refuse(finding, 'cannot tell which document it belongs to');
          continue;
        }
        for (const operation of finding.fix!) job.items.push({ finding, documentIndex, path: operation.path, value: operation.value });
      }
      continue;
    }
    // Build output: a Kustomize object's fix goes into the resource file that defines it; Helm output is not fixed.
    for (const finding of findings) {
      const documentIndex = documentIndexOf(parsed, finding);
      const document = documentIndex === undefined ? undefined : parsed.documents[documentIndex];
      if (!document?.fixTarget) {
        const reason = 'it is generated (Helm output); fix the template it comes from';
        run.notes.push(`${where(finding)}: ${finding.ruleId}: fix not applied: ${reason}.`);
        refuse(finding, reason);
        continue;
      }
      const targets = finding.fix!.map((operation) => ({ operation, target: document.fixTarget!(operation.path) }));
      const refused = targets.find(({ target }) => 'refused' in target)?.target as { refused: string } | undefined;
      if (refused) {
        run.notes.push(`${where(finding)}: ${finding.ruleId}: fix not applied: ${refused.refused}.`);
        refuse(finding, refused.refused);
        continue;
      }
      for (const { operation, target } of targets) {
        const resolved = target as { file: string; documentOffset: number; path: Path };
        jobFor(resolved.file, displayFile(options.cwd, resolved.file)).items.push({ finding, documentOffset: resolved.documentOffset, path: resolved.path, value: operation.value });
      }
    }
  }

  const redirectedApplied = new Set<string>();
  for (const job of jobs.values()) {
    const findings = [...new Set(job.items.map((item) => item.finding))];
    if (!findings.length) continue;
    // A file on disk must still hold what was linted: never write over a change made meanwhile, nor over a file
    // that was not read as it is (a build output named like a file).
    let original: { text: string; bom: boolean } | undefined;
    if (!job.stdin) {
      original = readBack(job.absolute, options.limits);
      if (!original || (job.parsed && original.text !== job.parsed.text)) {
        refuseFile(job.file, findings, original ? 'the file changed on disk since it was read' : 'the file cannot be read');
        continue;
      }
    }
    const parsed = job.parsed ?? parseManifest(job.file, original!.text, options.limits);
    if (parsed.problems.length) {
      refuseFile(job.file, findings, 'the file has YAML errors');
      continue;
    }
    const template = findTemplateAction(
      parsed.documents.map((document) => document.document),
      parsed.text,
    );
    if (template) {
      const line = parsed.lineCounter.linePos(template.offset).line;
      refuseFile(job.file, findings, `it holds template actions (${template.reason}: \`${template.text}\` at line ${line}), so it is a template for another tool`);
      continue;
    }

    const requests: FixRequest[] = [];
    const owners = new Map<FixRequest, Finding>();
    const unplaced = new Set<Finding>();
    for (const item of job.items) {
      const documentIndex = item.documentIndex ?? parsed.documents.find(({ document }) => document.range?.[0] === item.documentOffset)?.index;
      if (documentIndex === undefined) {
        unplaced.add(item.finding);
        continue;
      }
      const request: FixRequest = { documentIndex, path: item.path, value: item.value };
      requests.push(request);
      owners.set(request, item.finding);
    }
    const failedFindings = new Set<Finding>();
    for (const finding of unplaced) {
      failedFindings.add(finding);
      run.notes.push(`${where(finding)}: ${finding.ruleId}: fix not applied: cannot find its document in ${job.file}.`);
      refuse(finding, `cannot find its document in ${job.file}`);
    }
    const outcome = fixText(parsed.text, requests, { json: /\.json$/i.test(job.file) });
    for (const failure of outcome.failed) {
      const finding = owners.get(failure.request)!;
      if (failedFindings.has(finding)) continue;
      failedFindings.add(finding);
      // Text that only go-yaml's leniency reads (see lenient-yaml.ts) is not edited: say why instead of "YAML errors".
      const lenient = failure.reason === 'the file has YAML errors' && (parsed.documents.some((document) => document.lenientAt !== undefined) || /\r(?!\n)/.test(parsed.text));
      const reason = lenient ? 'the file uses YAML that kubectl accepts but the fixer does not edit (lone CR line ends, or a quoted scalar continued at its parent key\'s indentation); fix it by hand' : failure.reason;
      run.notes.push(`${where(finding)}: ${finding.ruleId}: fix not applied: ${reason}.`);
      refuse(finding, reason);
    }
    if (outcome.text === parsed.text) continue;

    const reparsed = parseManifest(job.file, outcome.text, options.limits);
    if (reparsed.problems.length) {
      // fixText checks every pass, so this is a last line of defence: a file with a parse error is never written.
      refuseFile(job.file, findings, `the fixed text does not load (${reparsed.problems[0].message})`);
      continue;
    }
    const fileOutcome: FileFixOutcome = {
      file: job.file,
      before: parsed.text,
      after: outcome.text,
      fixed: findings.filter((finding) => !failedFindings.has(finding)).length,
      written: false,
    };
    if (job.stdin) {
      run.stdinText = outcome.text;
      diffs.push(unifiedDiff(job.file, parsed.text, outcome.text));
    } else {
      const bom = original!.bom ? BOM : '';
      diffs.push(unifiedDiff(job.file, bom + parsed.text, bom + outcome.text));
      if (!options.dryRun) {
        try {
          replaceFileAtomic(job.absolute, bom + outcome.text, options.writeHooks);
          fileOutcome.written = true;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          run.errors.push(`cannot write the fixes to ${job.file} (${code ?? (error as Error).message}); the file is unchanged.`);
          continue;
        }
      }
    }
    run.files.push(fileOutcome);
    if (job.parsed) fixedFiles.set(job.parsed, reparsed);
    for (const finding of findings) if (!failedFindings.has(finding) && finding.file !== job.file) redirectedApplied.add(findingKey(finding));
  }

  run.diff = diffs.join('');
  if (fixedFiles.size || redirectedApplied.size) run.result = options.lint(files.map((file) => fixedFiles.get(file) ?? file));
  // Builds are not run again: a finding of a built object whose fix went into its resource file is gone.
  const findings = run.result.findings
    .filter((finding) => !redirectedApplied.has(findingKey(finding)))
    .map((finding) => {
      const reason = refusals.get(findingKey(finding));
      return reason ? { ...finding, fixNotApplied: reason } : finding;
    });
  if (redirectedApplied.size || refusals.size) run.result = { ...run.result, findings, summary: { ...run.result.summary, ...severityCounts(findings) } };
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
