// JUnit XML for CI test reports (Azure Pipelines PublishTestResults, GitLab, Jenkins): one testcase per file, one
// failure per finding; a file without findings is a passing testcase. Findings from builds are filed under their
// source file (the Helm template or Kustomize base).
import { objectReference } from '../engine/baseline';
import { bySourcePosition, sourceMessage, type SourcePosition } from './source-position';
import type { Finding, Formatter } from './types';

// XML 1.0 allows TAB, LF, CR and these ranges; anything else (other control characters, lone surrogates, U+FFFE,
// U+FFFF) cannot appear even as a character reference, so it becomes U+FFFD.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for XML content and attribute values; line breaks and tabs survive in attributes too. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}

/** Element text keeps its line breaks as they are; only markup characters and invalid characters are escaped. */
function escapeText(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function failureText(finding: Finding, position: SourcePosition, docs: string | undefined): string {
  const lines = [`${position.file}:${position.line ?? 1}:${position.column ?? 1}: ${finding.severity} ${sourceMessage(finding, position)} [${finding.ruleId}]`];
  const object = objectReference(finding.object);
  if (object) lines.push(`Object: ${object}`);
  if (finding.path) lines.push(`Path: ${finding.path}`);
  if (finding.origin) lines.push(`Rendered: ${finding.file}:${finding.line}:${finding.column} (${finding.origin.via})`);
  if (docs) lines.push(`Docs: ${docs}`);
  return lines.join('\n');
}

export const junit: Formatter = (result, context) => {
  const byFile = new Map<string, string[]>();
  for (const { finding, position } of bySourcePosition(result.findings)) {
    const docs = context.rules.has(finding.ruleId) ? context.docsUrl(finding.ruleId) : undefined;
    const failure = `      <failure message="${escapeXml(sourceMessage(finding, position))}" type="${escapeXml(finding.ruleId)}">${escapeText(failureText(finding, position, docs))}</failure>`;
    const list = byFile.get(position.file) ?? [];
    list.push(failure);
    byFile.set(position.file, list);
  }
  // Files that were linted and produced nothing pass; a file whose findings all went to their sources is not one.
  const rendered = new Set(result.findings.map((finding) => finding.file));
  for (const file of result.sources.keys()) if (!byFile.has(file) && !rendered.has(file)) byFile.set(file, []);
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const failed = files.filter((file) => byFile.get(file)!.length > 0).length;
  const counts = `tests="${files.length}" failures="${failed}" errors="0" skipped="0"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="kubeguard" ${counts}>`, `  <testsuite name="kubeguard" ${counts}>`];
  for (const file of files) {
    const failures = byFile.get(file)!;
    const testcase = `    <testcase name="${escapeXml(file)}" classname="kubeguard"`;
    if (!failures.length) out.push(`${testcase}/>`);
    else out.push(`${testcase}>`, ...failures, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
};
