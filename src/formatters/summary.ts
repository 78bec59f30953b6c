// What to fix first, at repository scale: problems counted per rule and per top folder, most errors first.
// `--format summary` prints only this; stylish ends with it when a report is too long to read finding by finding.
import { palette } from './colors';
import { sourcePosition } from './source-position';
import type { Finding, Formatter, LintResult } from './types';

type Paint = ReturnType<typeof palette>;

interface Tally {
  name: string;
  error: number;
  warning: number;
  info: number;
}

/** From this many findings stylish adds the tables: below it the findings themselves are the summary. */
export const STYLISH_SUMMARY_MIN_FINDINGS = 10;
/** From this many files with findings the folder table is worth a look; below it the file headings show it. */
const FOLDER_TABLE_MIN_FILES = 10;

function tally(findings: readonly Finding[], keyOf: (finding: Finding) => string): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const finding of findings) {
    const name = keyOf(finding);
    const entry = tallies.get(name) ?? { name, error: 0, warning: 0, info: 0 };
    entry[finding.severity] += 1;
    tallies.set(name, entry);
  }
  return [...tallies.values()].sort(
    (a, b) => b.error - a.error || b.warning - a.warning || b.info - a.info || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** The folder a person would open: the first segment of the file they edit (the template or base for a built object). */
function topFolder(finding: Finding): string {
  const file = sourcePosition(finding).file;
  const slash = file.indexOf('/');
  return slash === -1 ? '.' : `${file.slice(0, slash)}/`;
}

function table(heading: string, tallies: Tally[], paint: Paint): string[] {
  const width = Math.max(heading.length, ...tallies.map((entry) => entry.name.length));
  const row = (name: string, error: string, warning: string, info: string) =>
    `${name.padEnd(width)}  ${error.padStart(6)}  ${warning.padStart(8)}  ${info.padStart(5)}`;
  return [
    paint.bold(row(heading, 'errors', 'warnings', 'infos')),
    ...tallies.map((entry) => row(entry.name, String(entry.error), String(entry.warning), String(entry.info))),
  ];
}

/** The tables as lines: per rule always, per top folder when the findings span many files. */
export function summaryTables(result: LintResult, paint: Paint): string[] {
  if (!result.findings.length) return [];
  const lines = table('rule', tally(result.findings, (finding) => finding.ruleId), paint);
  const files = new Set(result.findings.map((finding) => sourcePosition(finding).file));
  const folders = tally(result.findings, topFolder);
  if (files.size >= FOLDER_TABLE_MIN_FILES && folders.length > 1) lines.push('', ...table('folder', folders, paint));
  return lines;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The closing line every human format shares: totals and what was checked. */
export function totalLine(result: LintResult, paint: Paint): string {
  const { errors, warnings, infos, suppressed, baselined, files, objects } = result.summary;
  const problems = errors + warnings + infos;
  const scope = `${plural(files, 'file')}, ${plural(objects, 'object')} checked${suppressed ? `, ${suppressed} suppressed` : ''}${baselined ? `, ${baselined} baselined` : ''}`;
  if (!problems) return `✔ no problems; ${scope}`;
  const mark = errors ? paint.red('✖') : paint.yellow('⚠');
  return paint.bold(`${mark} ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}); ${scope}`);
}

export const summary: Formatter = (result, context) => {
  const paint = palette(context.color);
  const tables = summaryTables(result, paint);
  return [...tables, ...(tables.length ? [''] : []), totalLine(result, paint)].join('\n') + '\n';
};
