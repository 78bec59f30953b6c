import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import type { Finding, Path } from '../../engine/types';
import { buildFinding, BUILD_ERROR, BUILD_SKIPPED } from '../build-findings';
import { findExecutable, offlineEnv, runTool, toolMessage, type ToolClock } from '../external-tool';
import { displayFile, valueAt } from '../origin';
import type { KustomizeSettings } from '../source-settings';
import { parseManifest, type LoadLimits, type ParsedFile } from '../yaml-loader';
import { stripOriginAnnotations } from './annotations';
import { kustomizationFile } from './files';
import type { Kustomization, KustomizeGraph } from './graph';
import { definingFile, kustomizationPosition, resolveFixTarget, resolveKustomizeOrigin, type OriginContext } from './origins';

export interface KustomizeTool {
  file: string;
  /** Arguments before the directory: ['build'] for kustomize, ['kustomize'] for kubectl. */
  args: string[];
}

/** The build command: --kustomize-bin / kustomize.bin, else `kustomize` on PATH, else `kubectl kustomize`. */
export function kustomizeTool(bin: string | undefined, env: NodeJS.ProcessEnv, cwd: string): KustomizeTool | undefined {
  const command = (file: string): KustomizeTool => ({ file, args: /^kubectl(\.exe)?$/i.test(basename(file)) ? ['kustomize'] : ['build'] });
  if (bin) {
    const file = findExecutable(bin, env, cwd);
    return file ? command(file) : undefined;
  }
  const kustomize = findExecutable('kustomize', env, cwd);
  if (kustomize) return command(kustomize);
  const kubectl = findExecutable('kubectl', env, cwd);
  return kubectl ? command(kubectl) : undefined;
}

export function missingKustomizeMessage(roots: readonly string[], bin: string | undefined): string {
  const list = roots.join(', ');
  const what = bin ? `the kustomize binary "${bin}" was not found` : 'neither kustomize nor kubectl is on PATH';
  return `cannot build the Kustomize root${roots.length === 1 ? '' : 's'} ${list}: ${what}. Install kustomize or kubectl, pass --kustomize-bin PATH, or lint the sources as plain files with --no-build.`;
}

/** The build-skipped message when no kustomize tool is installed (a --kustomize-bin that is not found is a usage error). */
export const NO_KUSTOMIZE_TOOL =
  'not built: neither kustomize nor kubectl is on PATH, so its local resources are linted as plain files. Install kustomize or kubectl (or pass --kustomize-bin PATH), or lint plain files only with --no-build.';

export function builtName(cwd: string, root: string): string {
  return `${resolve(cwd) === root ? '.' : displayFile(cwd, root)} (kustomize build)`;
}

export interface BuildOutcome {
  file?: ParsedFile;
  problems: Finding[];
  /** Built with --load-restrictor LoadRestrictionsNone after the default restrictor refused it (loadRestrictor: auto). */
  unrestricted?: boolean;
  /** Set when the root was not built: the finding that says why. */
  notBuilt?: Finding;
}

export interface Preflight {
  /** build-error (missing files) and build-skipped (remote entries, helmCharts) findings, at their entries. */
  problems: Finding[];
  /** False when the repository's own files break the build (a build-error): kustomize would fail. */
  buildable: boolean;
  /** Entries left out of the offline build (remote resources, helmCharts): the root is built through a mirror. */
  leftOut: boolean;
}

function entryFinding(k: Kustomization, entry: Path, cwd: string, ruleId: typeof BUILD_ERROR | typeof BUILD_SKIPPED, message: string): Finding {
  return buildFinding(ruleId, displayFile(cwd, k.file), message, kustomizationPosition(k, entry));
}

/** kustomize's refusal of a file outside the root (its load restrictor). */
const LOAD_RESTRICTOR_ERROR = /is not in or below/;

/** Entries of a kustomization that an offline build leaves out (remote resources, helmCharts), with what they are. */
function leftOutEntries(k: Kustomization): Array<{ entry: Path; what: string }> {
  return [
    ...k.remote.map((remote) => ({
      entry: remote.entry,
      what: `Remote ${String(remote.entry[0]).replace(/s$/, '')} "${remote.value}" is not fetched: kubeguard builds Kustomize offline and never reaches the network (vendor it into the repository to lint it, or lint the full build: kustomize build DIR | kubeguard -)`,
    })),
    ...k.unsupported.map((unsupported) => ({ entry: unsupported.entry, what: unsupported.message })),
  ];
}

/**
 * Problems found before building, anywhere in the root's closure: files an entry names that do not exist (a
 * build-error at that entry, reported once however many overlays use it), remote entries and helmCharts (build-skipped:
 * left out of the offline build).
 */
