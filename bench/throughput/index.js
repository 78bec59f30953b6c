#!/usr/bin/env node
// Throughput benchmark (issue 7): ../shared/corpus (real/, helm-rendered/, kustomize/) replicated into a temp dir.
//  - at 4× (about 50 MB): whole kubeguard run against the yaml-parse-only baseline of the same files (time and max
//    RSS), and kubeguard with worker threads against KUBEGUARD_THREADS=1 (the speedup);
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
const COMPARE_SCALE = 4;

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** kubeguard over the directory as a user runs it: default config (recommended), stylish output, plain files. */
function kubeguardCommand(name, dir, threads) {
  const env = cleanEnv(threads === undefined ? {} : { KUBEGUARD_THREADS: String(threads) });
  if (threads === undefined) delete env.KUBEGUARD_THREADS;
  return { name, argv: [process.execPath, BIN, '--no-build', '.'], cwd: dir, env, usage: true, allowedExitCodes: [0, 1] };
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
  const scales = options.scales ?? (options.quick ? [1] : [1, COMPARE_SCALE, 16]);
  const runs = options.runs;
  const base = corpusSize();
  const lines = [`throughput: corpus ${base.files} files, ${mb(base.bytes)} (real/, helm-rendered/, kustomize/); ${runs} interleaved rounds per scale`];
  const result = { corpus: base, scales: {}, lines };
  const compareScale = scales.includes(COMPARE_SCALE) ? COMPARE_SCALE : scales[scales.length - 1];

  for (const scale of scales) {
    const corpus = replicateCorpus(scale);
    try {
      const commands = [kubeguardCommand('kubeguard', corpus.dir)];
      if (scale === compareScale) commands.push(parseOnlyCommand(corpus.dir), kubeguardCommand('kubeguard, 1 thread', corpus.dir, 1));
      const samples = interleave(commands, { rounds: runs, warmup: 0, onRound: progress(`throughput ${scale}×`) });
      const kubeguard = samples.get('kubeguard');
      const checked = filesChecked(kubeguard.last);
      if (checked !== corpus.files) throw new Error(`kubeguard checked ${checked} files, expected ${corpus.files}`);
      const entry = { files: corpus.files, bytes: corpus.bytes, ms: kubeguard.ms, cpuMs: kubeguard.cpuMs, maxRssKb: kubeguard.maxRssKb };
      result.scales[scale] = entry;
      lines.push(`  ${scale}× (${corpus.files} files, ${mb(corpus.bytes)}): kubeguard ${formatSample(kubeguard.ms)}; ${(corpus.bytes / 1024 / 1024 / (median(kubeguard.ms) / 1000)).toFixed(2)} MB/s`);
      if (scale === compareScale) {
        const parseOnly = samples.get('yaml parse only');
        const single = samples.get('kubeguard, 1 thread');
        const parsedLine = parseOnly.last.stdout.toString('utf8').trim();
        if (!parsedLine.startsWith(`${corpus.files} files`)) throw new Error(`parse-only read "${parsedLine}", expected ${corpus.files} files`);
        const timeRatio = ratio(kubeguard.ms, parseOnly.ms);
        const rssRatio = ratio(kubeguard.maxRssKb, parseOnly.maxRssKb);
        const speedup = ratio(single.ms, kubeguard.ms);
        const singleRatio = ratio(single.ms, parseOnly.ms);
        Object.assign(entry, { parseOnly: { ms: parseOnly.ms, cpuMs: parseOnly.cpuMs, maxRssKb: parseOnly.maxRssKb }, single: { ms: single.ms, cpuMs: single.cpuMs, maxRssKb: single.maxRssKb }, timeRatio, rssRatio, speedup });
        lines.push(
          `    yaml parse only          ${formatSample(parseOnly.ms)}`,
          `    kubeguard, 1 thread      ${formatSample(single.ms)}`,
          `    CPU time: kubeguard ${formatSample(kubeguard.cpuMs)}; 1 thread ${formatSample(single.cpuMs)}; parse only ${formatSample(parseOnly.cpuMs)}`,
          `    kubeguard / parse only (wall)       ${formatRatio(timeRatio)}  target ≤ ${TARGET_RATIO}: ${timeRatio.ratioOfMedians <= TARGET_RATIO ? 'met' : 'MISSED'}`,
          `    kubeguard 1 thread / parse only     ${formatRatio(singleRatio)}`,
          `    worker-thread speedup (1 thread / default) ${formatRatio(speedup)}`,
          `    max RSS: kubeguard ${formatSample(kubeguard.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}; 1 thread ${formatSample(single.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}; parse only ${formatSample(parseOnly.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}`,
          `    max RSS kubeguard / parse only      ${formatRatio(rssRatio)}`,
        );
      }
    } finally {
      if (options.keep) lines.push(`    kept ${corpus.dir}`);
      else corpus.remove();
    }
  }
  if (scales.length >= 2) {
    const xs = scales.map((scale) => result.scales[scale].bytes);
    const ys = scales.map((scale) => median(result.scales[scale].ms));
    const exponent = scalingExponent(xs, ys);
    // The spread of the exponent: refit with each scale's quartiles in the least and most favourable combination.
    const low = scalingExponent(xs, scales.map((scale, i) => (i === 0 ? describe(result.scales[scale].ms).q3 : describe(result.scales[scale].ms).q1)));
    const high = scalingExponent(xs, scales.map((scale, i) => (i === 0 ? describe(result.scales[scale].ms).q1 : describe(result.scales[scale].ms).q3)));
    result.exponent = { value: exponent, low, high };
    lines.push(`  scaling exponent over ${scales.join('×, ')}× (log time vs log bytes, medians): ${exponent.toFixed(3)} (from quartiles: ${low.toFixed(3)}–${high.toFixed(3)})  target ≤ ${TARGET_EXPONENT}: ${exponent <= TARGET_EXPONENT ? 'met' : 'MISSED'}`);
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
