// One notion of "a slot for a value, not a value", shared by every rule that judges literal values (the secrets rules,
// schema): a pipeline, chart or script fills these before the manifest reaches a cluster, so judging them as values
// gives findings nobody can act on.
import { isRecord } from '../../model/pod-spec';

// `$(VAR)` (Kubernetes), `${VAR}` / `${VAR:-1}` (envsubst, shell), `{{ .Values.x }}` (Helm, Go templates), `}}` of a
// split action, and `HELMSUBST_...` (tools that swap template actions for tokens before parsing a chart as YAML).
const TEMPLATE_TEXT = /\$\(|\$\{|\{\{|\}\}|HELMSUBST_/;
const SHELL_VARIABLE = /^\$[A-Za-z_][A-Za-z0-9_]*$/;
// `<password>`, `[your key]`, Azure Pipelines `#{Var}#`, `__Var__` replace tokens, Maven `@var@`, Windows `%VAR%`.
const BRACKETED = [/^<[^<>]+>$/, /^\[[^[\]]+\]$/, /^#\{[^}]+\}#?$/, /^__[A-Za-z0-9_.-]+__$/, /^@[A-Za-z0-9_.-]+@$/, /^%[A-Za-z0-9_]+%$/];
// Masks and redactions: `****`, `xxxxxxxx`, `•••`, `REDACTED`; never a lone `*` (an RBAC or glob wildcard).
const MASK = /^(?:[*\u2022]{3,}|[xX]{6,}|\.{3,}|redacted)$/i;
// Prose standing in for a value: `...base64 encoded data...`, `…`.
const ELLIPSIS_PROSE = /^(?:\.{3}|\u2026).*(?:\.{3}|\u2026)$|^(?:\.{3}|\u2026)$/s;
// `CHANGEME00000000`, `REPLACEME-xxxx`: a marker word padded to a required length, which an operator replaces.
const PADDED_MARKER = /^(?:change[-_]?me|replace[-_]?me|fill[-_]?me|set[-_]?me)[-_]?(?:0{2,}|x{2,})$/i;

/** True for text that is a slot for a value (a template action, a variable, a replace token, a mask, a marker). */
export function isPlaceholderText(value: string): boolean {
  const text = value.trim();
  if (TEMPLATE_TEXT.test(text) || SHELL_VARIABLE.test(text)) return true;
  if (BRACKETED.some((pattern) => pattern.test(text))) return true;
  return MASK.test(text) || ELLIPSIS_PROSE.test(text) || PADDED_MARKER.test(text);
}

/**
 * True for a YAML map that is an unquoted template action: YAML 1.2 reads `token: {{HF_TOKEN}}` or
 * `pullPolicy: {{ .Values.pullPolicy }}` as a flow mapping whose only key is the mapping `{ HF_TOKEN }` (stringified
 * as "{ HF_TOKEN }") with no value.
 */
export function isTemplateMapping(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && isTemplateKey(keys[0]) && (value[keys[0]] === null || value[keys[0]] === undefined);
}

/** A map key that is a template action read as a flow mapping (`{ .Values.x }`) or that holds one. */
export function isTemplateKey(key: string): boolean {
  return /^\{.*\}$/s.test(key.trim()) || TEMPLATE_TEXT.test(key);
}

/** True for any manifest value that is a placeholder: placeholder text, or a template action read as a mapping. */
export function isPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return isPlaceholderText(value);
  return isTemplateMapping(value);
}
