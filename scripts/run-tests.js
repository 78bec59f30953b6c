#!/usr/bin/env node
// Runs every uvu test file (test/**/*.test.ts, TypeScript through esbuild-register) in one process and ends with
// the plain "N passed, N failed" line that CI reads. Extra arguments are a file pattern: `npm test -- pss`.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const filter = process.argv[2] ? `${process.argv[2].replace(/[.+^${}()|[\]\\]/g, '\\$&')}.*\\.test\\.ts$` : '\\.test\\.ts$';
const child = spawn(process.execPath, [path.join(root, 'node_modules', 'uvu', 'bin.js'), 'test', filter, '-r', 'esbuild-register', '--no-color'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0' },
});
let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString('utf8');
});
child.on('close', (code) => {
  const number = (label) => Number((new RegExp(`${label}:\\s+(\\d+)`).exec(output) || [])[1] || 0);
  const total = number('Total');
  const passed = number('Passed');
  const skipped = number('Skipped');
  let failed = total - passed - skipped;
  // A file that throws on import ends uvu before its summary: count it as a failure, never as a pass.
  if (code !== 0 && failed === 0) failed = 1;
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  process.exitCode = code === 0 && failed === 0 ? 0 : 1;
});
