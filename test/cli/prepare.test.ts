// scripts/prepare.js (npm's prepare): builds, installs the husky hooks only in a Git checkout outside CI, and never
// fails because husky (or esbuild, in a production install) is missing. Run for real in throwaway copies, so the
// repository's own dist/ and Git config are never touched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers';
import { cleanEnv, gitRepo } from './git-repo';

const root = join(__dirname, '..', '..');
const prepare = require('../../scripts/prepare.js') as {
  hooksSkipReason(dir: string, env: Record<string, string | undefined>): string | undefined;
  installHooks(dir: string, options?: { loadHusky?: () => Promise<unknown> }): Promise<string>;
  isCI(env: Record<string, string | undefined>): boolean;
};

/** A project copy with the real prepare.js, a stub build.js that leaves a marker, and optional stub modules. */
function project(options: { git: boolean; esbuild: boolean; husky: boolean }) {
  const repo = options.git ? gitRepo() : undefined;
  const dir = repo?.dir ?? tempDir();
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  copyFileSync(join(root, 'scripts', 'prepare.js'), join(dir, 'scripts', 'prepare.js'));
  writeFileSync(join(dir, 'scripts', 'build.js'), "require('node:fs').writeFileSync(require('node:path').join(__dirname, '..', 'built'), 'yes');\n");
  if (options.esbuild) {
    mkdirSync(join(dir, 'node_modules', 'esbuild'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'esbuild', 'package.json'), '{"name": "esbuild", "main": "index.js"}');
    writeFileSync(join(dir, 'node_modules', 'esbuild', 'index.js'), '');
  }
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  if (options.husky) symlinkSync(join(root, 'node_modules', 'husky'), join(dir, 'node_modules', 'husky'));
  const env = repo?.env ?? cleanEnv(tempDir());
  const run = (extra: Record<string, string> = {}) => spawnSync(process.execPath, ['scripts/prepare.js'], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8' });
  const hooksPath = () => (repo ? spawnSync('git', ['config', 'core.hooksPath'], { cwd: dir, env, encoding: 'utf8' }).stdout.trim() : '');
  return { dir, run, hooksPath };
}

test('a Git checkout with husky: builds and installs the hooks (core.hooksPath .husky/_)', () => {
  const { dir, run, hooksPath } = project({ git: true, esbuild: true, husky: true });
  const result = run();
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr, '');
  assert.is(readFileSync(join(dir, 'built'), 'utf8'), 'yes');
  assert.is(hooksPath(), '.husky/_');
  assert.ok(existsSync(join(dir, '.husky', '_', 'pre-commit')));
});

test('CI, HUSKY=0 and a tarball install (no .git): builds, no hooks, exit 0', () => {
  for (const extra of [{ CI: 'true' }, { CI: '1' }, { HUSKY: '0' }] as Array<Record<string, string>>) {
    const { dir, run, hooksPath } = project({ git: true, esbuild: true, husky: true });
    const result = run(extra);
    assert.is(result.status, 0, result.stderr);
    assert.ok(existsSync(join(dir, 'built')));
    assert.is(hooksPath(), '', JSON.stringify(extra));
    assert.not.ok(existsSync(join(dir, '.husky')));
  }
  const tarball = project({ git: false, esbuild: true, husky: true });
  const result = tarball.run();
  assert.is(result.status, 0, result.stderr);
  assert.ok(existsSync(join(tarball.dir, 'built')));
  assert.not.ok(existsSync(join(tarball.dir, '.husky')));
});

test('husky missing (npm ci --omit=dev): a note, no failure', () => {
  const { dir, run, hooksPath } = project({ git: true, esbuild: true, husky: false });
  const result = run();
  assert.is(result.status, 0);
  assert.match(result.stderr, /prepare: husky is not installed \(a production install\?\): Git hooks skipped/);
  assert.ok(existsSync(join(dir, 'built')));
  assert.is(hooksPath(), '');
});

test('esbuild missing: says how to build instead of failing; keeps an existing dist', () => {
  const fresh = project({ git: false, esbuild: false, husky: false });
  const result = fresh.run();
  assert.is(result.status, 0);
  assert.match(result.stderr, /esbuild is not installed, so dist\/kubeguard\.js was not built: install the dev dependencies \(npm ci\) and run npm run build/);
  mkdirSync(join(fresh.dir, 'dist'));
  writeFileSync(join(fresh.dir, 'dist', 'kubeguard.js'), '');
  assert.match(fresh.run().stderr, /keeping the existing dist\/kubeguard\.js/);
});

test('a failing build fails the install', () => {
  const { dir, run } = project({ git: true, esbuild: true, husky: true });
  writeFileSync(join(dir, 'scripts', 'build.js'), "throw new Error('esbuild: syntax error');\n");
  const result = run();
  assert.is(result.status, 1);
  assert.match(result.stderr, /esbuild: syntax error/);
});

test('hooksSkipReason and isCI', () => {
  const repo = gitRepo();
  assert.is(prepare.hooksSkipReason(repo.dir, {}), undefined);
  assert.is(prepare.hooksSkipReason(repo.dir, { CI: 'false' }), undefined);
  assert.is(prepare.hooksSkipReason(repo.dir, { CI: '' }), undefined);
  assert.is(prepare.hooksSkipReason(repo.dir, { CI: 'true' }), 'CI');
  assert.is(prepare.hooksSkipReason(repo.dir, { HUSKY: '0' }), 'HUSKY=0');
  assert.is(prepare.hooksSkipReason(tempDir(), {}), 'not a Git checkout');
  // A worktree has a .git file, not a directory: still a checkout.
  const worktree = tempDir();
  writeFileSync(join(worktree, '.git'), 'gitdir: /elsewhere\n');
  assert.is(prepare.hooksSkipReason(worktree, {}), undefined);
  assert.ok(prepare.isCI({ CI: 'github-actions' }));
  assert.not.ok(prepare.isCI({ CI: '0' }));
});

test('installHooks reports a husky that throws instead of failing', async () => {
  const note = await prepare.installHooks(tempDir(), {
    loadHusky: async () => ({
      default: () => {
        throw new Error('boom');
      },
    }),
  });
  assert.is(note, 'husky failed (boom): Git hooks skipped');
  const message = await prepare.installHooks(tempDir(), { loadHusky: async () => ({ default: () => ".git can't be found" }) });
  assert.is(message, "husky: .git can't be found");
});

test.run();