export function preflight(kustomizations: readonly Kustomization[], cwd: string): Preflight {
  const result: Preflight = { problems: [], buildable: true, leftOut: false };
  for (const k of kustomizations) {
    for (const reference of k.references) {
      const value = String(valueAt(k.data, reference.entry));
      const shown = /=/.test(value) && reference.role === 'config' ? value.slice(value.indexOf('=') + 1) : value;
      let message: string | undefined;
      if (!existsSync(reference.target)) message = `"${shown}" does not exist (${displayFile(cwd, reference.target)}): kustomize cannot build this kustomization. Commit the file or remove the entry; a generated or gitignored file must be created before linting.`;
      else if (reference.directory && (reference.role === 'resource' || reference.role === 'component') && !kustomizationFile(reference.target)) {
        message = `"${shown}" is a directory without a kustomization file: kustomize cannot build this kustomization.`;
      }
      if (!message) continue;
      result.problems.push(entryFinding(k, reference.entry, cwd, BUILD_ERROR, message));
      result.buildable = false;
    }
    for (const { entry, what } of leftOutEntries(k)) {
      result.leftOut = true;
      result.problems.push(entryFinding(k, entry, cwd, BUILD_SKIPPED, `${what}; it is left out of the build and the rest is linted.`));
    }
  }
  return result;
}

/**
 * kustomize's own error without the chain of "accumulating resources from ..." frames that wrap it once per base,
 * so the cause is not cut off behind them.
 */
