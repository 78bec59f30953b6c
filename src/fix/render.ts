// Renders the values a fix inserts as YAML text in the style of the file around them: block or flow, JSON-quoted in
// JSON manifests, plain scalars only where YAML 1.1 (what the API server reads) cannot take them for something else.

export type QuoteStyle = 'plain' | 'double' | 'single';

export interface BlockStyle {
  eol: string;
  /** Columns a nested map is indented by. */
  step: number;
  /** Columns a sequence's `-` is indented by under its key: 0 (kubectl's style) or `step`. */
  sequenceIndent: number;
}

// YAML 1.1 reads these as booleans or null; numbers, dates and anything with indicators are kept out by the pattern.
const YAML11_SPECIAL = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
const PLAIN_SAFE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

export function isPlainSafe(text: string): boolean {
  return PLAIN_SAFE.test(text) && !YAML11_SPECIAL.test(text);
}

export function isScalarValue(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

export function scalarText(value: string | number | boolean | null, quote: QuoteStyle = 'plain'): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write the number ${value}`);
    return String(value);
  }
  if (quote === 'single' && !/[\n\r\t\\]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (quote === 'plain' && isPlainSafe(value)) return value;
  return JSON.stringify(value);
}

export function keyText(key: string, quote: QuoteStyle): string {
  return scalarText(key, quote);
}

/** One-line flow text: `{a: b, c: [d]}`, or JSON when `json` (every key and string double-quoted). */
export function flowText(value: unknown, json: boolean): string {
  const quote: QuoteStyle = json ? 'double' : 'plain';
  if (isScalarValue(value)) return scalarText(value, quote);
  if (Array.isArray(value)) return `[${value.map((item) => flowText(item, json)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${keyText(key, quote)}: ${flowText(item, json)}`);
    return `{${entries.join(', ')}}`;
  }
  throw new Error(`cannot write a value of type ${typeof value}`);
}

/**
 * Multi-line flow text for a value inserted into a multi-line flow collection (pretty-printed JSON): nested
 * collections open on the entry's line and close at `column`, their items at `column + step`.
 */
export function prettyFlowText(value: unknown, json: boolean, column: number, step: number, eol: string): string {
  const quote: QuoteStyle = json ? 'double' : 'plain';
  if (isScalarValue(value)) return scalarText(value, quote);
  const inner = ' '.repeat(column + step);
  const close = ' '.repeat(column);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[${eol}${value.map((item) => inner + prettyFlowText(item, json, column + step, step, eol)).join(`,${eol}`)}${eol}${close}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    const lines = entries.map(([key, item]) => `${inner}${keyText(key, quote)}: ${prettyFlowText(item, json, column + step, step, eol)}`);
    return `{${eol}${lines.join(`,${eol}`)}${eol}${close}}`;
  }
  throw new Error(`cannot write a value of type ${typeof value}`);
}

function isEmptyCollection(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : !!value && typeof value === 'object' && Object.keys(value).length === 0;
}

/** Lines (without line ends) of a block map entry `key: value` whose key starts at `column`. */
export function blockEntryLines(key: string, value: unknown, column: number, style: BlockStyle, keyQuote: QuoteStyle = 'plain'): string[] {
  const head = `${' '.repeat(column)}${keyText(key, keyQuote)}:`;
  if (isScalarValue(value) || isEmptyCollection(value)) return [`${head} ${flowText(value, false)}`];
  if (Array.isArray(value)) return [head, ...blockSequenceLines(value, column + style.sequenceIndent, style)];
  return [head, ...blockMapLines(value as Record<string, unknown>, column + style.step, style)];
}

export function blockMapLines(value: Record<string, unknown>, column: number, style: BlockStyle): string[] {
  return Object.entries(value).flatMap(([key, item]) => blockEntryLines(key, item, column, style));
}

/** Lines of sequence items whose `-` is at `column`; `quote` is the style of the sequence's existing strings. */
export function blockSequenceLines(items: readonly unknown[], column: number, style: BlockStyle, quote: QuoteStyle = 'plain'): string[] {
  const dash = `${' '.repeat(column)}- `;
  return items.flatMap((item) => {
    if (isScalarValue(item)) return [dash + scalarText(item, quote)];
    if (Array.isArray(item) || isEmptyCollection(item)) return [dash + flowText(item, false)];
    const lines = blockMapLines(item as Record<string, unknown>, column + 2, style);
    return [dash + lines[0].slice(column + 2), ...lines.slice(1)];
  });
}
