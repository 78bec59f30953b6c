#!/usr/bin/env node
// `--staged` benchmark (issue 7): a temp Git repository with 2,000 committed manifests from ../shared/corpus and
// 3 staged changes (small Deployments); `kubeguard --staged` against a plain run on one of those files. Target ≤ 1.3×: a pre-commit hook
// must cost what the staged files cost, not what the repository holds.
// Usage: node bench/staged [--runs N] [--json] [--keep]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { interleave, cleanEnv, progress } = require('../lib/run');
const { CORPUS, listManifests } = require('../lib/corpus');
const { formatSample, ratio, formatRatio } = require('../lib/stats');
const { parseOptions } = require('../lib/options');
const { ensureBuilt, ROOT } = require('../lib/build');

const TARGET = 1.3;
const MANIFESTS = 2000;
const BIN = path.join(ROOT, 'bin', 'kubeguard.js');

function git(cwd, args) {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** A repository of MANIFESTS corpus manifests (rendered ones only: no Helm chart sources), 3 of them changed and staged. */
function makeRepository() {
  const sources = [];
  for (const part of ['real', 'kustomize']) for (const file of listManifests(path.join(CORPUS, part))) sources.push(path.join(part, file));
  for (const file of listManifests(path.join(CORPUS, 'helm-rendered'))) if (!file.includes(`chart${path.sep}`)) sources.push(path.join('helm-rendered', file));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeguard-bench-staged-'));
  for (let index = 0; index < MANIFESTS; index++) {
    const source = sources[index % sources.length];
    const copy = Math.floor(index / sources.length);
    const target = path.join(dir, `copy-${copy}`, source);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, source), target);
  }
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'manifests']);
  // Three typical edits: small application Deployments (one document, 1-4 KB), as a developer changes them. The same
  // kind as the one-file run, so both load the same schema validator and the ratio shows what --staged itself costs.
  const { parseAllDocuments } = require('yaml');
  const candidates = sources
    .filter((source) => {
      const text = fs.readFileSync(path.join(CORPUS, source), 'utf8');
      if (text.length < 1024 || text.length > 4096 || !/\.ya?ml$/.test(source)) return false;
      const documents = parseAllDocuments(text, { logLevel: 'silent' }).filter((document) => document.contents !== null);
      const value = documents.length === 1 && !documents[0].errors.length ? documents[0].toJS() : undefined;
      return value?.kind === 'Deployment' && Array.isArray(value.spec?.template?.spec?.containers);
    })
    .slice(0, 3)
    .map((source) => path.join('copy-0', source));
  if (candidates.length < 3) throw new Error('corpus: fewer than 3 small Deployments');
  for (const file of candidates) {
    fs.appendFileSync(path.join(dir, file), '\n# edited by the staged benchmark\n');
    git(dir, ['add', file]);
  }
  return { dir, staged: candidates, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function runStaged({ runs, keep }) {
  ensureBuilt();
  const repo = makeRepository();
  try {
    const env = cleanEnv();
    const bytes = repo.staged.map((file) => fs.statSync(path.join(repo.dir, file)).size);
    const one = repo.staged[0];
    const commands = [
      { name: 'kubeguard --staged', argv: [process.execPath, BIN, '--staged'], cwd: repo.dir, env, allowedExitCodes: [0, 1] },
      { name: 'kubeguard one file', argv: [process.execPath, BIN, one], cwd: repo.dir, env, allowedExitCodes: [0, 1] },
    ];
    const samples = interleave(commands, { rounds: runs, warmup: 2, onRound: progress('staged') });
    const staged = samples.get('kubeguard --staged');
    const checked = /(\d+) files?, \d+ objects? checked/.exec(staged.last.stdout.toString('utf8'));
    if (!checked || Number(checked[1]) !== repo.staged.length) throw new Error(`--staged checked ${checked?.[1]} files, expected ${repo.staged.length}`);
    const r = ratio(staged.ms, samples.get('kubeguard one file').ms);
    return {
      runs,
      staged: staged.ms,
      oneFile: samples.get('kubeguard one file').ms,
      ratio: r,
      lines: [
        `--staged: Git repository of ${MANIFESTS} manifests, 3 staged (${bytes.map((b) => `${(b / 1024).toFixed(1)} KB`).join(', ')}), ${runs} interleaved rounds:`,
        `  kubeguard --staged   ${formatSample(staged.ms)}`,
        `  kubeguard one file   ${formatSample(samples.get('kubeguard one file').ms)}   (${one})`,
        `  --staged / one file  ${formatRatio(r)}  target ≤ ${TARGET}: ${r.ratioOfMedians <= TARGET ? 'met' : 'MISSED'}`,
        ...(keep ? [`  kept ${repo.dir}`] : []),
      ],
    };
  } finally {
    if (!keep) repo.remove();
  }
}

module.exports = { runStaged };

if (require.main === module) {
  const options = parseOptions(process.argv.slice(2), { runs: 15 });
  const { describeMachine } = require('../lib/machine');
  const result = runStaged(options);
  if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write([describeMachine(), '', ...result.lines, ''].join('\n'));
}
