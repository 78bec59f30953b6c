// Makes the V8 code cache of the CLI bundle: compiling dist/kubeguard.js and the functions a run uses costs a good
// part of start-up, which is the product (pre-commit). `node scripts/code-cache.js make` (run by scripts/build.js) lints
// a small manifest once with the bundle, compiled exactly as bin/load-bundle.js compiles it, and saves V8's compiled
// code to dist/kubeguard.js.cache. A stale or foreign cache is rejected by V8 and the bundle compiles as usual.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { runBundle, CACHE } = require('../bin/load-bundle.js');

/** Makes the cache: a child process lints a sample manifest with the bundle and writes the compiled code at exit. */
function make() {
  const { spawnSync } = require('node:child_process');
  const os = require('node:os');
  fs.rmSync(CACHE, { force: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeguard-code-cache-'));
  try {
    // A typical pre-commit input: a workload and a Service, so the loader, the engine and the pod rules get compiled.
    fs.writeFileSync(
      path.join(dir, 'app.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web, labels: {app: web}}',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: registry.example/web:1.0',
        '          securityContext: {privileged: true}',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: web}',
        'spec: {selector: {app: web}, ports: [{port: 80}]}',
        '',
      ].join('\n'),
    );
    const child = spawnSync(process.execPath, [__filename, 'train', 'app.yaml'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (child.status !== 0 || !fs.existsSync(CACHE)) throw new Error(`code cache not made (exit ${child.status}): ${child.stderr}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'make') {
    make();
  } else if (command === 'train') {
    // As bin/kubeguard.js, with the arguments given; the cache is taken once the run is over.
    process.argv = [process.argv[0], require.resolve('../bin/kubeguard.js'), ...args];
    const script = runBundle(undefined);
    process.on('exit', () => {
      // Temp file and rename: a run starting meanwhile reads the old cache or none, never half of one.
      const temporary = `${CACHE}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, CACHE);
      process.exitCode = 0; // findings are expected: the training input is insecure on purpose
    });
  } else {
    process.stderr.write('usage: node scripts/code-cache.js make\n');
    process.exitCode = 2;
  }
}

module.exports = { make };
