// Builds that could not run are findings, not exit code 2 (RULES.md, "Not a rule"): `build-error` when the
// repository's own files break a build, `build-skipped` when kubeguard did not run it (a tool missing, a remote entry
// an offline linter does not fetch). Like parse-error they are not catalogue rules; build-skipped can be raised to
// an error in the config (`rules: { build-skipped: error }`) to require every build in CI.
import type { Finding, NotBuilt, Severity } from '../engine/types';
import type { SourcePosition } from './origin';

export const BUILD_ERROR = 'build-error';
export const BUILD_SKIPPED = 'build-skipped';

/** Engine findings about builds whose severity the config may set: only raised, never switched off. */
export const BUILD_SEVERITY_IDS: ReadonlySet<string> = new Set([BUILD_SKIPPED]);

export function buildFinding(ruleId: typeof BUILD_ERROR | typeof BUILD_SKIPPED, file: string, message: string, position?: SourcePosition): Finding {
  const line = position?.line ?? 1;
  const column = position?.column ?? 1;
  return { file, line, column, endLine: line, endColumn: column + 1, ruleId, severity: ruleId === BUILD_ERROR ? 'error' : 'warning', message };
}

/** The root or chart that was not built, for the summary (JSON `summary.notBuilt`, SARIF notifications). */
export function notBuilt(path: string, tool: NotBuilt['tool'], finding: Finding, partial = false): NotBuilt {
  const status = partial ? 'partial' : finding.ruleId === BUILD_ERROR ? 'error' : 'skipped';
  return { path, tool, status, reason: finding.message, file: finding.file, line: finding.line };
}

/** Sets the configured severity of build-skipped findings (warning unless raised). */
export function applyBuildSeverity(findings: Finding[], severity: Severity | undefined): void {
  if (!severity) return;
  for (const finding of findings) if (finding.ruleId === BUILD_SKIPPED) finding.severity = severity;
}
