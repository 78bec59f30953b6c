#!/usr/bin/env node
// Start-up benchmark (issues 3 and 7): kubeguard on one small file against `node -e 0` and against a script that
// only loads `yaml` and parses the same file. Runs are interleaved; ratios come from the same run.
// Usage: node bench/startup [--runs N] [--json]
'use strict';
const path = require('node:path');
const { interleave, progress } = require('../lib/run');
const { formatSample, ratio, formatRatio, median } = require('../lib/stats');
const { parseOptions } = require('../lib/options');
const { ensureBuilt } = require('../lib/build');

const ROOT = path.resolve(__dirname, '../..');
const SMALL = path.join(ROOT, 'bench', 'fixtures', 'small.yaml');
const TARGET_NODE = 1.3; // issue 7 (issue 3 asked for 1.5)
const TARGET_YAML = 1.15;

function startupCommands() {
  const node = process.execPath;
  return [
    { name: 'kubeguard', argv: [node, path.join(ROOT, 'bin', 'kubeguard.js'), SMALL], cwd: path.dirname(SMALL), allowedExitCodes: [0, 1] },
    { name: 'node -e 0', argv: [node, '-e', '0'], cwd: path.dirname(SMALL) },
    { name: 'yaml parse only', argv: [node, path.join(__dirname, 'yaml-parse-only.js'), SMALL], cwd: path.dirname(SMALL) },
  ];
}

function runStartup({ runs }) {
  ensureBuilt();
  const samples = interleave(startupCommands(), { rounds: runs, warmup: 3, onRound: progress('startup') });
  const kubeguard = samples.get('kubeguard').ms;
  const node = samples.get('node -e 0').ms;
  const yaml = samples.get('yaml parse only').ms;
  const vsNode = ratio(kubeguard, node);
  const vsYaml = ratio(kubeguard, yaml);
  return {
    runs,
    times: { kubeguard, node, yaml },
    vsNode,
    vsYaml,
    lines: [
      `start-up, one small file (${path.relative(ROOT, SMALL)}), ${runs} interleaved rounds:`,
      `  kubeguard         ${formatSample(kubeguard)}`,
      `  node -e 0         ${formatSample(node)}`,
      `  yaml parse only   ${formatSample(yaml)}`,
      `  kubeguard / node -e 0        ${formatRatio(vsNode)}  target ≤ ${TARGET_NODE}: ${verdict(vsNode, TARGET_NODE)}`,
      `  kubeguard / yaml parse only  ${formatRatio(vsYaml)}  target ≤ ${TARGET_YAML}: ${verdict(vsYaml, TARGET_YAML)}`,
      `  kubeguard overhead over node -e 0: ${(median(kubeguard) - median(node)).toFixed(1)} ms (medians)`,
    ],
  };
}

function verdict(r, target) {
  return r.ratioOfMedians <= target ? 'met' : 'MISSED';
}

module.exports = { runStartup, TARGET_NODE, TARGET_YAML };

if (require.main === module) {
  const options = parseOptions(process.argv.slice(2), { runs: 20 });
  const { describeMachine } = require('../lib/machine');
  const result = runStartup(options);
  if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write([describeMachine(), '', ...result.lines, ''].join('\n'));
}
