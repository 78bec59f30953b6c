// Finds credentials in literal values: by the value's format (a private key, a connection string with a key...)
// or by a credential-like name holding a literal. Shared by no-hardcoded-secret-env and secret-in-configmap.
// Callers must never print a value: they name the variable and the kind of credential, and mask() any snippet.
import {
  CREDENTIAL_PATTERNS,
  KEY_QUALIFIERS,
  METADATA_WORDS,
  SECRET_WORD_SUFFIXES,
  SECRET_WORDS,
  SECRET_WORDS_NOT_ALONE,
} from '../../model/reference/credential-patterns';
import { isPlaceholderText } from './placeholder';

export { isPlaceholderText as isPlaceholder } from './placeholder';

export interface CredentialMatch {
  /** CredentialPattern id, e.g. `azure-storage-connection-string`. */
  id: string;
  description: string;
  /** Offset of the match in the scanned value. */
  index: number;
}

const secretWords = new Set(SECRET_WORDS);
const secretWordsNotAlone = new Set(SECRET_WORDS_NOT_ALONE);
const keyQualifiers = new Set(KEY_QUALIFIERS);
const metadataWords = new Set(METADATA_WORDS);

/** Splits a name into upper-case words at `_`, `-`, `.`, spaces and camelCase: `dbPassword` → DB, PASSWORD. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

/**
 * True when a name says it holds a credential: `DB_PASSWORD`, `apiKey`, `AZURE_CLIENT_SECRET`,
 * `spring.datasource.password`. False for names about a credential: `PASSWORD_FILE`, `TOKEN_TTL`, `SECRET_NAME`,
 * `API_KEY_HEADER`, `ACCESS_KEY_ID`, `*_PATH`; and for `PWD` alone (the working directory) or a bare `KEY`.
 * `CONNECTION_STRING` is deliberately not here: a connection string is a secret only when it carries one
 * (`Password=`, `AccountKey=`, `user:pass@`), which the value patterns find; a managed-identity one is not.
 */
export function isSecretLikeName(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  const words = nameWords(name);
  for (let index = 0; index < words.length; index++) {
    const end = secretPhraseEnd(words, index);
    if (end === -1) continue;
    // Anything after the credential word that describes it (a file, a lifetime, a name) means the value is not the secret.
    if (words.slice(end + 1).some((word) => metadataWords.has(word))) return false;
    return true;
  }
  return false;
}

/** Index of the last word of a credential phrase starting at `index`, or -1. */
function secretPhraseEnd(words: string[], index: number): number {
  const word = words[index];
  const next = words[index + 1];
  if (secretWords.has(word)) return index;
  if (secretWordsNotAlone.has(word) && words.length > 1) return index;
  if ((next === 'KEY' || next === 'KEYS') && keyQualifiers.has(word)) return index + 1;
  if (word.length > 6 && SECRET_WORD_SUFFIXES.some((suffix) => word.length > suffix.length && word.endsWith(suffix))) return index;
  return -1;
}

const BOOLEAN_LIKE = /^(?:true|false|yes|no|y|n|on|off|enabled?|disabled?|none|null|nil|~|-)$/i;
// Ports, counts and durations (`8080`, `3600`, `30s`, `24h`); long digit strings can be PINs or numeric keys.
const NUMBER_LIKE = /^-?\d{1,5}(?:\.\d+)?$/;
const DURATION_LIKE = /^\d+(?:ms|s|m|h|d|w)$/;
const PATH_LIKE = /^(?:\/|\.\.?\/|~\/|[A-Za-z]:[\\/])\S*$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/\S*$/;

