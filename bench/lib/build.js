// Builds the CLI bundle once per bench process, so the numbers are for the current sources.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
let built = false;

function ensureBuilt() {
  if (built || process.env.KUBEGUARD_BENCH_NO_BUILD) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

module.exports = { ensureBuilt, ROOT };
