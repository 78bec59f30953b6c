// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff, at the file a
// person edits (the Helm template or Kustomize base for built objects). Escaping follows @actions/core.
import { bySourcePosition, sourceMessage } from './source-position';
import type { Formatter } from './types';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escapes a command's message (`%`, CR, LF), as @actions/core's escapeData. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: the message escapes plus `:` and `,`, as @actions/core's escapeProperty. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const github: Formatter = (result, context) => {
  const lines = bySourcePosition(result.findings).map(({ finding, position }) => {
    const properties = [`file=${escapeProperty(position.file)}`];
    if (position.line !== undefined) {
      properties.push(`line=${position.line}`);
      // GitHub rejects columns on an annotation that spans lines.
      const oneLine = position.endLine === undefined || position.endLine === position.line;
      if (oneLine && position.column !== undefined) properties.push(`col=${position.column}`);
      if (position.endLine !== undefined) properties.push(`endLine=${position.endLine}`);
      if (oneLine && position.column !== undefined && position.endColumn !== undefined) properties.push(`endColumn=${position.endColumn}`);
    }
    properties.push(`title=${escapeProperty(`${finding.ruleId} (kubeguard)`)}`);
    let message = sourceMessage(finding, position);
    if (context.rules.has(finding.ruleId)) message += `\nDocs: ${context.docsUrl(finding.ruleId)}`;
    return `::${COMMANDS[finding.severity] ?? 'error'} ${properties.join(',')}::${escapeData(message)}`;
  });
  if (!lines.length) return '';
  const count = (severity: string) => result.findings.filter((finding) => finding.severity === severity).length;
  const files = new Set(result.findings.map((finding) => finding.origin?.file ?? finding.file)).size;
  lines.push(`kubeguard: ${plural(result.findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}) in ${plural(files, 'file')}`);
  return lines.join('\n') + '\n';
};
