// The machine a benchmark ran on, for RESULTS.md: CPU, cores, memory, OS, Node, load when it started.
'use strict';
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((value) => value.toFixed(2)).join(' '),
    commit: gitCommit(),
    date: new Date().toISOString(),
  };
}

function describeMachine(m = machine()) {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}; load average at start ${m.loadAverage}; kubeguard ${m.commit}; ${m.date}`;
}

module.exports = { machine, describeMachine };
