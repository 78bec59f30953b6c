import { Lexer } from 'yaml';

// Inline suppression comments, as RULES.md fixes them:
//   # kubeguard-disable-next-line <id>[, <id>] -- <reason>
//   # kubeguard-disable <id>[, <id>] -- <reason>        (rest of the document)

export interface Directive {
  /** `unknown` for a misspelt directive (`kubeguard-disable-line`), reported so it is not silently ignored. */
  kind: 'disable' | 'disable-next-line' | 'unknown';
  /** The directive as written, e.g. `kubeguard-disable-next-line`. */
  name: string;
  ruleIds: string[];
  reason: string;
  /** 1-based line and column of the comment. */
  line: number;
  column: number;
  endColumn: number;
  /** Lines the directive covers, inclusive. */
  fromLine: number;
  toLine: number;
  used: Set<string>;
}

const DIRECTIVE = /^#\s*kubeguard-([\w-]+)(.*)$/;
// Tokens yaml's lexer emits that stand for no source text.
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/** Real YAML comments only (not `#` inside strings or block scalars), with the offset each starts at. */
function comments(text: string): Array<{ offset: number; text: string }> {
  const found: Array<{ offset: number; text: string }> = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(token)) continue;
    if (token[0] === '#') found.push({ offset, text: token });
    offset += token.length;
  }
  return found;
}

function isCommentOrBlank(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

export function parseDirectives(text: string): Directive[] {
  const lines = text.split('\n');
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const directives: Directive[] = [];
  for (const comment of comments(text)) {
    const match = DIRECTIVE.exec(comment.text.replace(/\r$/, ''));
    if (!match) continue;
    let index = lineStarts.length - 1;
    while (lineStarts[index] > comment.offset) index--;
    const [ids, ...reasonParts] = match[2].split(/\s--(?:\s|$)/);
    const ruleIds = ids.split(/[\s,]+/).filter(Boolean);
    const reason = reasonParts.join(' -- ').trim();
    const column = comment.offset - lineStarts[index] + 1;
    const kind: Directive['kind'] = match[1] === 'disable' || match[1] === 'disable-next-line' ? match[1] : 'unknown';
    let fromLine = index + 1;
    let toLine = index + 1;
    if (kind === 'disable-next-line') {
      // Stacked directives and comments between the directive and its line are skipped over.
      let target = index + 1;
      while (target < lines.length && isCommentOrBlank(lines[target])) target++;
      fromLine = toLine = target + 1;
    } else if (kind === 'disable') {
      let end = index + 1;
      while (end < lines.length && !/^---(\s|$)/.test(lines[end])) end++;
      toLine = end; // the line before the next document marker
    }
    const endColumn = column + comment.text.replace(/\r$/, '').length;
    directives.push({ kind, name: `kubeguard-${match[1]}`, ruleIds, reason, line: index + 1, column, endColumn, fromLine, toLine, used: new Set() });
  }
  return directives;
}

/** The directive that silences `ruleId` at `line`, if any; only directives with a reason take effect. */
export function findSuppression(directives: readonly Directive[], ruleId: string, line: number): Directive | undefined {
  return directives.find(
    (directive) => directive.kind !== 'unknown' && directive.reason && directive.ruleIds.includes(ruleId) && line >= directive.fromLine && line <= directive.toLine,
  );
}
