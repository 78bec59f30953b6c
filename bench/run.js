#!/usr/bin/env node
// `npm run bench`: start-up, throughput and --staged benchmarks in one run, with the machine they ran on.
// Usage: npm run bench -- [--only startup,throughput,staged] [--runs N] [--quick] [--json] [--keep]
//   --runs N   rounds per comparison (defaults: start-up 20, throughput 3, staged 15)
//   --quick    a fast look: fewer rounds, throughput at 1× only (not for RESULTS.md)
'use strict';
const { parseOptions } = require('./lib/options');
const { machine, describeMachine } = require('./lib/machine');

const options = parseOptions(process.argv.slice(2), { runs: 1 });
const explicitRuns = process.argv.some((arg) => arg === '--runs' || arg.startsWith('--runs='));
const only = new Set(options.only ?? ['startup', 'throughput', 'staged']);
const runsFor = (normal, quick) => (explicitRuns ? options.runs : options.quick ? quick : normal);

const report = { machine: machine(), results: {} };
const lines = [describeMachine(report.machine), ''];
const print = (chunk) => {
  if (!options.json) process.stdout.write(chunk.join('\n') + '\n\n');
};
if (!options.json) process.stdout.write(lines.join('\n'));

if (only.has('startup')) {
  const result = require('./startup').runStartup({ runs: runsFor(20, 10) });
  report.results.startup = result;
  print(result.lines);
}
if (only.has('staged')) {
  const result = require('./staged').runStaged({ runs: runsFor(15, 5), keep: options.keep });
  report.results.staged = result;
  print(result.lines);
}
if (only.has('throughput')) {
  const result = require('./throughput').runThroughput({ runs: runsFor(3, 1), quick: options.quick, scales: options.scales, keep: options.keep });
  report.results.throughput = result;
  print(result.lines);
}
// Opt-in (it runs kustomize for minutes): npm run bench -- --only builds
if (only.has('builds')) {
  const result = require('./builds').runBuilds({ runs: runsFor(2, 1), keep: options.keep });
  report.results.builds = result;
  print(result.lines);
}
if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
