// Loads the CLI bundle (dist/kubeguard.js) with the V8 code cache that scripts/build.js makes next to it
// (dist/kubeguard.js.cache, see scripts/code-cache.js): compiling the bundle and the functions a run uses is then
// skipped, a good part of start-up. V8 checks the cache against the source, its version and its flags; a stale or
// foreign cache is rejected and the bundle compiles as usual.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const BUNDLE = path.join(__dirname, '..', 'dist', 'kubeguard.js');
const CACHE = `${BUNDLE}.cache`;

/** Compiles and runs the bundle as require() would, with `cachedData` when given; returns the vm.Script. */
function runBundle(cachedData) {
  const Module = require('node:module');
  const vm = require('node:vm');
  // ASCII (scripts/build.js checks), so latin1 reads it exactly and faster than utf8.
  const script = new vm.Script(Module.wrap(fs.readFileSync(BUNDLE, 'latin1')), {
    filename: BUNDLE,
    cachedData,
    importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  bundle.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(BUNDLE), bundle, BUNDLE, path.dirname(BUNDLE));
  bundle.loaded = true;
  return script;
}

function load() {
  let cachedData;
  try {
    cachedData = fs.readFileSync(CACHE);
  } catch {
    require(BUNDLE); // no cache (a development build): plain require
    return;
  }
  runBundle(cachedData);
}

module.exports = { load, runBundle, BUNDLE, CACHE };