export function innermostKustomizeError(message: string): string {
  let text = message.replace(/^"command failed" err=/, '');
  // klog quotes the error (err="…", with \" inside) or brackets a multi-line one (err=< … >).
  if (/^".*"$/s.test(text)) text = text.slice(1, -1).replace(/\\"/g, '"');
  text = text.replace(/^<\s*(.*?)\s*>$/s, '$1');
  const frame = /accumulating resources: accumulation err='accumulating resources from '[^']*': .*?': recursed accumulation of path '[^']*': /s;
  while (frame.test(text)) text = text.replace(frame, '');
  // "accumulation err='<cause>': must build at directory: <the same cause again>"
  const wrapped = /^accumulating resources: accumulation err='accumulating resources from '([^']*)': (.*)': must build at directory: .*$/s.exec(text);
  if (wrapped) text = `resource '${wrapped[1]}': ${wrapped[2]}`;
  return text.trim();
}

/** The entry of the closure whose file or directory kustomize's message names last (the innermost), if any. */
function failingEntry(kustomizations: readonly Kustomization[], message: string): { k: Kustomization; entry: Path } | undefined {
  let best: { k: Kustomization; entry: Path; at: number } | undefined;
  for (const k of kustomizations) {
    for (const reference of k.references) {
      for (const quoted of [`'${reference.target}'`, `${reference.target}:`, `(${relative(k.dir, reference.target)})`]) {
        const at = message.lastIndexOf(quoted);
        if (at >= 0 && (!best || at > best.at)) best = { k, entry: reference.entry, at };
      }
    }
  }
  return best;
}

/** Removes the entries an offline build leaves out (remote resources, helmCharts) from a kustomization's text. */
function withoutLeftOutEntries(k: Kustomization): string {
  // Cut from the text, never re-serialised: a YAML 1.1 round trip changes values kustomize reads differently
  // (CAPZ's `delimiter: .` came back as `.nan`).
  const text = k.source.text;
  const document = parseDocument(text, { version: '1.1' });
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = (offset: number) => {
    const newline = text.indexOf('\n', Math.max(offset - 1, 0));
    return newline === -1 ? text.length : newline + 1;
  };
  const cuts: Array<[number, number]> = [];
  const cut = (entry: Path) => {
    if (entry.length === 1) {
      const pair = (document.contents as { items?: Array<{ key: { value?: unknown; range?: number[] }; value?: { range?: number[] } | null }> } | null)?.items?.find((item) => item.key?.value === entry[0]);
      if (pair?.key.range) cuts.push([lineStart(pair.key.range[0]), lineEnd(pair.value?.range?.[1] ?? pair.key.range[1])]);
      return;
    }
    const node = document.getIn(entry, true) as { range?: number[] } | undefined;
    if (!node?.range) return;
    // A block sequence item is its lines; an item of a flow sequence (`[a, b]`) shares its line with others.
    if (/^\s*-\s*$/.test(text.slice(lineStart(node.range[0]), node.range[0]))) cuts.push([lineStart(node.range[0]), lineEnd(node.range[1])]);
    else flow = true;
  };
  let flow = false;
  // A list whose items are all left out stays a list (`resources: []`): kustomize reads a kustomization of empty keys
  // as an empty file, and fails.
  const emptied = new Set<string>();
  for (const key of new Set(k.remote.map((remote) => String(remote.entry[0])))) {
    const list = document.get(key, true) as { items?: unknown[] } | undefined;
    if (list?.items && k.remote.filter((remote) => remote.entry[0] === key).length === list.items.length) emptied.add(key);
  }
  for (const remote of k.remote) if (!emptied.has(String(remote.entry[0]))) cut(remote.entry);
  const replacements: Array<[number, string]> = [];
  for (const key of emptied) {
    const before = cuts.length;
    cut([key]);
    if (cuts.length > before) replacements.push([cuts[cuts.length - 1][0], `${key}: []\n`]);
  }
  for (const unsupported of k.unsupported) cut(unsupported.entry);
  if (k.unsupported.some((unsupported) => unsupported.entry[0] === 'helmCharts')) cut(['helmGlobals']);
  if (flow) {
    for (const entry of [...k.remote.map((remote) => remote.entry)].sort((a, b) => Number(b[1]) - Number(a[1]))) document.deleteIn(entry);
    for (const unsupported of k.unsupported) document.deleteIn(unsupported.entry);
    if (document.has('helmCharts')) document.delete('helmGlobals');
    return document.toString();
  }
  let result = text;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) {
    const replacement = replacements.find(([at]) => at === start)?.[1] ?? '';
    result = result.slice(0, start) + replacement + result.slice(end);
  }
  return result;
}

/**
 * A mirror of the directories a root builds from, under `into`: each kustomization directory is a real directory
 * whose kustomization has the left-out entries removed, and everything else is a symbolic link to the user's file,
 * so relative paths (`../../base`) resolve as in the repository and nothing is written there. Returns the root's
 * path in the mirror and a function that turns mirror paths (in origin annotations) back into real ones.
 */
function mirrorClosure(root: Kustomization, kustomizations: readonly Kustomization[], into: string): { root: string; toReal: (path: string) => string } {
  const dirs = kustomizations.map((k) => k.dir);
  const involved = [...dirs, ...kustomizations.flatMap((k) => k.references.map((reference) => (reference.directory ? reference.target : dirname(reference.target))))];
  let base = involved[0];
  for (const dir of involved) while (base !== dirname(base) && relative(base, dir).startsWith('..')) base = dirname(base);
  const mirror = join(into, 'mirror');
  const real = new Set<string>();
  for (const dir of dirs) for (let current = dir; ; current = dirname(current)) {
    real.add(current);
    if (current === base || dirname(current) === current) break;
  }
  const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
  const { mkdirSync, readdirSync, symlinkSync } = require('node:fs') as typeof import('node:fs');
  for (const dir of real) mkdirSync(join(mirror, relative(base, dir)), { recursive: true });
  for (const dir of real) {
    const k = byDir.get(dir);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (real.has(path)) continue;
      const target = join(mirror, relative(base, dir), name);
      if (k && path === k.file && (k.remote.length || k.unsupported.length)) writeFileSync(target, withoutLeftOutEntries(k));
      else symlinkSync(path, target);
    }
  }
  const prefix = mirror + sep;
  return { root: join(mirror, relative(base, root.dir)), toReal: (path) => (path === mirror ? base : path.startsWith(prefix) ? join(base, path.slice(prefix.length)) : path) };
}

/**
 * Builds one root through a temporary wrapper kustomization (origin annotations on, the user's files untouched). With
 * `leftOut`, the root is built from a mirror without its remote entries (kustomize's load restrictor is then off, as
 * the mirror's links point outside it); if it still cannot be built, that is a build-skipped, not the repository's error.
 */
export async function buildRoot(
  root: Kustomization,
  tool: KustomizeTool,
  settings: KustomizeSettings,
  context: { cwd: string; env: NodeJS.ProcessEnv; limits: LoadLimits; timeoutMs: number; clock: ToolClock; graph: KustomizeGraph; leftOut?: boolean; beforeParse?: () => void },
): Promise<BuildOutcome> {
  const wrapperDir = realpathSync(mkdtempSync(join((require('node:os') as typeof import('node:os')).tmpdir(), 'kubeguard-kustomize-')));
  const rootFile = displayFile(context.cwd, root.file);
  try {
    let realRoot = root.dir;
    try {
      realRoot = realpathSync(root.dir);
    } catch {
      // keep the path as given
    }
    const closure = context.graph.closure(root.dir).kustomizations;
    let toReal = (path: string) => path;
    const buildDir = join(wrapperDir, 'wrapper');
    require('node:fs').mkdirSync(buildDir);
    if (context.leftOut) {
      const mirrored = mirrorClosure(root, closure, wrapperDir);
      realRoot = mirrored.root;
      toReal = mirrored.toReal;
    }
    const reference = relative(buildDir, realRoot).split(sep).join('/');
    writeFileSync(
      join(buildDir, 'kustomization.yaml'),
      `# Written by kubeguard to read origin annotations; deleted after the build.\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ${JSON.stringify(reference)}\nbuildMetadata: [originAnnotations, transformerAnnotations]\n`,
    );
    const args = [...tool.args, buildDir];
    if (settings.loadRestrictor === 'none' || context.leftOut) args.push('--load-restrictor', 'LoadRestrictionsNone');
    const options = { cwd: buildDir, env: offlineEnv(context.env), timeoutMs: context.timeoutMs };
    let run = await runTool(tool.file, args, options, context.clock);
    let unrestricted = false;
    if (run.code !== 0 && settings.loadRestrictor === 'auto' && !args.includes('--load-restrictor') && LOAD_RESTRICTOR_ERROR.test(run.stderr)) {
      // A root that reads files outside its directory is built that way by its own pipeline (--load-restrictor
      // LoadRestrictionsNone): lint what it deploys; collect.ts says which roots were built so.
      const again = await runTool(tool.file, [...args, '--load-restrictor', 'LoadRestrictionsNone'], options, context.clock);
      if (again.code === 0) [run, unrestricted] = [again, true];
    }
    if (run.code !== 0) {
      // Paths in kustomize's messages are inside the mirror or relative to the wrapper: show them relative to the working directory.
      const raw = mapMirrorPaths(toolMessage(run, 8000), wrapperDir, toReal);
      const located = failingEntry(closure, raw);
      const toCwd = relative(buildDir, realpathSync(context.cwd)).split(sep).join('/');
      const message = innermostKustomizeError(raw.split(`${toCwd}/`).join('').split(realpathSync(context.cwd) + sep).join('').split(buildDir).join('<build>'));
      const why = `${/no matches for Id|failed to find unique target/.test(message) ? ' (a patch targets an object the remote entries define)' : ''}, so this root is not built and its local resources are linted as plain files: ${message}`;
      // The root's own left-out entry, when it has one, says both things in one finding (collect.ts drops the
      // preflight's finding at that entry); left-out entries of its bases keep theirs, and this one is on line 1.
      const own = leftOutEntries(root)[0];
      const finding = context.leftOut
        ? own
          ? entryFinding(root, own.entry, context.cwd, BUILD_SKIPPED, `${own.what}, and without it this root does not build${why}`)
          : buildFinding(BUILD_SKIPPED, rootFile, `kustomize build without the remote entries failed${why}`)
        : located
          ? entryFinding(located.k, located.entry, context.cwd, BUILD_ERROR, `kustomize build of ${displayFile(context.cwd, root.dir) || '.'} failed here: ${message}`)
          : buildFinding(BUILD_ERROR, rootFile, `kustomize build failed: ${message}`);
      return { problems: [finding], notBuilt: finding };
    }
    const stripped = stripOriginAnnotations(run.stdout, buildDir);
    if (context.leftOut) {
      for (const info of stripped.documents) {
        if (info.origin?.path) info.origin.path = toReal(resolve(buildDir, info.origin.path));
        if (info.origin?.configuredIn) info.origin.configuredIn = toReal(resolve(buildDir, info.origin.configuredIn));
        info.transformedIn = info.transformedIn.map(toReal);
      }
    }
    context.beforeParse?.();
    const parsed = parseManifest(builtName(context.cwd, root.dir), stripped.text, context.limits);
    parsed.buildFile = rootFile;
    const originContext: OriginContext = { cwd: context.cwd, graph: context.graph, wrapperDir: buildDir };
    for (const document of parsed.documents) {
      const info = stripped.documents[document.index];
      // One object per document (its embedded Deployments, for an OLM CSV, come after it and share its origin).
      if (!info || !document.objects.length || document.objects[0].pathPrefix.length) continue;
      const object = document.objects[0].object;
      document.origin = (path) => {
        try {
          return resolveKustomizeOrigin(path, object, info, originContext);
        } catch {
          return undefined; // an origin is a help, never a reason to lose the finding
        }
      };
      // Where the object is defined (its resource file, or the kustomization of a generator): overrides match it.
      try {
        document.sourceFile = definingFile(object, info, originContext);
      } catch {
        document.sourceFile = undefined;
      }
      document.fixTarget = (path) => {
        try {
          return resolveFixTarget(path, object, info, originContext);
        } catch (error) {
          return { refused: `cannot map the fix to a source file (${(error as Error).message})` };
        }
      };
    }
    return { file: parsed, problems: [], ...(unrestricted ? { unrestricted } : {}) };
  } finally {
    rmSync(wrapperDir, { recursive: true, force: true });
  }
}

/** Mirror paths in a message, as the user's paths. */
function mapMirrorPaths(message: string, wrapperDir: string, toReal: (path: string) => string): string {
  const mirror = join(wrapperDir, 'mirror');
  return message.replace(new RegExp(`${mirror.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^'\\s:)]*`, 'g'), (path) => toReal(path));
}
