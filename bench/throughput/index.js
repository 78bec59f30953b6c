#!/usr/bin/env node
// Throughput benchmark (issue 7): ../shared/corpus (real/, helm-rendered/ without chart sources, kustomize/)
// replicated into a temp dir.
//  - at the scale nearest 50 MB: whole kubeguard run against the yaml-parse-only baseline of the same files (time and
//    max RSS), and against the same copies split between 2 kubeguard processes run at once: the most that worker
//    threads could gain on this machine as loaded now (kubeguard has no worker threads: see bench/RESULTS.md);
//  - kubeguard at 1×, 4× and 16× with the fitted scaling exponent (slope of log time over log size).
// Every comparison is interleaved round by round; figures are medians with their spread.
// Usage: node bench/throughput [--runs N] [--scales 1,4,16] [--quick] [--json] [--keep]
'use strict';
const path = require('node:path');
const { interleave, cleanEnv, progress } = require('../lib/run');
const { replicateCorpus, corpusSize } = require('../lib/corpus');
const { formatSample, ratio, formatRatio, median, scalingExponent, describe } = require('../lib/stats');
const { parseOptions } = require('../lib/options');
const { ensureBuilt, ROOT } = require('../lib/build');

const TARGET_RATIO = 1.5;
const TARGET_EXPONENT = 1.05;
const BIN = path.join(ROOT, 'bin', 'kubeguard.js');
const COMPARE_BYTES = 50 * 1024 * 1024;

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** kubeguard over the directory as a user runs it: default config (recommended), stylish output, plain files. */
function kubeguardCommand(name, dir) {
  return { name, argv: [process.execPath, BIN, '--no-build', '.'], cwd: dir, env: cleanEnv(), usage: true, allowedExitCodes: [0, 1] };
}

/** kubeguard on one thread (--threads 1): what the worker threads gain at this size. */
function oneThreadCommand(dir) {
  return { name: 'kubeguard --threads 1', argv: [process.execPath, BIN, '--threads', '1', '--no-build', '.'], cwd: dir, env: cleanEnv(), usage: true, allowedExitCodes: [0, 1] };
}

/** The copies split between 2 kubeguard processes running at once. */
function splitCommand(dir) {
  return { name: 'kubeguard, 2 processes', argv: [process.execPath, path.join(__dirname, 'split-run.js'), '2', dir], cwd: dir, env: cleanEnv() };
}

function parseOnlyCommand(dir) {
  return { name: 'yaml parse only', argv: [process.execPath, path.join(__dirname, 'parse-only.js'), dir], cwd: dir, usage: true };
}

