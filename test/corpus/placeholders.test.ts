// End to end over every folder of ../shared/corpus with the recommended preset: no finding sits on a placeholder
// (a Helm or Go template action, envsubst, HELMSUBST_, a `{{...}}` read as a mapping, `...prose...`), as the one
// placeholder notion of src/rules/utils/placeholder.ts defines it, none on a status (what the cluster reports, as in the
// assertion files of kuttl/chainsaw tests), and linting the whole corpus raises no internal error.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { isPlaceholder } from '../../src/rules/utils/placeholder';
import { parseManifest } from '../../src/sources/yaml-loader';

const corpus = resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

function yamlFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) files.push(path);
  }
  return files;
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

function valueAt(root: unknown, segments: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const segment of segments) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

/** The value a finding is about, read from the document of the file that holds its line. */
const parsedFiles = new Map<string, { parsed: ReturnType<typeof parseManifest>; lineStarts: number[] }>();

function reportedValue(file: string, text: string, line: number, path: string): unknown {
  let entry = parsedFiles.get(file);
  if (!entry) {
    const lineStarts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
    parsedFiles.set(file, (entry = { parsed: parseManifest(file, text), lineStarts }));
  }
  const { parsed } = entry;
  const offset = entry.lineStarts[line - 1] ?? 0;
  for (const document of parsed.documents) {
    const range = document.document.range;
    if (!range || offset < range[0] || offset > range[2]) continue;
    for (const { object, pathPrefix } of document.objects) {
      const segments = pathSegments(path);
      if (pathPrefix.some((segment, index) => segments[index] !== segment)) continue;
      return valueAt(object, segments.slice(pathPrefix.length));
    }
  }
  return undefined;
}

const groups = existsSync(corpus) ? readdirSync(corpus).filter((name) => statSync(join(corpus, name)).isDirectory()).sort() : [];

for (const group of groups) {
  test(`recommended preset on corpus/${group}: no finding on a placeholder or a status`, () => {
    const inputs = yamlFiles(join(corpus, group)).map((path) => ({ file: relative(corpus, path), text: readFileSync(path, 'utf8').replace(/^\ufeff/, '') }));
    const texts = new Map(inputs.map((input) => [input.file, input.text]));
    const result = lintText(inputs, { preset: 'recommended' });
    assert.equal(result.findings.filter((finding) => /Internal error/.test(finding.message)).map((finding) => `${finding.file}:${finding.line}`), []);
    const onPlaceholders: string[] = [];
    for (const finding of result.findings) {
      if (finding.path === undefined) continue;
      const value = reportedValue(finding.file, texts.get(finding.file)!, finding.line, finding.path);
      // A finding at a map (no-plaintext-secret at `data`) is about its entries: they must not all be placeholders.
      const entries = value && typeof value === 'object' && !isPlaceholder(value) ? Object.values(value) : undefined;
      const onPlaceholder = entries ? entries.length > 0 && entries.every((entry) => isPlaceholder(entry)) : isPlaceholder(value);
      if (onPlaceholder) onPlaceholders.push(`${finding.ruleId} ${finding.file}:${finding.line} ${finding.path}`);
    }
    assert.equal(onPlaceholders, []);
    // No partial object linted as a full one: a status is what the cluster reports, never a manifest field to judge.
    assert.equal(result.findings.filter((finding) => /^status\b/.test(finding.path ?? '')).map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`), []);
  });
}

test('the corpus holds placeholders for this test to mean something', () => {
  if (!existsSync(corpus)) return;
  const texts = groups.flatMap((group) => yamlFiles(join(corpus, group)).map((path) => readFileSync(path, 'utf8')));
  assert.ok(texts.some((text) => /:\s+"?\{\{/.test(text)), 'a Helm/Go template value');
  assert.ok(texts.some((text) => /\.\.\.[a-z0-9 ]+\.\.\./.test(text)), 'an ellipsis placeholder');
});

test.run();
