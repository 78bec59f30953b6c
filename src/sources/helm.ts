// Helm: chart directories rendered with `helm template`, and rendered output (files or stdin) mapped back to the
// template files through helm's `# Source: <chart>/templates/<file>` comments.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { buildFinding, BUILD_ERROR, BUILD_SKIPPED } from './build-findings';
import { locateOffsets, offsetsToRange } from '../engine/positions';
import type { Finding, Origin, Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { findExecutable, offlineEnv, runTool, toolMessage, type ToolClock } from './external-tool';
import { displayFile, existingDepth, type SourcePosition } from './origin';
import type { HelmSettings } from './source-settings';
import { parseManifest, type LoadLimits, type ParsedFile } from './yaml-loader';

/** Files at the top of a chart that are Helm's own configuration, never manifests. */
const CHART_METADATA = /^(Chart\.ya?ml|Chart\.template\.ya?ml|Chart\.lock|requirements\.(ya?ml|lock)|values(\.[\w.-]+)?\.(ya?ml|json)|values-[\w.-]+\.ya?ml)$/i;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A directory `helm template` can render: Chart.yaml with templates or vendored dependencies, and not a library
 * chart (`type: library` holds only helpers for other charts and cannot be rendered on its own).
 */
export function isChartDirectory(dir: string): boolean {
  if (!existsSync(join(dir, 'Chart.yaml')) || !(isDirectory(join(dir, 'templates')) || isDirectory(join(dir, 'charts')))) return false;
  try {
    const chart = parseDocument(readFileSync(join(dir, 'Chart.yaml'), 'utf8')).toJS();
    return !(isRecord(chart) && chart.type === 'library');
  } catch {
    return true; // helm will say what is wrong with it
  }
}

/**
 * A chart's sources without a Chart.yaml, which helm cannot render: a `templates` directory beside a values file, a
 * `Chart.template.yaml` (cert-manager and others generate Chart.yaml at release) or a `.helmignore`. Its templates are
 * Go templates, not manifests, so they are not linted as YAML either.
 */
export function isUnrenderableChartSource(dir: string): boolean {
  if (existsSync(join(dir, 'Chart.yaml')) || !isDirectory(join(dir, 'templates'))) return false;
  return ['values.yaml', 'values.yml', 'Chart.template.yaml', '.helmignore'].some((name) => existsSync(join(dir, name)));
}

/** Helm's own files at the top of a chart (Chart.yaml, values*.yaml...): configuration, never manifests. */
export function isChartMetadataFile(name: string): boolean {
  return CHART_METADATA.test(name);
}

function chartName(dir: string): string | undefined {
  for (const name of ['Chart.yaml', 'Chart.template.yaml']) {
    try {
      const value = parseDocument(readFileSync(join(dir, name), 'utf8')).toJS();
      if (isRecord(value) && typeof value.name === 'string') return value.name;
    } catch {
      // unreadable or not YAML: try the next name
    }
  }
  return undefined;
}

export interface SourceComment {
  offset: number;
  /** The path helm printed: `<chart>/templates/<file>` (or `<chart>/charts/<sub>/templates/<file>`). */
  source: string;
}

const SOURCE_COMMENT = /^# Source: (.+?)\s*$/gm;

export function sourceComments(text: string): SourceComment[] {
  const found: SourceComment[] = [];
  for (const match of text.matchAll(SOURCE_COMMENT)) found.push({ offset: match.index!, source: match[1] });
  return found;
}

/** Caches per run: chart directories found for (start, chart name), template texts. */
export class HelmOrigins {
  private readonly charts = new Map<string, string | undefined>();
  private readonly templates = new Map<string, string | undefined>();
  private readonly names = new Map<string, string | undefined>();

  constructor(
    private readonly cwd: string,
    /** --chart: the chart rendered input comes from. */
    private readonly chart?: string,
  ) {}

  private nameOf(dir: string): string | undefined {
    if (!this.names.has(dir)) this.names.set(dir, chartName(dir));
    return this.names.get(dir);
  }

  private qualifies(dir: string, name: string, rest: string): boolean {
    if (!existsSync(join(dir, 'Chart.yaml')) && !existsSync(join(dir, 'Chart.template.yaml'))) return false;
    const declared = this.nameOf(dir);
    // helm prints the chart's declared name; a chart whose Chart.yaml cannot be read qualifies by holding the file.
    return declared === name || (declared === undefined && existsSync(join(dir, rest)));
  }

  /**
   * The chart directory of `<name>/<rest>` for a rendered file in `start`: --chart when it matches, else the nearest
   * directory around the rendered file (itself, `<name>`, or one level below an ancestor: chart/, charts/<name>...).
   */
  chartDirectory(start: string, name: string, rest: string, preferred?: string): string | undefined {
    for (const known of [preferred, this.chart]) {
      if (known && this.qualifies(known, name, rest)) return known;
    }
    const key = `${start}\0${name}`;
    if (this.charts.has(key)) return this.charts.get(key);
    let found: string | undefined;
    const inside = !relative(this.cwd, start).startsWith('..');
    search: for (let dir = start, level = 0; ; dir = dirname(dir), level++) {
      const candidates = [dir, join(dir, name)];
      let entries: string[] = [];
      try {
        entries = readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
          .map((entry) => entry.name)
          .sort()
          .slice(0, 200);
      } catch {
        // unreadable directory: only the direct candidates
      }
      for (const entry of entries) candidates.push(join(dir, entry), join(dir, entry, name));
      for (const candidate of candidates) {
        if (this.qualifies(candidate, name, rest)) {
          found = candidate;
          break search;
        }
      }
      // Stop at the working directory (or after a few levels for files outside it).
      if ((inside && dir === this.cwd) || (!inside && level >= 3) || dirname(dir) === dir) break;
    }
    this.charts.set(key, found);
    return found;
  }

  template(file: string): string | undefined {
    if (!this.templates.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
      this.templates.set(file, text);
    }
    return this.templates.get(file);
  }

  /** Where `<chart>/<rest>` lives: the template file under the chart directory, or the Source path as printed. */
  templateFile(source: string, start: string, chartDir?: string): { absolute?: string; display: string } {
    const [name, ...restParts] = source.split('/');
    const rest = restParts.join('/');
    const dir = name && rest ? this.chartDirectory(start, name, rest, chartDir) : undefined;
    if (!dir) return { display: source };
    const absolute = join(dir, ...restParts);
    return { absolute, display: displayFile(this.cwd, absolute) };
  }
}

const KIND_LINE = /^\s*kind:\s*["']?([A-Za-z0-9]+)["']?\s*(#.*)?$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rendered document around a reported line: its lines, and which of them the engine points at. */
export interface RenderedLines {
  lines: readonly string[];
  /** 0-based index in `lines` of the reported line. */
  index: number;
  /** 1-based column the engine points at on that line. */
  column: number;
}

function keyPattern(key: string): RegExp {
  return new RegExp(`^(\\s*(?:-\\s+)*)(["']?)${escapeRegExp(key)}\\2\\s*:(?:\\s|$)`);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Where a rendered line is written in its template. Literal template text keeps its indentation when rendered, so the
 * reported key is looked for at the same column (a whole line such as `- "*"` when there is no key); includes,
 * toYaml and range loops make keys that are not in the file. Occurrences are matched in order, and only when the
 * rendered document and exactly one `---` section of the template that can produce `kind` hold as many of them:
 * any difference (a key from an include, a conditional block left out) leaves the line unknown.
 */
export function templatePosition(template: string, kind: string | undefined, rendered: RenderedLines): SourcePosition | undefined {
  const lines = template.split('\n').map((line) => line.replace(/\r$/, ''));
  const sections: Array<{ from: number; to: number; kinds: string[] }> = [{ from: 0, to: lines.length, kinds: [] }];
  lines.forEach((line, index) => {
    if (/^---(\s|$)/.test(line)) {
      sections[sections.length - 1].to = index;
      sections.push({ from: index + 1, to: lines.length, kinds: [] });
    }
    const kindMatch = KIND_LINE.exec(line);
    // Only top-level kinds name the object; nested `kind:` (roleRef, subjects) are something else.
    if (kindMatch && !/^\s/.test(line)) sections[sections.length - 1].kinds.push(kindMatch[1]);
  });
  const relevant = sections.filter((section) => !kind || !section.kinds.length || section.kinds.includes(kind));
  const searched = relevant.length ? relevant : sections;
  const renderedLine = (rendered.lines[rendered.index] ?? '').replace(/\r$/, '');
  const { column } = rendered;

  const strategies: Array<(line: string) => boolean> = [];
  const key = keyAt(renderedLine, column - 1);
  if (key !== undefined) {
    const pattern = keyPattern(key);
    strategies.push((line) => {
      const match = pattern.exec(line);
      return match !== null && match[1].length + 1 === column;
    });
  }
  const wanted = renderedLine.trim();
  const indent = indentOf(renderedLine);
  if (wanted) strategies.push((line) => line.trim() === wanted && indentOf(line) === indent);

  for (const matches of strategies) {
    const inRendered = rendered.lines.map((line, index) => (matches(line.replace(/\r$/, '')) ? index : -1)).filter((index) => index >= 0);
    const ordinal = inRendered.indexOf(rendered.index);
    if (ordinal < 0) continue;
    const found: number[] = [];
    for (const section of searched) {
      const inSection: number[] = [];
      for (let index = section.from; index < section.to; index++) if (matches(lines[index])) inSection.push(index);
      if (inSection.length === inRendered.length) found.push(inSection[ordinal]);
    }
    if (found.length === 1) return { line: found[0] + 1, column };
  }
  return undefined;
}

/** The key at `index` of a line (`image` in `  - image: x`), or undefined when no key starts there. */
function keyAt(line: string, index: number): string | undefined {
  const match = /^(["']?)([^\s"':{}[\],#][^"':{}[\],#]*?)\1\s*:(?:\s|$)/.exec(line.slice(index, index + 300));
  return match?.[2];
}

/**
 * Adds a Helm origin to each document that follows a `# Source:` comment. `start` is where the chart is looked
 * for (the rendered file's directory, or the working directory for standard input); `chartDir` is known when
 * kubeguard rendered the chart itself.
 */
/** The lines of one document of a file, and the 1-based number of its first line. */
function documentLines(parsed: ParsedFile, document: ParsedFile['documents'][number]['document']): { lines: string[]; first: number } {
  const [start, end] = document.range ?? [0, parsed.text.length];
  const first = parsed.lineCounter.linePos(start).line;
  const from = parsed.lineCounter.lineStarts[first - 1] ?? 0;
  return { lines: parsed.text.slice(from, end).split('\n'), first };
}

export function attachHelmOrigins(parsed: ParsedFile, origins: HelmOrigins, start: string, chartDir?: string): void {
  const comments = sourceComments(parsed.text);
  if (!comments.length) return;
  for (const document of parsed.documents) {
    const contentStart = (document.document.contents as { range?: [number, number, number] } | null)?.range?.[0];
    if (contentStart === undefined) continue;
    let comment: SourceComment | undefined;
    for (const candidate of comments) {
      if (candidate.offset < contentStart) comment = candidate;
      else break;
    }
    if (!comment) continue;
    const template = origins.templateFile(comment.source, start, chartDir);
    // One object per document (its embedded Deployments, for an OLM CSV, come after it and share its origin).
    const object = document.objects[0]?.pathPrefix.length === 0 ? document.objects[0].object : undefined;
    let lines: { lines: string[]; first: number } | undefined;
    document.sourceFile = template.display;
    document.origin = (path: Path): Origin => {
      const origin: Origin = { file: template.display, via: 'helm' };
      const text = template.absolute ? origins.template(template.absolute) : undefined;
      if (text === undefined) return origin;
      try {
        const position = locateInTemplate(path, text);
        if (position) Object.assign(origin, position);
      } catch {
        // the line is a help: an odd template must never cost the finding
      }
      return origin;
    };
    const locateInTemplate = (path: Path, text: string): SourcePosition | undefined => {
      // The position the engine reports in the rendered output: the path, or its nearest existing parent.
      const existing = object ? path.slice(0, existingDepth(object, path)) : path;
      const [offset] = locateOffsets(document.document, existing);
      const { line, column } = offsetsToRange(parsed.lineCounter, parsed.text, [offset, offset + 1]);
      lines ??= documentLines(parsed, document.document);
      return templatePosition(text, typeof object?.kind === 'string' ? object.kind : undefined, { lines: lines.lines, index: line - lines.first, column });
    };
  }
}

export interface RenderOutcome {
  file?: ParsedFile;
  problem?: Finding;
}

/** Display name of a chart's rendering in results. */
export function renderedName(cwd: string, chartDir: string): string {
  return `${resolve(cwd) === chartDir ? '.' : displayFile(cwd, chartDir)} (helm template)`;
}

export function helmBinary(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  return findExecutable('helm', env, cwd);
}

export function missingHelmMessage(chart: string): string {
  return `not rendered: helm is not on PATH. Install helm to lint the chart, or lint its rendered output: helm template ${chart} | kubeguard - --chart ${chart} (helm.enabled: false or --no-build skips charts).`;
}

/**
 * Renders one chart with `helm template`. A failed render is a build-error on its Chart.yaml, or a build-skipped when
 * only the chart's dependencies are missing (`helm dependency build` downloads them; kubeguard stays offline).
 */
export async function renderChart(
  helm: string,
  chartDir: string,
  settings: HelmSettings,
  context: { cwd: string; env: NodeJS.ProcessEnv; limits: LoadLimits; timeoutMs: number; clock: ToolClock; origins: HelmOrigins; beforeParse?: () => void },
): Promise<RenderOutcome> {
  const args = ['template', chartDir];
  for (const values of settings.values) args.push('--values', values);
  for (const value of settings.set) args.push('--set', value);
  const run = await runTool(helm, args, { cwd: context.cwd, env: offlineEnv(context.env), timeoutMs: context.timeoutMs }, context.clock);
  const chartFile = displayFile(context.cwd, join(chartDir, 'Chart.yaml'));
  if (run.code !== 0) {
    const message = toolMessage(run, 4000);
    if (/missing in charts\/ directory|dependencies? (is|are) missing|helm dep(endency)? (build|update)/i.test(message)) {
      return { problem: buildFinding(BUILD_SKIPPED, chartFile, `not rendered: the chart's dependencies are not in its charts/ directory (helm dependency build fetches them; kubeguard stays offline): ${message}`) };
    }
    return { problem: buildFinding(BUILD_ERROR, chartFile, `helm template failed: ${message}`) };
  }
  context.beforeParse?.();
  const parsed = parseManifest(renderedName(context.cwd, chartDir), run.stdout, context.limits);
  parsed.buildFile = chartFile;
  attachHelmOrigins(parsed, context.origins, chartDir, chartDir);
  return { file: parsed };
}
