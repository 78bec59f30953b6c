// Issue 16's safety net: --fix over every folder of the shared corpus (a temp copy), with the recommended and then
// the strict preset, Kustomize builds on. Afterwards every Kustomize directory builds as before and its output differs
// from the original build only by added security fields; every changed file differs from its original only that way;
// no file that holds template actions was written. Each root is built once before and once after.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { run } from '../../src/cli/main';
import { findTemplateAction } from '../../src/fix/template-actions';
import { KustomizeGraph, SourceCache } from '../../src/sources/kustomize';
import { walk } from '../../src/sources/walker';
import { tempDir } from '../helpers';
import { unsafeChanges } from './additions';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

async function cli(argv: string[], cwd: string) {
  let stderr = '';
  const stream = (append: (text: string) => void) => ({ write: (chunk: string) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run({ argv, cwd, env: { PATH: process.env.PATH }, stdout: stream(() => undefined), stderr: stream((text) => (stderr += text)), readStdin: async () => '' });
  return { code, stderr };
}

function documentsOf(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1', merge: true }).map((document) => document.toJS({ maxAliasCount: -1 }));
}

/** Builds every directory (two at a time, as CI has two CPUs): objects by kind/namespace/name, or undefined on failure. */
async function buildAll(dirs: readonly string[]): Promise<Map<string, Map<string, unknown> | undefined>> {
  const builds = new Map<string, Map<string, unknown> | undefined>();
  const queue = [...dirs];
  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
      try {
        const { stdout } = await promisify(execFile)('kubectl', ['kustomize', dir], { maxBuffer: 256 * 1024 * 1024, env: { PATH: process.env.PATH, HOME: dir } });
        const objects = new Map<string, unknown>();
        for (const value of documentsOf(stdout)) {
          const object = value as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
          if (object) objects.set(`${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`, object);
        }
        builds.set(dir, objects);
      } catch {
        builds.set(dir, undefined);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return builds;
}

test('the corpus after --fix (recommended, then strict): builds and files only gain security fields', async () => {
  if (!existsSync(CORPUS)) {
    console.log(`  (skipped: the corpus is not at ${CORPUS})`);
    return;
  }
  const dir = tempDir();
  cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
  const files = walk(['corpus'], { cwd: dir }).files;
  const before = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  // Roots: Kustomize directories no other one here builds on (their bases are inside their builds).
  const graph = new KustomizeGraph(new SourceCache());
  const directories = [...new Set(files.filter((file) => KUSTOMIZATION.test(file)).map(dirname))].sort();
  const used = new Set(directories.flatMap((directory) => graph.closure(directory).kustomizations.map((k) => k.dir).filter((used) => used !== directory)));
  const roots = directories.filter((directory) => !used.has(directory) && graph.load(directory)?.kind === 'Kustomization');
  assert.ok(roots.length >= 25, `${roots.length} Kustomize roots`);
  const builtBefore = await buildAll(roots);
  assert.ok([...builtBefore.values()].filter(Boolean).length >= 20, 'most roots build');

  for (const preset of ['recommended', 'strict']) {
    const result = await cli(['--preset', preset, '--fix', '--format', 'json', 'corpus'], dir);
    assert.not.match(result.stderr, /internal error|cannot write/, result.stderr);
    assert.match(result.stderr, /Fixed \d+ problems in \d+ files/, `${preset}: ${result.stderr}`);
  }

  let changed = 0;
  for (const [file, text] of before) {
    const after = readFileSync(file, 'utf8');
    if (after === text) continue;
    changed++;
    const name = relative(dir, file);
    const documents = parseAllDocuments(text, { version: '1.1', merge: true });
    assert.is(findTemplateAction(documents, text), undefined, `${name} holds template actions but was written`);
    const old = documentsOf(text);
    const now = documentsOf(after);
    assert.is(now.length, old.length, name);
    old.forEach((value, index) => assert.equal(unsafeChanges(value, now[index]), [], `${name} document ${index}`));
  }
  assert.ok(changed > 100, `${changed} files changed`);

  const builtAfter = await buildAll(roots);
  let compared = 0;
  for (const root of roots) {
    const old = builtBefore.get(root);
    if (!old) continue;
    const now = builtAfter.get(root);
    const name = relative(dir, root);
    assert.ok(now, `${name} built before --fix but not after`);
    assert.equal([...now!.keys()], [...old.keys()], name);
    for (const [key, object] of old) assert.equal(unsafeChanges(object, now!.get(key)), [], `${name}: ${key}`);
    compared++;
  }
  assert.ok(compared >= 20, `${compared} builds compared`);
  console.log(`  (${changed} files changed, ${compared} of ${roots.length} Kustomize roots built and compared)`);
});

test.run();
