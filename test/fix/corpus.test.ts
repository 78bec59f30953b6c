// --fix over the real manifests of the shared corpus (copied to a temp directory): every offered fix applies, the
// fixed files load, JSON stays JSON, a second run has nothing left to fix, and only fixed lines changed.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../src/cli/main';
import { splitLines } from '../../src/fix/diff';
import { walk } from '../../src/sources/walker';
import { parseManifest } from '../../src/sources/yaml-loader';
import { tempDir } from '../helpers';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const FOLDERS = ['real', 'pss'];

async function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const stream = (append: (text: string) => void) => ({ write: (chunk: string) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run({ argv, cwd, env: { PATH: process.env.PATH }, stdout: stream((text) => (stdout += text)), stderr: stream((text) => (stderr += text)), readStdin: async () => '' });
  return { code, stdout, stderr };
}

test('the corpus: every fix applies, files still load, a second run finds nothing to fix', async () => {
  if (!FOLDERS.every((folder) => existsSync(join(CORPUS, folder)))) {
    console.log(`  (skipped: the corpus is not at ${CORPUS})`);
    return;
  }
  const dir = tempDir({ '.kubeguardrc.yaml': 'extends: strict\nrules:\n  read-only-root-filesystem: [warning, { fix: true }]\n' });
  for (const folder of FOLDERS) cpSync(join(CORPUS, folder), join(dir, folder), { recursive: true });
  const files = walk(['.'], { cwd: dir }).files.filter((file) => !file.endsWith('.kubeguardrc.yaml'));
  const before = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));

  const first = await cli(['--no-build', '--fix', '--format', 'json', ...FOLDERS], dir);
  // Templates for another tool (an unquoted `{{replicas}}`) are the one refusal expected here, and stay as they were.
  const templates = first.stderr.split('\n').filter((line) => /: not fixed: it holds template actions/.test(line));
  assert.equal(templates.map((line) => /^kubeguard: ([^:]+):/.exec(line)![1]), ['real/kubernetes-examples/_archived__storage__vitess__etcd-controller-template.yaml']);
  const others = first.stderr.split('\n').filter((line) => !templates.includes(line)).join('\n');
  assert.not.match(others, /fix not applied|internal error|not fixed/, first.stderr);
  const fixed = /Fixed (\d+) problems in (\d+) files/.exec(first.stderr);
  assert.ok(fixed && Number(fixed[1]) > 500 && Number(fixed[2]) > 100, first.stderr);

  let changed = 0;
  for (const [file, text] of before) {
    const after = readFileSync(file, 'utf8');
    if (after === text) continue;
    changed++;
    const name = relative(dir, file);
    assert.equal(parseManifest(name, after).problems, [], name);
    if (name.endsWith('.json')) assert.not.throws(() => JSON.parse(after), name);
    // Fixes only add lines or change lines in place: every original line is still there, in order, or was a
    // line whose value a fix replaced (or that closed a JSON object now followed by a comma).
    const oldLines = splitLines(text);
    const newLines = splitLines(after);
    assert.ok(newLines.length >= oldLines.length, name);
    let cursor = 0;
    let replaced = 0;
    for (const line of oldLines) {
      const at = newLines.indexOf(line, cursor);
      if (at === -1) replaced++;
      else cursor = at + 1;
    }
    assert.ok(replaced <= 8, `${name}: ${replaced} lines rewritten`);
  }
  assert.is(changed, Number(fixed![2]));
  const template = join(dir, 'real/kubernetes-examples/_archived__storage__vitess__etcd-controller-template.yaml');
  assert.is(readFileSync(template, 'utf8'), before.get(template));

  const second = await cli(['--no-build', '--fix-dry-run', ...FOLDERS], dir);
  assert.is(second.stdout, '');
  assert.not.match(second.stderr, /Would fix/);
});

test.run();
