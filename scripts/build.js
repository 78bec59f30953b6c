#!/usr/bin/env node
// Bundles the CLI into one file: one module to load is the fastest start. kubernetes-models (loaded lazily, per
// kind, by the schema rule), cosmiconfig (only once a config file is found) and ora (ESM, only for interactive
// progress) stay external.
'use strict';
const { buildSync } = require('esbuild');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
buildSync({
  entryPoints: [path.join(root, 'src/cli/index.ts')],
  outfile: path.join(root, 'dist/kubeguard.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'none',
  external: ['cosmiconfig', 'typescript', 'kubernetes-models', 'kubernetes-models/*', '@kubernetes-models/*', 'ora'],
  logLevel: 'warning',
});
