#!/usr/bin/env node
// Bundles the CLI into one file: one module to load is the fastest start. kubernetes-models (loaded lazily, per
// kind, by the schema rule), cosmiconfig (only once a config file is found) and ora (ESM, only for interactive
// progress) stay external.
'use strict';
const { buildSync } = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

// The presets and the version go into the bundle, so a run neither parses YAML presets nor reads package.json.
function presetsJson() {
  const { parse } = require('yaml');
  const { isDeepStrictEqual } = require('node:util');
  const directory = path.join(root, 'rulesets');
  const presets = {};
  for (const name of fs.readdirSync(directory).filter((file) => file.endsWith('.yaml')).sort()) {
    const value = parse(fs.readFileSync(path.join(directory, name), 'utf8'));
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) throw new Error(`rulesets/${name} holds values JSON cannot carry`);
    presets[name.slice(0, -'.yaml'.length)] = value;
  }
  return JSON.stringify(presets);
}

buildSync({
  entryPoints: [path.join(root, 'src/cli/index.ts')],
  outfile: path.join(root, 'dist/kubeguard.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Fewer bytes to read and decode, and a smaller code cache; dist/kubeguard.js.map maps stack traces back
  // (`node --enable-source-maps`).
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  define: {
    __KUBEGUARD_PRESETS_JSON__: JSON.stringify(presetsJson()),
    __KUBEGUARD_VERSION__: JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version),
  },
  external: ['cosmiconfig', 'typescript', 'kubernetes-models', 'kubernetes-models/*', '@kubernetes-models/*', 'ora'],
  logLevel: 'warning',
});

// bin/load-bundle.js reads the bundle as latin1, the cheaper exact decoding of ASCII (esbuild escapes non-ASCII
// characters in strings; this catches any that slip through, in regular expressions say).
if (/[^\x00-\x7f]/.test(fs.readFileSync(path.join(root, 'dist/kubeguard.js'), 'latin1'))) throw new Error('dist/kubeguard.js is not ASCII');

// The Azure Policy definitions, read beside the bundle only when --azure-policy is used (src/policy/azure/apply.ts).
fs.copyFileSync(path.join(root, 'src', 'policy', 'azure', 'built-in-definitions.json'), path.join(root, 'dist', 'azure-policy-definitions.json'));

// One bundled validator per built-in kind's schema for the schema rule (scripts/build-schemas.js).
require('./build-schemas').make();

// V8's compiled code for the bundle, loaded by bin/load-bundle.js: a faster start (scripts/code-cache.js).
require('./code-cache').make();
