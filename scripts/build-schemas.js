// Bundles the kubernetes-models validator of each built-in kind into one file per schema under dist/schemas/, with
// dist/schemas/index.json mapping `group/version/Kind` (the model module path) to it. The schema rule
// (src/model/schema/load.ts) loads one file instead of the ~115 modules a Deployment's validator spans (measured
// 44 -> 26 ms). `@kubernetes-models/validate` (the formats) stays external: load.ts puts its own formats in
// require.cache under that module's id before the first bundle loads.
'use strict';
const { buildSync } = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** `{ 'apps/v1/Deployment': '<abs path of _schemas/IoK8sApiAppsV1Deployment.js>' }` for every top-level kind. */
function topLevelKinds() {
  const packageFile = require.resolve('kubernetes-models/package.json', { paths: [root] });
  const packageDir = path.dirname(packageFile);
  const exportsMap = JSON.parse(fs.readFileSync(packageFile, 'utf8')).exports;
  const kinds = {};
  for (const [key, target] of Object.entries(exportsMap)) {
    const pattern = typeof target === 'object' && target ? target.require : undefined;
    if (!key.endsWith('/*') || typeof pattern !== 'string' || !pattern.endsWith('/*.js')) continue;
    const prefix = key.slice(2, -2); // ./apps/v1/* -> apps/v1
    const directory = path.join(packageDir, pattern.slice(2, -'/*.js'.length));
    for (const file of fs.readdirSync(directory).filter((name) => name.endsWith('.js') && name !== 'index.js')) {
      const kind = file.slice(0, -3);
      const source = fs.readFileSync(path.join(directory, file), 'utf8');
      // The same tests as load.ts resolveValidator: a top-level kind wrapping one _schemas file.
      if (!source.includes(`.kind="${kind}"`)) continue;
      const schema = /require\("((?:\.\.\/)+_schemas\/[A-Za-z0-9]+\.js)"\)/.exec(source);
      if (schema) kinds[`${prefix}/${kind}`] = path.resolve(directory, schema[1]);
    }
  }
  return kinds;
}

function make() {
  const outdir = path.join(root, 'dist', 'schemas');
  fs.rmSync(outdir, { recursive: true, force: true });
  const kinds = topLevelKinds();
  const entryPoints = {};
  const index = {};
  for (const [kind, schemaFile] of Object.entries(kinds)) {
    const name = path.basename(schemaFile, '.js');
    entryPoints[name] = schemaFile;
    index[kind] = name;
  }
  buildSync({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Resolved at run time from dist/schemas/; load.ts puts its formats in require.cache under that id first.
    external: ['@kubernetes-models/validate'],
  });
  fs.writeFileSync(path.join(outdir, 'index.json'), JSON.stringify(index));
}

module.exports = { make, topLevelKinds };
