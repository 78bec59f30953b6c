#!/usr/bin/env node
// npm's `prepare` (npm install / npm ci in a checkout, npm pack): builds the bundle, then installs this repository's
// Git hooks with husky (.husky/pre-commit) where that makes sense. It never fails the install because of the hooks:
// outside a Git checkout, in CI (CI set), with HUSKY=0, or without husky (npm ci --omit=dev) it skips them.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function isCI(env) {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

/** Why the hooks are not installed here, or undefined when they should be. */
function hooksSkipReason(dir, env) {
  if (isCI(env)) return 'CI';
  if (env.HUSKY === '0') return 'HUSKY=0';
  // `.git` is a directory in a clone and a file in a worktree or submodule; a tarball install has neither.
  if (!existsSync(path.join(dir, '.git'))) return 'not a Git checkout';
  return undefined;
}

/** Installs the hooks with husky (ESM-only, hence the dynamic import); returns a note, or '' when done. */
async function installHooks(dir, options = {}) {
  const load = options.loadHusky || (() => import('husky'));
  let husky;
  try {
    husky = (await load()).default;
  } catch (error) {
    if (error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')) return 'husky is not installed (a production install?): Git hooks skipped';
    return `cannot load husky (${error && error.message}): Git hooks skipped`;
  }
  const previous = process.cwd();
  try {
    process.chdir(dir); // husky works relative to the working directory
    const message = husky('.husky');
    return message ? `husky: ${message}` : '';
  } catch (error) {
    return `husky failed (${error && error.message}): Git hooks skipped`;
  } finally {
    process.chdir(previous);
  }
}

/** Builds dist/ with esbuild; without esbuild (npm ci --omit=dev) it says how to build instead of failing. */
function build(dir) {
  try {
    require.resolve('esbuild', { paths: [dir] });
  } catch {
    const built = existsSync(path.join(dir, 'dist', 'kubeguard.js'));
    return built
      ? 'esbuild is not installed: keeping the existing dist/kubeguard.js'
      : 'esbuild is not installed, so dist/kubeguard.js was not built: install the dev dependencies (npm ci) and run npm run build';
  }
  require(path.join(dir, 'scripts', 'build.js'));
  return '';
}

async function main(options = {}) {
  const dir = options.root || root;
  const env = options.env || process.env;
  const log = options.log || ((line) => process.stderr.write(`prepare: ${line}\n`));
  const buildNote = (options.build || build)(dir);
  if (buildNote) log(buildNote);
  const reason = hooksSkipReason(dir, env);
  if (reason) return;
  const note = await installHooks(dir, options);
  if (note) log(note);
}

module.exports = { hooksSkipReason, installHooks, build, main, isCI };

if (require.main === module) {
  // Only a failed build fails the install (installHooks reports its problems instead of throwing).
  main().catch((error) => {
    process.stderr.write(`prepare: ${(error && error.stack) || error}\n`);
    process.exitCode = 1;
  });
}
