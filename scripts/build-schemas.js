// Bundles the kubernetes-models validator of each current built-in kind into one self-contained file per schema under
// dist/schemas/, with dist/schemas/index.json mapping `group/version/Kind` (the model module path) to it, and makes
// the V8 code cache of each (`<name>.js.cache`) from a training run over the examples. The schema rule
// (src/model/schema/load.ts) loads one file with its cache instead of the ~115 modules a Deployment's validator spans.
//
// Left out, to keep the package small (they fall back to the kubernetes-models modules, slower but the same result):
// List kinds, and a kind's alpha/beta versions when a GA version of it exists (apps/v1beta2 Deployment, ...).
'use strict';
const { buildSync } = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const FORMATS_MODULE = path.join(root, 'src', 'model', 'schema', 'formats.ts');
const LOAD_MODULE = path.join(root, 'src', 'model', 'schema', 'load.ts');

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

const GA_VERSION = /^v[0-9]+$/;

/** The kinds worth a bundle: no List kinds, and no alpha/beta version of a kind that has a GA version. */
function bundledKinds(kinds) {
  const split = (key) => {
    const parts = key.split('/');
    return { kind: parts.pop(), version: parts.pop(), group: parts.join('/') };
  };
  const hasGa = new Set();
  for (const key of Object.keys(kinds)) {
    const { group, version, kind } = split(key);
    if (GA_VERSION.test(version)) hasGa.add(`${group}/${kind}`);
  }
  return Object.fromEntries(
    Object.entries(kinds).filter(([key]) => {
      const { group, version, kind } = split(key);
      return !kind.endsWith('List') && (GA_VERSION.test(version) || !hasGa.has(`${group}/${kind}`));
    }),
  );
}

/** Fails the build when a schema names a format src/model/schema/formats.ts does not define. */
function checkFormats(inputs) {
  const { formats } = loadSourceModule(FORMATS_MODULE);
  for (const input of inputs) {
    const source = fs.readFileSync(input, 'utf8');
    for (const match of source.matchAll(/\.formats(?:\.([A-Za-z0-9_$]+)|\["([^"]+)"\])/g)) {
      const name = match[1] ?? match[2];
      if (!Object.prototype.hasOwnProperty.call(formats, name)) throw new Error(`${input} uses format "${name}", which src/model/schema/formats.ts does not define`);
    }
  }
}

/** A module of src/, compiled by esbuild (the build must not depend on a TypeScript loader). */
function loadSourceModule(file) {
  const { outputFiles } = buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

/** Objects to train the validators on: the examples (both the secure and the insecure ones) and a minimal object per kind. */
function trainingObjects() {
  const { parseAllDocuments } = require('yaml');
  const objects = [];
  for (const folder of ['secure', 'insecure']) {
    const directory = path.join(root, 'examples', folder);
    for (const name of fs.readdirSync(directory).filter((file) => /\.ya?ml$/.test(file)).sort()) {
      for (const document of parseAllDocuments(fs.readFileSync(path.join(directory, name), 'utf8'))) {
        const value = document.toJS();
        if (value && typeof value === 'object' && typeof value.apiVersion === 'string' && typeof value.kind === 'string') objects.push(value);
      }
    }
  }
  return objects;
}

/**
 * Runs every bundle's validator over the training objects of its kind and saves V8's compiled code for it. Compiled
 * by load.ts runSchemaBundle itself, so the source text V8 matches the cache to is the one the schema rule compiles.
 */
function makeCodeCaches(outdir, index) {
  const { runSchemaBundle } = loadSourceModule(LOAD_MODULE);
  const objects = trainingObjects();
  for (const [key, name] of Object.entries(index)) {
    const file = path.join(outdir, `${name}.js`);
    const { exports: module, script } = runSchemaBundle(file, undefined);
    const parts = key.split('/');
    const kind = parts.pop();
    const apiVersion = parts.join('/');
    const samples = objects.filter((object) => object.apiVersion === apiVersion && object.kind === kind);
    samples.push({ apiVersion, kind, metadata: { name: 'example', namespace: 'default', labels: { app: 'example' }, annotations: { note: 'x' } } });
    for (const sample of samples) module.validate(sample);
    fs.writeFileSync(`${file}.cache`, script.createCachedData());
  }
}

function make() {
  const outdir = path.join(root, 'dist', 'schemas');
  fs.rmSync(outdir, { recursive: true, force: true });
  const kinds = bundledKinds(topLevelKinds());
  const entryPoints = {};
  const index = {};
  for (const [kind, schemaFile] of Object.entries(kinds)) {
    const name = path.basename(schemaFile, '.js');
    entryPoints[name] = schemaFile;
    index[kind] = name;
  }
  const { metafile } = buildSync({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    // Our formats in place of @kubernetes-models/validate's index: each bundle is self-contained.
    alias: { '@kubernetes-models/validate': FORMATS_MODULE },
  });
  checkFormats(Object.keys(metafile.inputs).filter((input) => input.includes('_schemas')).map((input) => path.resolve(root, input)));
  for (const name of fs.readdirSync(outdir)) {
    const text = fs.readFileSync(path.join(outdir, name), 'latin1');
    // load.ts reads the bundles as latin1 and runs them without a module system.
    if (/[^\x00-\x7f]/.test(text)) throw new Error(`dist/schemas/${name} is not ASCII`);
    if (/\brequire\(/.test(text)) throw new Error(`dist/schemas/${name} requires a module: it must be self-contained`);
  }
  fs.writeFileSync(path.join(outdir, 'index.json'), JSON.stringify(index));
  makeCodeCaches(outdir, index);
}

module.exports = { make, topLevelKinds, bundledKinds };
