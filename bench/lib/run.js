// Runs commands as child processes and times them: interleaved rounds so machine noise hits every command alike.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const USAGE_PRELOAD = path.join(__dirname, 'report-usage.js');
const USAGE_MARK = /\n?@@bench maxrss=(\d+) cpu=(\d+)\n?/;

/** An environment for the children: no colour, no inherited NODE_OPTIONS that would change what is measured. */
function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS', 'NODE_DEBUG']) delete env[name];
  return env;
}

/**
 * Runs one command to completion. `command` is { name, argv: [file, ...args], cwd?, env?, rss?: boolean }.
 * With `usage`, node children get a preload that reports their peak resident set size (kB) and CPU time on stderr.
 */
function runOnce(command) {
  let [file, ...args] = command.argv;
  if (command.usage) {
    if (file !== process.execPath) throw new Error(`${command.name}: usage is only measured for node children`);
    args = ['--require', USAGE_PRELOAD, ...args];
  }
  const start = process.hrtime.bigint();
  const child = spawnSync(file, args, {
    cwd: command.cwd,
    env: command.env ?? cleanEnv(),
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error) throw child.error;
  const stderr = child.stderr.toString('utf8');
  const match = USAGE_MARK.exec(stderr);
  const outcome = {
    ms,
    status: child.status,
    signal: child.signal,
    stdout: child.stdout,
    stderr: stderr.replace(USAGE_MARK, ''),
    maxRssKb: match ? Number(match[1]) : undefined,
    cpuMs: match ? Number(match[2]) / 1000 : undefined,
  };
  const allowed = command.allowedExitCodes ?? [0];
  if (!allowed.includes(child.status)) {
    throw new Error(`${command.name}: exit ${child.status ?? child.signal} (expected ${allowed.join('/')})\n${outcome.stderr.slice(0, 2000)}`);
  }
  return outcome;
}

/**
 * Times `commands` over `rounds` rounds after `warmup` untimed rounds. Each round runs every command once, in an
 * order rotated from round to round, so slow phases of a noisy machine are shared. Returns per-command samples.
 */
function interleave(commands, { rounds, warmup = 1, onRound } = {}) {
  const samples = new Map(commands.map((command) => [command.name, { ms: [], maxRssKb: [], cpuMs: [], last: undefined }]));
  for (let round = -warmup; round < rounds; round++) {
    const offset = ((round % commands.length) + commands.length) % commands.length;
    for (let i = 0; i < commands.length; i++) {
      const command = commands[(i + offset) % commands.length];
      const outcome = runOnce(command);
      if (round < 0) continue;
      const sample = samples.get(command.name);
      sample.ms.push(outcome.ms);
      if (outcome.maxRssKb !== undefined) sample.maxRssKb.push(outcome.maxRssKb);
      if (outcome.cpuMs !== undefined) sample.cpuMs.push(outcome.cpuMs);
      // A figure the command reports itself (e.g. the build tool's time in kubeguard's JSON summary), per round.
      if (command.extract) (sample.extracted ??= []).push(command.extract(outcome));
      sample.last = outcome;
    }
    if (round >= 0 && onRound) onRound(round + 1, rounds);
  }
  return samples;
}

/** Prints progress on stderr when it is a terminal, so piped output stays clean. */
function progress(label) {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    process.stderr.write(`\r${label}: round ${done}/${total}`);
    if (done === total) process.stderr.write('\r\x1b[K');
  };
}

module.exports = { cleanEnv, runOnce, interleave, progress };
