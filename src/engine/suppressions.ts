// Inline suppression comments, as RULES.md fixes them:
//   # kubeguard-disable-next-line <id>[, <id>] -- <reason>
//   # kubeguard-disable <id>[, <id>] -- <reason>        (rest of the document)

export interface Directive {
  kind: 'disable' | 'disable-next-line';
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

const DIRECTIVE = /(?:^|\s)#\s*kubeguard-(disable-next-line|disable)(?=\s|$)(.*)$/;

function isCommentOrBlank(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

export function parseDirectives(text: string): Directive[] {
  const lines = text.split('\n');
  const directives: Directive[] = [];
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const [ids, ...reasonParts] = match[2].split(/\s--(?:\s|$)/);
    const ruleIds = ids.split(/[\s,]+/).filter(Boolean);
    const reason = reasonParts.join(' -- ').trim();
    const column = line.indexOf('#', match.index) + 1;
    const kind = match[1] as Directive['kind'];
    let fromLine = index + 1;
    let toLine = index + 1;
    if (kind === 'disable-next-line') {
      // Stacked directives and comments between the directive and its line are skipped over.
      let target = index + 1;
      while (target < lines.length && isCommentOrBlank(lines[target])) target++;
      fromLine = toLine = target + 1;
    } else {
      let end = index + 1;
      while (end < lines.length && !/^---(\s|$)/.test(lines[end])) end++;
      toLine = end; // the line before the next document marker
    }
    directives.push({ kind, ruleIds, reason, line: index + 1, column, endColumn: line.length + 1, fromLine, toLine, used: new Set() });
  });
  return directives;
}

/** The directive that silences `ruleId` at `line`, if any; only directives with a reason take effect. */
export function findSuppression(directives: readonly Directive[], ruleId: string, line: number): Directive | undefined {
  return directives.find(
    (directive) => directive.reason && directive.ruleIds.includes(ruleId) && line >= directive.fromLine && line <= directive.toLine,
  );
}
