// One finding per line, `file:line:col: severity message [rule-id]`: for editors (a problem matcher), grep and
// terminals that want no grouping. Findings from Helm or Kustomize builds point at their source file.
import { bySourcePosition, sourceMessage } from './source-position';
import type { Formatter } from './types';

/**
 * A line never breaks: a problem matcher reads one finding per line. Other control characters (an escape sequence
 * smuggled into a container name) would drive the terminal, so they become U+FFFD.
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const compact: Formatter = (result) => {
  const lines = bySourcePosition(result.findings).map(({ finding, position }) => {
    const message = oneLine(sourceMessage(finding, position));
    return `${position.file}:${position.line ?? 1}:${position.column ?? 1}: ${finding.severity} ${message} [${finding.ruleId}]`;
  });
  if (!lines.length) return '';
  const count = (severity: string) => result.findings.filter((finding) => finding.severity === severity).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  lines.push('', `${plural(result.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`);
  return lines.join('\n') + '\n';
};
