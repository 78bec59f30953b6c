// SARIF 2.1.0 as GitHub code scanning (and Azure DevOps' SARIF viewer) read it: the rules that fired with their
// help and default level, and one result per finding at the file a person edits, with fingerprints that survive
// edits elsewhere in the file.
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { objectReference } from '../engine/baseline';
import type { LintResult, RuleMeta, Severity } from '../engine/types';
import { bySourcePosition, sourceMessage, type SourcePosition } from './source-position';
import type { Finding, Formatter, FormatterContext } from './types';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const FINGERPRINT_KEY = 'kubeguard/v1';
const INFORMATION_URI = 'https://github.com/kubeguard/kubeguard';
const SOURCE_ROOT = '%SRCROOT%';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Categories about attack surface; GitHub files rules tagged `security` as security alerts. */
const SECURITY_CATEGORIES = new Set(['pss-baseline', 'pss-restricted', 'hardening', 'secrets', 'images', 'rbac', 'network', 'aks']);

/** GitHub's scale: 7.0-8.9 is "high". Error-level security rules are what a cluster admission policy would deny. */
const SECURITY_SEVERITY_OF_ERRORS = '8.0';

/** Findings the engine itself reports; they have no rule module. */
const ENGINE_RULES: Record<string, { severity: Severity; description: string }> = {
  'parse-error': { severity: 'error', description: 'The file could not be read or parsed as YAML, so it was not linted.' },
  'config-error': { severity: 'error', description: 'The kubeguard configuration is invalid.' },
  'build-error': { severity: 'error', description: 'A Kustomize root or Helm chart could not be built because of the repository\'s files; its local resources were linted as plain files.' },
  'build-skipped': { severity: 'warning', description: 'A build kubeguard did not run (a tool not installed, a remote resource not fetched offline); the local parts were linted.' },
  'invalid-suppression': { severity: 'warning', description: 'A kubeguard-disable comment is malformed, names an unknown rule or gives no reason.' },
  'unused-suppression': { severity: 'warning', description: 'A kubeguard-disable comment silences nothing.' },
};

/** `no-host-pid` → `NoHostPid`: SARIF's `name` is a readable identifier. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** A relative path as a URI reference: `/` separators, each segment percent-encoded (spaces, `#`, `%`...). */
export function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function referenceLine(reference: RuleMeta['references'][number]): { text: string; markdown: string } {
  const label = [reference.source, reference.id].filter(Boolean).join(' ');
  const text = reference.title ? `${label}: ${reference.title}` : label;
  return { text: reference.url ? `${text} (${reference.url})` : text, markdown: reference.url ? `[${text}](${reference.url})` : text };
}

function ruleDescriptor(id: string, meta: RuleMeta<any> | undefined, context: FormatterContext, severity: Severity) {
  if (!meta) {
    const engine = ENGINE_RULES[id];
    const description = engine?.description ?? `Reported by kubeguard as ${id}.`;
    return {
      id,
      name: pascalCase(id),
      shortDescription: { text: description },
      fullDescription: { text: description },
      help: { text: description, markdown: description },
      defaultConfiguration: { level: LEVELS[engine?.severity ?? severity] },
      properties: { tags: ['kubernetes', 'correctness'] },
    };
  }
  const helpUri = context.docsUrl(id);
  const references = meta.references.map(referenceLine);
  const helpText = [meta.description, '', meta.rationale];
  const helpMarkdown = [`**${meta.description}**`, '', meta.rationale];
  if (references.length) {
    helpText.push('', 'References:', ...references.map((reference) => `- ${reference.text}`));
    helpMarkdown.push('', '#### References', ...references.map((reference) => `- ${reference.markdown}`));
  }
  helpText.push('', `Documentation: ${helpUri}`);
  helpMarkdown.push('', `[Documentation of ${id}](${helpUri})`);
  const security = SECURITY_CATEGORIES.has(meta.category);
  const properties: Record<string, unknown> = { tags: [...new Set(['kubernetes', security ? 'security' : 'reliability', meta.category])] };
  if (security && meta.severity === 'error') properties['security-severity'] = SECURITY_SEVERITY_OF_ERRORS;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    helpUri,
    help: { text: helpText.join('\n'), markdown: helpMarkdown.join('\n') },
    defaultConfiguration: { level: LEVELS[meta.severity] },
    properties,
  };
}

/** Identity of a finding that does not mention lines: file, object, rule and path. */
function fingerprintBase(finding: Finding, position: SourcePosition): string {
  const digest = createHash('sha256').update(JSON.stringify([position.file, objectReference(finding.object) ?? '', finding.ruleId, finding.path ?? ''])).digest('hex');
  return digest.slice(0, 32);
}

/** SARIF wants base URIs to end with a slash. */
function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function region(position: SourcePosition) {
  // GitHub needs a start line; a finding known only by its source file (a Helm template) points at its start.
  const result: Record<string, number> = { startLine: position.line ?? 1 };
  if (position.column !== undefined) result.startColumn = position.column;
  if (position.endLine !== undefined) result.endLine = position.endLine;
  if (position.endColumn !== undefined) result.endColumn = position.endColumn;
  return result;
}

/** Every Kustomize root and Helm chart that was not built, and why, as notifications of the run. */
function notBuiltInvocation(notBuilt: NonNullable<LintResult['summary']['notBuilt']>) {
  return {
    executionSuccessful: true,
    toolExecutionNotifications: notBuilt.map((entry) => ({
      descriptor: { id: entry.status === 'error' ? 'build-error' : 'build-skipped' },
      level: entry.status === 'error' ? 'error' : entry.status === 'partial' ? 'note' : 'warning',
      message: { text: `${entry.tool === 'helm' ? 'Helm chart' : 'Kustomize root'} ${entry.path} ${entry.status === 'partial' ? 'built without its remote entries' : 'not built'}: ${entry.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifactUri(entry.file), region: { startLine: entry.line } } }],
      properties: { path: entry.path, tool: entry.tool },
    })),
  };
}

export const sarif: Formatter = (result, context) => {
  const ordered = bySourcePosition(result.findings);
  const ruleIds = [...new Set(ordered.map(({ finding }) => finding.ruleId))].sort();
  const rules = ruleIds.map((id) => {
    const severity = ordered.find(({ finding }) => finding.ruleId === id)!.finding.severity;
    return ruleDescriptor(id, context.rules.get(id), context, severity);
  });
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const occurrences = new Map<string, number>();
  const results = ordered.map(({ finding, position }) => {
    const base = fingerprintBase(finding, position);
    // Identical keys (the same problem twice in one object) still need distinct fingerprints, as GitHub's own
    // `hash:occurrence` form does.
    const occurrence = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, occurrence);
    const location: Record<string, unknown> = { physicalLocation: { artifactLocation: artifactUri(position.file), region: region(position) } };
    const object = objectReference(finding.object);
    if (object) location.logicalLocations = [{ name: finding.object!.name, fullyQualifiedName: object, kind: 'resource' }];
    const properties: Record<string, unknown> = {};
    if (finding.path) properties.path = finding.path;
    if (finding.origin) properties.rendered = { file: finding.file, line: finding.line, column: finding.column, via: finding.origin.via };
    const entry: Record<string, unknown> = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: LEVELS[finding.severity] ?? 'error',
      message: { text: sourceMessage(finding, position) },
      locations: [location],
      partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${occurrence}` },
    };
    if (Object.keys(properties).length) entry.properties = properties;
    return entry;
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeguard',
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        ...(result.summary.notBuilt?.length ? { invocations: [notBuiltInvocation(result.summary.notBuilt)] } : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
