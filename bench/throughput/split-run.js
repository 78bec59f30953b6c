// Upper bound of what parallelism can gain on this machine now: the corpus copies split between N kubeguard processes
// run at the same time (each a full CLI run of its share), timed as a whole. Used by the throughput bench to decide
// whether worker threads would pay. Usage: node bench/throughput/split-run.js N DIR
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const processes = Number(process.argv[2]);
const dir = path.resolve(process.argv[3]);
const bin = path.resolve(__dirname, '../../bin/kubeguard.js');
const copies = fs.readdirSync(dir).filter((name) => name.startsWith('copy-')).sort();
const shares = Array.from({ length: processes }, (_, index) => copies.filter((_, copy) => copy % processes === index)).filter((share) => share.length);
let failed = false;
let running = shares.length;
for (const share of shares) {
  const child = spawn(process.execPath, [bin, '--threads', '1', '--no-build', ...share], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('close', (code) => {
    if (code !== 0 && code !== 1) failed = true;
    if (--running === 0) process.exitCode = failed ? 2 : 0;
  });
}
