#!/usr/bin/env node
// Build benchmark (issue 11): a generated Kustomize tree (a multi-MB base of CRDs and Deployments under several
// overlays), written to a temp dir by this script, never committed.
//  - kubeguard's own time on a build run: the whole run minus the time the build tool ran (summary.toolTimeMs),
//    against a `--no-build` lint of the same build outputs written as files (target ≤ 1.3×);
//  - kubeguard's max RSS on the build run against parse-only of the largest build output (target ≤ 2×).
// Every comparison is interleaved round by round; figures are medians with their spread.
// Usage: node bench/builds [--runs N] [--overlays N] [--json] [--keep]
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { interleave, cleanEnv, progress } = require('../lib/run');
const { formatSample, ratio, formatRatio, median } = require('../lib/stats');
const { ensureBuilt, ROOT } = require('../lib/build');

const TARGET_TIME = 1.3;
const TARGET_RSS = 2;
const BIN = path.join(ROOT, 'bin', 'kubeguard.js');
const PARSE_ONLY = path.join(__dirname, '..', 'throughput', 'parse-only.js');

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A CRD with a wide, deep OpenAPI schema (the bulk of real multi-MB bases: operators' CRDs). */
function crd(index) {
  const lines = [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    `  name: widgets${index}.bench.example.com`,
    'spec:',
    '  group: bench.example.com',
    '  names:',
    `    kind: Widget${index}`,
    `    plural: widgets${index}`,
    '  scope: Namespaced',
    '  versions:',
    '    - name: v1',
    '      served: true',
    '      storage: true',
    '      schema:',
    '        openAPIV3Schema:',
    '          type: object',
    '          properties:',
  ];
  for (let field = 0; field < 120; field++) {
    lines.push(
      `            field${field}:`,
      `              description: "Field ${field} of the widget: a description as long as controller-gen writes them, copied from the Go doc comment of the field, with its default and its constraints."`,
      '              type: object',
      '              properties:',
    );
    for (let inner = 0; inner < 6; inner++) {
      lines.push(`                inner${inner}:`, `                  description: "Inner value ${inner} of field ${field}."`, '                  type: string', `                  maxLength: ${64 + inner}`);
    }
  }
  return lines.join('\n');
}

function deployment(index) {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: service-${index}`,
    '  labels:',
    `    app: service-${index}`,
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: service-${index}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: service-${index}`,
    '    spec:',
    '      containers:',
    '        - name: app',
    `          image: registry.example.com/service-${index}:1.${index % 10}.0`,
    '          ports:',
    '            - containerPort: 8080',
    '          resources:',
    '            requests: {cpu: 100m, memory: 128Mi}',
    '            limits: {memory: 256Mi}',
    '          securityContext:',
    '            allowPrivilegeEscalation: false',
    '            readOnlyRootFilesystem: true',
    '            runAsNonRoot: true',
    '            capabilities: {drop: [ALL]}',
  ].join('\n');
}

