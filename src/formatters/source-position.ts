// Where a CI annotation or an editor should point: the file a person edits. A finding in a Helm or Kustomize build
// has an `origin` (the template or base file); the position in the rendered stream means nothing in a pull request.
import { objectReference } from '../engine/baseline';
import type { Finding } from './types';

export interface SourcePosition {
  file: string;
  /** Absent when only the source file is known (a Helm template): consumers that need a line use 1. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export function sourcePosition(finding: Finding): SourcePosition {
  const origin = finding.origin;
  if (!origin) return { file: finding.file, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
  if (origin.line === undefined) return { file: origin.file };
  const position: SourcePosition = { file: origin.file, line: origin.line, endLine: origin.line };
  if (origin.column !== undefined) {
    position.column = origin.column;
    // The origin locates the same key in the source file, so the key keeps its width there.
    if (finding.endLine === finding.line && finding.endColumn > finding.column) position.endColumn = origin.column + (finding.endColumn - finding.column);
  }
  return position;
}

/**
 * The message, plus the object and field when the position cannot show them: a Helm template's finding points at
 * the start of the template, so the reader needs to know which field of which object is meant.
 */
export function sourceMessage(finding: Finding, position: SourcePosition): string {
  if (position.line !== undefined) return finding.message;
  const where = [objectReference(finding.object), finding.path].filter((part) => part).join(' ');
  return where ? `${finding.message} (${where})` : finding.message;
}

/** Sorted by source file, then position, then rule id: the order a reader walks a pull request in. */
export function bySourcePosition(findings: readonly Finding[]): Array<{ finding: Finding; position: SourcePosition }> {
  return findings
    .map((finding) => ({ finding, position: sourcePosition(finding) }))
    .sort(
      (a, b) =>
        compare(a.position.file, b.position.file) ||
        (a.position.line ?? 0) - (b.position.line ?? 0) ||
        (a.position.column ?? 0) - (b.position.column ?? 0) ||
        compare(a.finding.ruleId, b.finding.ruleId),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
