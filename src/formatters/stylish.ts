// The default human format: findings grouped per file, a one-line code frame with a caret, a summary.
import { palette } from './colors';
import type { Finding, Formatter } from './types';

const SEVERITY_WIDTH = 7;

function codeFrame(source: string | undefined, finding: Finding): string[] {
  if (source === undefined) return [];
  const lines = source.split('\n');
  const text = lines[finding.line - 1];
  if (text === undefined) return [];
  const line = text.replace(/\r$/, '').replace(/\t/g, ' ');
  const width = finding.endLine === finding.line ? Math.max(1, finding.endColumn - finding.column) : Math.max(1, line.length - finding.column + 1);
  const gutter = String(finding.line);
  return [`${gutter} | ${line.length > 160 ? line.slice(0, 160) + '…' : line}`, `${' '.repeat(gutter.length)} | ${' '.repeat(finding.column - 1)}${'^'.repeat(Math.min(width, 160))}`];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const stylish: Formatter = (result, context) => {
  const paint = palette(context.color);
  const out: string[] = [];
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
      const position = `${finding.line}:${finding.column}`.padEnd(8);
      const origin = finding.origin ? paint.dim(`  (${finding.origin.file}${finding.origin.line ? `:${finding.origin.line}:${finding.origin.column ?? 1}` : ''} via ${finding.origin.via})`) : '';
      out.push(`  ${position} ${severity}  ${finding.message}  ${paint.dim(finding.ruleId)}${origin}`);
      for (const frameLine of codeFrame(result.sources.get(finding.file), finding)) out.push(paint.dim(`           ${frameLine}`));
    }
    out.push('');
  }
  const { errors, warnings, infos, suppressed, baselined, files, objects } = result.summary;
  const problems = errors + warnings + infos;
  const counts = `(${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`;
  const scope = `${plural(files, 'file')}, ${plural(objects, 'object')} checked${suppressed ? `, ${suppressed} suppressed` : ''}${baselined ? `, ${baselined} baselined` : ''}`;
  if (problems) {
    const mark = errors ? paint.red('✖') : paint.yellow('⚠');
    out.push(paint.bold(`${mark} ${plural(problems, 'problem')} ${counts}; ${scope}`));
  } else {
    out.push(`✔ no problems; ${scope}`);
  }
  return out.join('\n') + '\n';
};
