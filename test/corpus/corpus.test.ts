// The strict preset over the real public manifests of ../shared/corpus: no crash, no parse-error, every position
// on the text of the reported key or value, and a snapshot of finding counts per rule per folder
// (UPDATE_SNAPSHOTS=1 rewrites it; read the diff: a new finding on real manifests must be a true positive).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import type { Finding } from '../../src/engine/types';
import { parseManifest } from '../../src/sources/yaml-loader';
import { runCli } from '../helpers';

const corpus = resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
const snapshotFile = resolve(__dirname, 'counts.json');

function manifestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // Helm chart sources are templates, not YAML: their rendered output is what is linted.
      if (name !== 'chart') files.push(...manifestFiles(path));
    } else if (/\.(ya?ml|json)$/.test(name)) {
      files.push(path);
    }
  }
  return files;
}

function folders(): string[] {
  return ['real', 'helm-rendered', 'kustomize'].flatMap((group) =>
    readdirSync(join(corpus, group))
      .filter((name) => statSync(join(corpus, group, name)).isDirectory())
      .map((name) => `${group}/${name}`),
  );
}

function valueAt(object: unknown, segments: Array<string | number>): unknown {
  let node = object;
  for (const segment of segments) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(`"${match[3]}"`));
  }
  return segments;
}

/** The document holding `line`, as plain data, to read the value a sequence-item finding points at. */
const parsedFiles = new Map<string, ReturnType<typeof parseManifest>>();

function documentAt(file: string, text: string, line: number): unknown {
  let parsed = parsedFiles.get(file);
  if (!parsed) parsedFiles.set(file, (parsed = parseManifest(file, text)));
  const offset = text.split('\n').slice(0, line - 1).join('\n').length + 1;
  const document = parsed.documents.find(({ document: { range } }) => !!range && range[0] <= offset && offset <= range[2]);
  return document?.document.toJS({ maxAliasCount: -1 });
}

/** The token at the finding's position must be a key of its path, an item's `name` key, a merge key or alias, or the item's own value. */
function pointsAtPath(finding: Finding, text: string): boolean {
  const line = text.split('\n')[finding.line - 1] ?? '';
  const token = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(<<|\*[^\s,\]}]+|[^\s:,\]}#]+))/.exec(line.slice(finding.column - 1));
  if (!token) return false;
  const word = token[1] ?? token[2] ?? token[3];
  if (word.startsWith('*') || word === '<<' || word === 'kind' || word === 'name') return true;
  const segments = pathSegments(finding.path ?? '');
  if (segments.some((segment) => String(segment) === word)) return true;
  const document = documentAt(finding.file, text, finding.line);
  // A sequence item that is a scalar is shown at its value (`- secrets`).
  if (typeof segments[segments.length - 1] === 'number' && String(valueAt(document, segments)) === word) return true;
  // A missing field inside a sequence item is shown at the item's `name` key, or its first key.
  let existing = segments.length;
  while (existing > 0 && valueAt(document, segments.slice(0, existing)) === undefined) existing--;
  const parent = valueAt(document, segments.slice(0, existing));
  return existing < segments.length && typeof segments[existing - 1] === 'number' && !!parent && typeof parent === 'object' && Object.keys(parent)[0] === word;
}

const counts: Record<string, Record<string, number>> = {};

