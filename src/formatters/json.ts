// The JSON result, exactly as RULES.md fixes it (version 1).
import type { Formatter } from './types';

export const json: Formatter = (result) => {
  const results = result.findings.map((finding) => {
    const entry: Record<string, unknown> = {
      file: finding.file,
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
    };
    if (finding.object) entry.object = finding.object;
    if (finding.path !== undefined) entry.path = finding.path;
    if (finding.origin) entry.origin = finding.origin;
    if (finding.fixNotApplied) entry.fix = { applied: false, reason: finding.fixNotApplied };
    if (finding.constraint) entry.constraint = finding.constraint;
    return entry;
  });
  return JSON.stringify({ version: 1, results, summary: result.summary }, null, 2) + '\n';
};