/** The "N files" of kubeguard's summary line, to check that both sides read the same files. */
function filesChecked(outcome) {
  const match = /(\d+) files?, \d+ objects? checked/.exec(outcome.stdout.toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function runThroughput(options) {
  ensureBuilt();
  const base = corpusSize();
  const compareScale = Math.max(1, Math.round(COMPARE_BYTES / base.bytes));
  const scales = options.scales ?? (options.quick ? [1] : [...new Set([1, 4, compareScale, 16])].sort((a, b) => a - b));
  const scalingScales = scales.filter((scale) => options.scales || scale === 1 || scale === 4 || scale === 16);
  const runs = options.runs;
  const lines = [`throughput: corpus ${base.files} files, ${mb(base.bytes)} (real/, helm-rendered/, kustomize/); ${runs} interleaved rounds per scale`];
  const result = { corpus: base, scales: {}, lines };
  const compared = scales.includes(compareScale) ? compareScale : scales[scales.length - 1];

  for (const scale of scales) {
    const corpus = replicateCorpus(scale);
    try {
      const commands = [kubeguardCommand('kubeguard', corpus.dir)];
      if (scale === compared) commands.push(parseOnlyCommand(corpus.dir));
      if (scale === compared && scale >= 2) commands.push(splitCommand(corpus.dir), oneThreadCommand(corpus.dir)); // one copy cannot be split
      const samples = interleave(commands, { rounds: runs, warmup: 0, onRound: progress(`throughput ${scale}×`) });
      const kubeguard = samples.get('kubeguard');
      const checked = filesChecked(kubeguard.last);
      if (checked !== corpus.files) throw new Error(`kubeguard checked ${checked} files, expected ${corpus.files}`);
      const entry = { files: corpus.files, bytes: corpus.bytes, ms: kubeguard.ms, cpuMs: kubeguard.cpuMs, maxRssKb: kubeguard.maxRssKb };
      result.scales[scale] = entry;
      lines.push(`  ${scale}× (${corpus.files} files, ${mb(corpus.bytes)}): kubeguard ${formatSample(kubeguard.ms)}; ${(corpus.bytes / 1024 / 1024 / (median(kubeguard.ms) / 1000)).toFixed(2)} MB/s`);
      if (scale === compared) {
        const parseOnly = samples.get('yaml parse only');
        const split = samples.get('kubeguard, 2 processes');
        const parsedLine = parseOnly.last.stdout.toString('utf8').trim();
        if (!parsedLine.startsWith(`${corpus.files} files`)) throw new Error(`parse-only read "${parsedLine}", expected ${corpus.files} files`);
        const timeRatio = ratio(kubeguard.ms, parseOnly.ms);
        const rssRatio = ratio(kubeguard.maxRssKb, parseOnly.maxRssKb);
        const oneThread = samples.get('kubeguard --threads 1');
        const speedup = split && oneThread ? ratio(oneThread.ms, split.ms) : undefined;
        const workerSpeedup = oneThread ? ratio(oneThread.ms, kubeguard.ms) : undefined;
        const cpuRatio = ratio(kubeguard.cpuMs, parseOnly.cpuMs);
        Object.assign(entry, { parseOnly: { ms: parseOnly.ms, cpuMs: parseOnly.cpuMs, maxRssKb: parseOnly.maxRssKb }, split: split && { ms: split.ms }, oneThread: oneThread && { ms: oneThread.ms, cpuMs: oneThread.cpuMs, maxRssKb: oneThread.maxRssKb }, timeRatio, cpuRatio, rssRatio, speedup, workerSpeedup });
        lines.push(
          `    yaml parse only          ${formatSample(parseOnly.ms)}`,
          ...(oneThread ? [`    kubeguard --threads 1    ${formatSample(oneThread.ms)}`] : []),
          ...(split ? [`    kubeguard, 2 processes   ${formatSample(split.ms)}`] : []),
          `    CPU time: kubeguard ${formatSample(kubeguard.cpuMs)}; parse only ${formatSample(parseOnly.cpuMs)}`,
          `    kubeguard / parse only (wall)       ${formatRatio(timeRatio)}  target ≤ ${TARGET_RATIO}: ${timeRatio.ratioOfMedians <= TARGET_RATIO ? 'met' : 'MISSED'}`,
          `    kubeguard / parse only (CPU time)   ${formatRatio(cpuRatio)}`,
          ...(workerSpeedup ? [`    worker threads speedup (--threads 1 / default) ${formatRatio(workerSpeedup)}`] : []),
          ...(speedup ? [`    parallel upper bound (--threads 1 / 2 processes at once) ${formatRatio(speedup)}`] : []),
          `    max RSS: kubeguard ${formatSample(kubeguard.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}; parse only ${formatSample(parseOnly.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}`,
          `    max RSS kubeguard / parse only      ${formatRatio(rssRatio)}`,
        );
      }
    } finally {
      if (options.keep) lines.push(`    kept ${corpus.dir}`);
      else corpus.remove();
    }
  }
  if (scalingScales.length >= 2) {
    const xs = scalingScales.map((scale) => result.scales[scale].bytes);
    const ys = scalingScales.map((scale) => median(result.scales[scale].ms));
    const exponent = scalingExponent(xs, ys);
    // The spread of the exponent: refit with the smallest scale's quartile at one end and the others' at the other.
    const q = (scale, which) => describe(result.scales[scale].ms)[which];
    const low = scalingExponent(xs, scalingScales.map((scale, i) => q(scale, i === 0 ? 'q3' : 'q1')));
    const high = scalingExponent(xs, scalingScales.map((scale, i) => q(scale, i === 0 ? 'q1' : 'q3')));
    result.exponent = { value: exponent, low, high, scales: scalingScales };
    lines.push(`  scaling exponent over ${scalingScales.join('×, ')}× (log time vs log bytes, medians): ${exponent.toFixed(3)} (from quartiles: ${low.toFixed(3)}–${high.toFixed(3)})  target ≤ ${TARGET_EXPONENT}: ${exponent <= TARGET_EXPONENT ? 'met' : 'MISSED'}`);
  }
  return result;
}

module.exports = { runThroughput };

if (require.main === module) {
  const options = parseOptions(process.argv.slice(2), { runs: 3 });
  const { describeMachine } = require('../lib/machine');
  const result = runThroughput(options);
  if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write([describeMachine(), '', ...result.lines, ''].join('\n'));
}