// A lookup in code or configuration: `os.environ["TOKEN"]`, `os.getenv('TOKEN')`, `process.env.TOKEN`,
// `System.getenv("TOKEN")`, `ENV['TOKEN']`, `env("TOKEN")`, `Deno.env.get(...)`.
const VARIABLE_LOOKUP = /^(?:[A-Za-z_][A-Za-z0-9_]*\.)*(?:environ|getenv|Getenv|env|ENV|LookupEnv|GetEnvironmentVariable)\s?(?:[[(.]|\.get\()/;
// A `namespace/name` reference to a Secret or another object (DNS-1123 labels on both sides).
const NAMESPACED_NAME = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?\/[a-z0-9](?:[-.a-z0-9]{0,251}[a-z0-9])?$/;

/** True for a value that refers to a credential kept elsewhere: a variable lookup or a `namespace/name` reference. */
export function isReference(value: string): boolean {
  const text = value.trim();
  return VARIABLE_LOOKUP.test(text) || NAMESPACED_NAME.test(text);
}

// Name services of nsswitch.conf (`passwd: compat`, `shadow: files systemd`): sources, not credentials.
const NSS_SOURCES = new Set(['compat', 'files', 'db', 'dns', 'nis', 'nisplus', 'systemd', 'sss', 'ldap', 'winbind', 'myhostname', 'mymachines', 'resolve', 'hesiod', 'altfiles', 'cache', 'mdns4_minimal', 'mdns4', 'mdns']);
// An object or template name (`credential-volume`, `db.password.file`): lower-case words joined by `-` or `.`.
const RESOURCE_NAME = /^[a-z]+(?:[-.][a-z]+)+$/;

// Words a password setting takes that are modes, not passwords (`password: required`).
const PASSWORD_MODES = new Set(['required', 'optional', 'prompt', 'random', 'generated', 'auto', 'empty', 'unset']);
// Names that say "password" outright: a short plain word there is still a (weak) password.
const PASSWORD_WORDS = /(?:^|[^a-z])(?:pass(?:word|wd|phrase)?|pwd)(?:[^a-z]|$)|password|passwd/i;

/**
 * True when a literal found by name inside an embedded file (configuration, code, scripts) looks like a credential:
 * one token (no spaces: code, prose and `files dns` lists have them), not a reference, object name, NSS source or
 * code, and either under a password name (`DB_PASSWORD=somepw`: weak, but the workload runs with it) or shaped like
 * a generated secret (two character classes, or ten characters). A key name there is weak evidence, so the value
 * must carry the rest: `passwd: compat` (nsswitch.conf), `token=os.environ["TOKEN"]`, `signing_key: CHANGEME0000`,
 * `secret: credential-volume` do not.
 */
export function hasCredentialShape(value: string, name = ''): boolean {
  const text = value.trim();
  if (!isLiteralSecretValue(text) || /\s/.test(text)) return false;
  if (NSS_SOURCES.has(text.toLowerCase()) || RESOURCE_NAME.test(text) || PASSWORD_MODES.has(text.toLowerCase())) return false;
  // Code: calls, indexing, member access on an identifier (`config.get("x")`, `settings.SECRET`).
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s?[([]/.test(text) || /^[a-z_]+(?:\.[A-Za-z_]+)+$/.test(text)) return false;
  if (PASSWORD_WORDS.test(name) && text.length >= 4) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(text)).length;
  return text.length >= 6 && (classes >= 2 || text.length >= 10);
}

/**
 * True when a value under a credential-like name is a literal secret. Not: empty values, placeholders and references
 * (see isPlaceholder), booleans, short numbers (ports, TTLs), durations, file paths and plain URLs (an endpoint, not a
 * secret; URLs with credentials are found by the value patterns). Weak defaults such as `changeme` ARE literal secrets:
 * the workload really runs with them.
 */
export function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (!text) return false;
  if (isPlaceholderText(text) || isReference(text)) return false;
  if (BOOLEAN_LIKE.test(text) || NUMBER_LIKE.test(text) || DURATION_LIKE.test(text)) return false;
  if (PATH_LIKE.test(text) || URL_LIKE.test(text)) return false;
  // A value that names its own slot (`GOOGLE_API_KEY_VAL`, `YOUR_DB_PASSWORD`) is a placeholder a script replaces.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(text) && isSecretLikeName(text)) return false;
  return true;
}

/** The first known credential format in `value`, if any. */
export function findCredential(value: unknown): CredentialMatch | undefined {
  if (typeof value !== 'string' || value.length < 8) return undefined;
  for (const credential of CREDENTIAL_PATTERNS) {
    const match = credential.pattern.exec(value);
    if (!match) continue;
    if (credential.accept && !credential.accept(match[0], value)) continue;
    if (match[1] !== undefined && !isLiteralSecretValue(match[1])) continue;
    return { id: credential.id, description: credential.description, index: match.index };
  }
  return undefined;
}

/** Masks a secret for messages: at most the first two characters survive (`ab****`). */
export function mask(value: string): string {
  const text = value.trim();
  return text.length >= 8 ? `${text.slice(0, 2)}****` : '****';
}

export interface Assignment {
  name: string;
  value: string;
  /** 1-based line inside the scanned text. */
  line: number;
}

// `NAME=value`, `export NAME=value`, `name: value`, `name = value`, `"name": "value",` (.env, properties, ini, YAML, JSON).
const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]{0,200})["']?\s{0,20}[:=]\s{0,20}(.*)$/;
// `<password>value</password>` (XML configuration).
const XML_ELEMENT = /<([A-Za-z_][A-Za-z0-9_.-]{0,100})>([^<]{1,1000})<\/\1>/;

/**
 * The name/value pairs of an embedded configuration file (a `.env`, properties, ini, YAML, JSON or XML text kept in
 * one ConfigMap key). Values are unquoted; nested blocks (`key:` followed by an indented map) yield no value.
 */
export function embeddedAssignments(text: string): Assignment[] {
  const result: Assignment[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.length > 4000) return;
    const xml = XML_ELEMENT.exec(line);
    if (xml) {
      result.push({ name: xml[1], value: xml[2].trim(), line: index + 1 });
      return;
    }
    const match = ASSIGNMENT.exec(line);
    if (!match) return;
    const value = unquote(match[2]);
    if (value === undefined) return;
    result.push({ name: match[1], value, line: index + 1 });
  });
  return result;
}

/** Strips JSON/YAML quoting, a trailing comma and an inline ` # comment`; undefined for nested blocks and lists. */
function unquote(raw: string): string | undefined {
  let text = raw.trim().replace(/,$/, '').trim();
  if (!text || /^[{[|>&*!]/.test(text)) return undefined;
  const doubleQuoted = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (doubleQuoted) return doubleQuoted[1];
  const singleQuoted = /^'((?:[^']|'')*)'$/.exec(text);
  if (singleQuoted) return singleQuoted[1].replace(/''/g, "'");
  text = text.replace(/\s+[#;].*$/, '');
  return text;
}
