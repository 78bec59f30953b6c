// Writes: a lint writes nothing (inputs, working directory, HOME, caches, temp dir all unchanged); only --output and
// --write-baseline write (--fix has its own tests), atomically: a temp file in the target's directory, then a rename,
// so a failure at any point leaves the previous file intact and no temp file behind.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileAtomic } from '../../src/cli/output';
import { kubeguard, openTempDir, removeTempDirs, snapshot } from './cli';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - pod.yaml\n';

/** A project, plus empty HOME, cache and temp directories for the child, to see every write. */
function sandbox() {
  const root = openTempDir('kubeguard-writes-');
  const project = join(root, 'project');
  mkdirSync(join(project, 'app'), { recursive: true });
  writeFileSync(join(project, 'pod.yaml'), POD);
  writeFileSync(join(project, 'app', 'pod.yaml'), POD.replace('name: web', 'name: app'));
  writeFileSync(join(project, 'app', 'kustomization.yaml'), KUSTOMIZATION);
  for (const dir of ['home', 'cache', 'tmp']) mkdirSync(join(root, dir));
  const env = { HOME: join(root, 'home'), XDG_CACHE_HOME: join(root, 'cache'), TMPDIR: join(root, 'tmp'), TMP: join(root, 'tmp'), TEMP: join(root, 'tmp') };
  return { root, project, env, remove: () => rmSync(root, { recursive: true, force: true }) };
}

test('linting writes nothing: not the inputs, the working directory, HOME, caches or the temp directory', () => {
  const box = sandbox();
  try {
    const before = snapshot(box.root);
    const runs = [
      kubeguard(['.'], { cwd: box.project, env: box.env }),
      kubeguard(['--format', 'json', '--no-build', '.'], { cwd: box.project, env: box.env }),
      kubeguard(['--format', 'json', 'app'], { cwd: box.project, env: box.env }), // builds the kustomization where a kustomize is installed
      kubeguard(['-', '--stdin-filename', 'stdin.yaml'], { cwd: box.project, env: box.env, input: POD }),
      kubeguard(['--fix-dry-run', 'pod.yaml'], { cwd: box.project, env: box.env }),
    ];
    for (const run of runs) assert.ok([0, 1, 2].includes(run.code ?? -1), run.stderr);
    // The Kustomize build writes a wrapper kustomization into the temp directory and removes it: the temp directory
    // may have changed times, but nothing may be left in it. Everything else is untouched, directory times included.
    const after = snapshot(box.root);
    assert.equal(readdirSync(join(box.root, 'tmp')), []);
    delete before['tmp/'];
    delete after['tmp/'];
    assert.equal(after, before);
  } finally {
    box.remove();
  }
});

test('--output writes the report atomically and leaves no temp file', () => {
  const box = sandbox();
  try {
    const stdout = kubeguard(['--format', 'json', 'pod.yaml'], { cwd: box.project, env: box.env }).stdout;
    writeFileSync(join(box.project, 'report.json'), 'previous report');
    const run = kubeguard(['--format', 'json', '--output', 'report.json', 'pod.yaml'], { cwd: box.project, env: box.env });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(readFileSync(join(box.project, 'report.json'), 'utf8'), stdout);
    assert.equal(readdirSync(box.project).filter((name) => name.endsWith('.tmp')), []);
  } finally {
    box.remove();
  }
});

test('--output and --write-baseline that cannot be written: exit 2, the target and its directory unchanged', () => {
  const box = sandbox();
  try {
    mkdirSync(join(box.project, 'target-is-a-directory'));
    writeFileSync(join(box.project, 'target-is-a-directory', 'keep.txt'), 'keep');
    const before = snapshot(box.root, { directoryTimes: false });
    for (const flag of ['--output', '--write-baseline']) {
      for (const target of ['target-is-a-directory', join('missing-directory', 'out.json')]) {
        const run = kubeguard([flag, target, 'pod.yaml'], { cwd: box.project, env: box.env });
        assert.equal(run.code, 2, `${flag} ${target}: ${run.stderr}`);
        assert.match(run.stderr, /cannot write/);
        // (Directory times may change: a temp file was made and removed.)
        assert.equal(snapshot(box.root, { directoryTimes: false }), before, `${flag} ${target}`);
      }
    }
  } finally {
    box.remove();
  }
});

test('--write-baseline writes the baseline atomically', () => {
  const box = sandbox();
  try {
    writeFileSync(join(box.project, 'baseline.json'), 'previous');
    const run = kubeguard(['--write-baseline', 'baseline.json', 'pod.yaml'], { cwd: box.project, env: box.env });
    assert.equal(run.code, 0, run.stderr);
    JSON.parse(readFileSync(join(box.project, 'baseline.json'), 'utf8'));
    assert.equal(readdirSync(box.project).filter((name) => name.endsWith('.tmp')), []);
  } finally {
    box.remove();
  }
});

test('a failure in the middle of an atomic write leaves the original intact and removes the temp file', () => {
  const dir = openTempDir('kubeguard-atomic-');
  const target = join(dir, 'report.txt');
  // The module object itself (not an import namespace, whose bindings are read-only), as output.ts reads it at call time.
  const fs = require('node:fs') as typeof import('node:fs');
  const original = { writeFileSync: fs.writeFileSync, renameSync: fs.renameSync };
  try {
    writeFileSync(target, 'original');
    // The disk fills up half-way through the temp file.
    (fs as { writeFileSync: unknown }).writeFileSync = (path: import('node:fs').PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView) => {
      original.writeFileSync(path, String(data).slice(0, 3));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    assert.throws(() => writeFileAtomic(target, 'the new report'), /ENOSPC/);
    (fs as { writeFileSync: unknown }).writeFileSync = original.writeFileSync;
    assert.equal(readFileSync(target, 'utf8'), 'original');
    assert.equal(readdirSync(dir), ['report.txt']);
    // The rename fails (another process holds the target, a read-only mount...).
    (fs as { renameSync: unknown }).renameSync = () => {
      throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });
    };
    assert.throws(() => writeFileAtomic(target, 'the new report'), /EBUSY/);
    (fs as { renameSync: unknown }).renameSync = original.renameSync;
    assert.equal(readFileSync(target, 'utf8'), 'original');
    assert.equal(readdirSync(dir), ['report.txt']);
    // And when nothing fails, the new content is there in one piece.
    writeFileAtomic(target, 'the new report');
    assert.equal(readFileSync(target, 'utf8'), 'the new report');
    assert.equal(readdirSync(dir), ['report.txt']);
  } finally {
    Object.assign(fs, original);
    rmSync(dir, { recursive: true, force: true });
  }
});

test.after(removeTempDirs);

test.run();