function record(folder: string, findings: ReadonlyArray<{ ruleId: string }>): void {
  const perRule: Record<string, number> = {};
  for (const finding of findings) perRule[finding.ruleId] = (perRule[finding.ruleId] ?? 0) + 1;
  counts[folder] = Object.fromEntries(Object.entries(perRule).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// Kustomize trees are linted as users lint them: through `kubectl kustomize` builds, by the CLI.
for (const folder of existsSync(corpus) ? folders().filter((name) => !name.startsWith('kustomize/')) : []) {
  test(`strict preset on corpus/${folder}`, () => {
    const inputs = manifestFiles(join(corpus, folder)).map((path) => ({ file: relative(corpus, path), text: readFileSync(path, 'utf8') }));
    const result = lintText(inputs, { preset: 'strict' });
    const texts = new Map(inputs.map((input) => [input.file, input.text.replace(/^\ufeff/, '')]));
    const problems = result.findings.filter((finding) => finding.ruleId === 'parse-error' || /Internal error/.test(finding.message));
    assert.equal(problems.map((finding) => `${finding.file}:${finding.line} ${finding.message}`), []);
    for (const finding of result.findings) {
      const text = texts.get(finding.file)!;
      assert.ok(finding.line >= 1 && finding.column >= 1, `${finding.file}:${finding.line}:${finding.column}`);
      if (finding.path !== undefined) {
        assert.ok(pointsAtPath(finding, text), `${finding.ruleId} at ${finding.file}:${finding.line}:${finding.column} (${finding.path}): "${text.split('\n')[finding.line - 1]?.trim()}"`);
      }
    }
    record(folder, result.findings);
  });
}

// The one build that fails upstream too: it names a file that only exists in the example's README (SOURCE.md).
const KNOWN_BROKEN_BUILD = 'kustomize/kustomize-examples/transformerconfigs/images';

for (const folder of existsSync(corpus) ? folders().filter((name) => name.startsWith('kustomize/')) : []) {
  test(`strict preset on corpus/${folder}, built with kubectl kustomize`, () => {
    const run = runCli(['--preset', 'strict', '--format', 'json', folder], { cwd: corpus });
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
    const findings = JSON.parse(run.stdout).results as Array<Finding & { origin?: { file: string; line?: number; column?: number } }>;
    const problems = findings.filter((finding) => finding.ruleId === 'parse-error' || (finding.ruleId === 'build-error' && !finding.file.startsWith(KNOWN_BROKEN_BUILD)) || /Internal error/.test(finding.message));
    assert.equal(problems.map((finding) => `${finding.file}:${finding.line} ${finding.message}`), []);
    if (folder === 'kustomize/kustomize-examples') {
      // At the entry that names the missing file, not on the root as a whole.
      const broken = findings.filter((finding) => finding.ruleId === 'build-error' && finding.file.startsWith(KNOWN_BROKEN_BUILD));
      assert.equal(broken.map((finding) => [finding.file, finding.line, finding.column]), [[`${KNOWN_BROKEN_BUILD}/kustomization.yaml`, 5, 3]], 'the upstream-broken build is reported');
    }
    for (const finding of findings) {
      if (!finding.origin?.line) continue;
      // The source position must be on the text a person edits: a key of the path, or the kustomization entry.
      const text = readFileSync(join(corpus, finding.origin.file), 'utf8');
      const line = text.split('\n')[finding.origin.line - 1] ?? '';
      const isKustomization = /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(finding.origin.file);
      // A JSON 6902 patch adds a whole subtree: its `value:` key is where the added value is written.
      const isJsonPatchValue = /^\s*-\s*op:/m.test(text) && /^\s*-?\s*value:/.test(line) && line.indexOf('value') === (finding.origin.column ?? 1) - 1;
      const shown = { ...finding, file: finding.origin.file, line: finding.origin.line, column: finding.origin.column ?? 1 };
      assert.ok(isKustomization || isJsonPatchValue || pointsAtPath(shown, text), `${finding.ruleId} origin ${finding.origin.file}:${finding.origin.line}: "${line.trim()}"`);
    }
    record(folder, findings);
  });
}

test('finding counts per rule per corpus folder match the snapshot', () => {
  if (!existsSync(corpus)) return;
  if (process.env.UPDATE_SNAPSHOTS === '1' || (!existsSync(snapshotFile) && !process.env.CI)) {
    writeFileSync(snapshotFile, JSON.stringify(counts, null, 2) + '\n');
  }
  assert.equal(counts, JSON.parse(readFileSync(snapshotFile, 'utf8')));
});

test.run();