/** Writes the tree: base/ (CRDs + Deployments), overlays/env-N/ (namespace, prefix, labels, images, a patch). */
function generateTree(dir, overlays) {
  mkdirSync(path.join(dir, 'base'), { recursive: true });
  writeFileSync(path.join(dir, 'base', 'crds.yaml'), Array.from({ length: 24 }, (_, index) => crd(index)).join('\n---\n') + '\n');
  writeFileSync(path.join(dir, 'base', 'deployments.yaml'), Array.from({ length: 400 }, (_, index) => deployment(index)).join('\n---\n') + '\n');
  writeFileSync(path.join(dir, 'base', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - crds.yaml\n  - deployments.yaml\n');
  for (let index = 0; index < overlays; index++) {
    const overlay = path.join(dir, 'overlays', `env-${index}`);
    mkdirSync(overlay, { recursive: true });
    writeFileSync(
      path.join(overlay, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        `namespace: env-${index}`,
        `namePrefix: env-${index}-`,
        'labels:',
        '  - pairs:',
        `      environment: env-${index}`,
        'resources:',
        '  - ../../base',
        'images:',
        '  - name: registry.example.com/service-1',
        `    newTag: 2.${index}.0`,
        'patches:',
        '  - path: replicas.yaml',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(overlay, 'replicas.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: service-0\nspec:\n  replicas: ${3 + index}\n`);
  }
}

function kustomizeCommand() {
  for (const name of ['kustomize', 'kubectl']) {
    try {
      const file = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (file) return name === 'kubectl' ? [file, 'kustomize'] : [file, 'build'];
    } catch {
      // not installed
    }
  }
  throw new Error('the build benchmark needs kustomize or kubectl on PATH');
}

function runBuilds(options) {
  ensureBuilt();
  const overlays = options.overlays ?? 6;
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-bench-builds-'));
  const lines = [];
  try {
    const tree = path.join(dir, 'tree');
    generateTree(tree, overlays);
    const baseBytes = ['crds.yaml', 'deployments.yaml'].reduce((sum, name) => sum + statSync(path.join(tree, 'base', name)).size, 0);
    // The build outputs as files: what `--no-build` lints for the baseline; the largest alone for parse-only.
    const outputs = path.join(dir, 'outputs');
    const largest = path.join(dir, 'largest');
    mkdirSync(outputs);
    mkdirSync(largest);
    const [tool, ...toolArgs] = kustomizeCommand();
    let largestBytes = 0;
    let outputBytes = 0;
    // kubeguard builds the base as itself too (its overlays deploy it): the baseline lints its output as well.
    const roots = [...Array.from({ length: overlays }, (_, index) => [`env-${index}`, path.join(tree, 'overlays', `env-${index}`)]), ['base', path.join(tree, 'base')]];
    for (const [name, root] of roots) {
      const text = execFileSync(tool, [...toolArgs, root], { maxBuffer: 1024 * 1024 * 1024 });
      writeFileSync(path.join(outputs, `${name}.yaml`), text);
      outputBytes += text.length;
      if (text.length > largestBytes) {
        largestBytes = text.length;
        writeFileSync(path.join(largest, 'largest.yaml'), text);
      }
    }
    lines.push(`builds: Kustomize tree of ${overlays} overlays over a ${mb(baseBytes)} base (24 CRDs, 400 Deployments), the base built as itself too; build outputs ${mb(outputBytes)}, largest ${mb(largestBytes)}; ${options.runs} interleaved rounds`);
    const env = cleanEnv();
    const commands = [
      {
        name: 'kubeguard (builds)',
        argv: [process.execPath, BIN, '-f', 'json', '.'],
        cwd: tree,
        env,
        usage: true,
        allowedExitCodes: [0, 1],
        extract: (outcome) => JSON.parse(outcome.stdout.toString('utf8')).summary.toolTimeMs ?? 0,
      },
      { name: 'kubeguard --no-build (outputs)', argv: [process.execPath, BIN, '-f', 'json', '--no-build', '.'], cwd: outputs, env, usage: true, allowedExitCodes: [0, 1] },
      { name: 'parse only (largest output)', argv: [process.execPath, PARSE_ONLY, largest], cwd: largest, usage: true },
    ];
    const samples = interleave(commands, { rounds: options.runs, warmup: 0, onRound: progress('builds') });
    const built = samples.get('kubeguard (builds)');
    const plain = samples.get('kubeguard --no-build (outputs)');
    const parseOnly = samples.get('parse only (largest output)');
    const summaries = [built.last, plain.last].map((outcome) => JSON.parse(outcome.stdout.toString('utf8')).summary);
    if (summaries[0].objects !== summaries[1].objects) throw new Error(`the build run checked ${summaries[0].objects} objects, the --no-build run ${summaries[1].objects}`);
    // Each round's tool time comes from its own JSON summary.
    const toolMs = built.extracted;
    const own = built.ms.map((ms, index) => ms - toolMs[index]);
    const timeRatio = ratio(own, plain.ms);
    // Builds run concurrently with kubeguard's own work on finished ones, so wall time minus tool time understates
    // that work; kubeguard's CPU time (its own process, not the tools it runs) against --no-build's is the fair figure.
    const cpuRatio = ratio(built.cpuMs, plain.cpuMs);
    const rssRatio = ratio(built.maxRssKb, parseOnly.maxRssKb);
    lines.push(
      `  kubeguard with builds     ${formatSample(built.ms)}`,
      `    of which the build tool ${formatSample(toolMs)} (summary.toolTimeMs)`,
      `    kubeguard's own time    ${formatSample(own)}`,
      `  kubeguard --no-build over the build outputs ${formatSample(plain.ms)} (${summaries[1].objects} objects, as the build run)`,
      `  own time / --no-build (wall)  ${formatRatio(timeRatio)}`,
      `  CPU time: kubeguard with builds ${formatSample(built.cpuMs)}; --no-build ${formatSample(plain.cpuMs)}`,
      `  CPU time / --no-build     ${formatRatio(cpuRatio)}  target ≤ ${TARGET_TIME}: ${cpuRatio.ratioOfMedians <= TARGET_TIME ? 'met' : 'MISSED'}`,
      `  max RSS: kubeguard with builds ${formatSample(built.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}; --no-build ${formatSample(plain.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}; parse only of the largest output ${formatSample(parseOnly.maxRssKb.map((kb) => kb / 1024), 'MB', 0)}`,
      `  max RSS / parse only      ${formatRatio(rssRatio)}  target ≤ ${TARGET_RSS}: ${rssRatio.ratioOfMedians <= TARGET_RSS ? 'met' : 'MISSED'}`,
    );
    return { overlays, baseBytes, outputBytes, largestBytes, built: { ms: built.ms, toolMs, ownMs: own, cpuMs: built.cpuMs, maxRssKb: built.maxRssKb }, plain: { ms: plain.ms, cpuMs: plain.cpuMs, maxRssKb: plain.maxRssKb }, parseOnly: { maxRssKb: parseOnly.maxRssKb }, timeRatio, cpuRatio, rssRatio, medianOwnMs: median(own), lines };
  } finally {
    if (options.keep) lines.push(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { runBuilds, generateTree };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const overlaysAt = argv.indexOf('--overlays');
  const overlays = overlaysAt >= 0 ? Number(argv.splice(overlaysAt, 2)[1]) : undefined;
  const options = { ...require('../lib/options').parseOptions(argv, { runs: 3 }), overlays };
  const { describeMachine } = require('../lib/machine');
  const result = runBuilds(options);
  if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write([describeMachine(), '', ...result.lines, ''].join('\n'));
}
