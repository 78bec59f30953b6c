// The default human format: findings grouped per file, a one-line code frame with a caret, a summary.
import { palette } from './colors';
import { STYLISH_SUMMARY_MIN_FINDINGS, summaryTables, totalLine } from './summary';
import type { Finding, Formatter } from './types';

const SEVERITY_WIDTH = 7;

/** Line `line` (1-based) of the source, as `source.split('\n')[line - 1]`; the line starts are computed once per text. */
type LineOf = (source: string | undefined, line: number) => string | undefined;

function lineReader(): LineOf {
  const starts = new Map<string, number[]>();
  return (source, line) => {
    if (source === undefined || !Number.isInteger(line) || line < 1) return undefined;
    let lineStarts = starts.get(source);
    if (!lineStarts) {
      lineStarts = [0];
      for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) lineStarts.push(index + 1);
      // A lone CR is a line break in YAML too (old Mac line ends).
      if (source.includes('\r')) {
        lineStarts = [0];
        for (const match of source.matchAll(/\r\n?|\n/g)) lineStarts.push(match.index! + match[0].length);
      }
      starts.set(source, lineStarts);
    }
    if (line > lineStarts.length) return undefined;
    return source.slice(lineStarts[line - 1], line < lineStarts.length ? lineStarts[line] - 1 : source.length);
  };
}

function codeFrame(lineOf: LineOf, source: string | undefined, finding: Finding): string[] {
  const text = lineOf(source, finding.line);
  if (text === undefined) return [];
  const line = text.replace(/\r$/, '').replace(/\t/g, ' ');
  const width = finding.endLine === finding.line ? Math.max(1, finding.endColumn - finding.column) : Math.max(1, line.length - finding.column + 1);
  const gutter = String(finding.line);
  return [`${gutter} | ${line.length > 160 ? line.slice(0, 160) + '…' : line}`, `${' '.repeat(gutter.length)} | ${' '.repeat(finding.column - 1)}${'^'.repeat(Math.min(width, 160))}`];
}

/** An origin has no end column: underline the key or word that starts there. */
function sourceFrameTarget(lineOf: LineOf, line: number, column: number, source: string | undefined): Finding {
  const text = lineOf(source, line) ?? '';
  const word = /^("[^"]*"|'[^']*'|[^\s:,\]}]+)/.exec(text.slice(column - 1))?.[0] ?? ' ';
  return { file: '', line, column, endLine: line, endColumn: column + word.length, ruleId: '', severity: 'error', message: '' };
}

export const stylish: Formatter = (result, context) => {
  const paint = palette(context.color);
  const out: string[] = [];
  const lineOf = lineReader();
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(paint.underline(file));
    for (const finding of findings) {
      const severity =
        finding.severity === 'error' ? paint.red('error'.padEnd(SEVERITY_WIDTH)) : finding.severity === 'warning' ? paint.yellow('warning') : paint.blue('info'.padEnd(SEVERITY_WIDTH));
      // A built object (Helm, Kustomize): the source position a person edits first, the built position beside it.
      const origin = finding.origin;
      const position = origin ? `${origin.file}${origin.line ? `:${origin.line}:${origin.column ?? 1}` : ''}` : `${finding.line}:${finding.column}`.padEnd(8);
      const built = origin ? paint.dim(`  (built ${finding.line}:${finding.column}, via ${origin.via})`) : '';
      out.push(`  ${position} ${severity}  ${finding.message}  ${paint.dim(finding.ruleId)}${built}`);
      const originSource = origin?.line ? result.sources.get(origin.file) : undefined;
      const frame = origin?.line ? codeFrame(lineOf, originSource, sourceFrameTarget(lineOf, origin.line, origin.column ?? 1, originSource)) : [];
      for (const frameLine of frame.length ? frame : codeFrame(lineOf, result.sources.get(finding.file), finding)) out.push(paint.dim(`           ${frameLine}`));
    }
    out.push('');
  }
  // A long report ends with what to fix first: a reader cannot tally thousands of lines.
  if (result.findings.length >= STYLISH_SUMMARY_MIN_FINDINGS) out.push(...summaryTables(result, paint), '');
  out.push(totalLine(result, paint));
  return out.join('\n') + '\n';
};
