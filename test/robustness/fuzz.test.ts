// Fuzz: corpus files mutated with a fixed seed (truncation, flipped bytes, deep nesting, huge scalars, random
// indentation, duplicate keys, tabs, invalid UTF-8, BOMs, alias cycles and bombs, ...), linted with every rule on
// (the strict preset) next to untouched files. Asserts: nothing throws, no rule crashes on the odd input, a mutated
// file has a parse-error unless it is still valid YAML, and the untouched files' results do not change.
// Bounded time: KUBEGUARD_FUZZ_SECONDS (default 20) for the in-process part, plus a few runs of the built CLI.
// KUBEGUARD_FUZZ_SEED picks another seed. A failure names seed, round and mutations, and saves the input to reproduce.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { lintParsed, ruleMap } from '../../src/api';
import { resolveConfig, type ResolvedConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import type { Finding } from '../../src/engine/types';
import { parseBytes } from '../../src/sources/collect';
import { normaliseLineBreaks, reindentContinuations } from '../../src/sources/lenient-yaml';
import { DEFAULT_LIMITS, type ParsedFile } from '../../src/sources/yaml-loader';
import { CORPUS, kubeguard, openTempDir } from './cli';

const SECONDS = Number(process.env.KUBEGUARD_FUZZ_SECONDS ?? 20);
const SEED = Number(process.env.KUBEGUARD_FUZZ_SEED ?? 0x6b756265);
const MAX_SEED_FILE = 64 * 1024;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}
type Rng = ReturnType<typeof prng>;

function listCorpus(): string[] {
  const { listManifests } = require('../../bench/lib/corpus') as { listManifests: (dir: string) => string[] };
  const files: string[] = [];
  for (const part of ['real', 'kustomize', 'helm-rendered']) {
    for (const file of listManifests(join(CORPUS, part))) {
      if (file.includes('chart/')) continue; // Helm chart sources are templates, not YAML
      const path = join(CORPUS, part, file);
      if (readFileSync(path).length <= MAX_SEED_FILE) files.push(path);
    }
  }
  return files;
}

// --- mutations: Buffer in, Buffer out
const lineStarts = (bytes: Buffer): number[] => {
  const starts = [0];
  for (let index = 0; index < bytes.length; index++) if (bytes[index] === 0x0a && index + 1 < bytes.length) starts.push(index + 1);
  return starts;
};
const insertAt = (bytes: Buffer, offset: number, insert: Buffer | string) => Buffer.concat([bytes.subarray(0, offset), Buffer.from(insert), bytes.subarray(offset)]);
const mapLines = (bytes: Buffer, rng: Rng, share: number, change: (line: string) => string) =>
  Buffer.from(
    bytes
      .toString('latin1')
      .split('\n')
      .map((line) => (rng.next() < share ? change(line) : line))
      .join('\n'),
    'latin1',
  );

const MUTATIONS: Record<string, (bytes: Buffer, rng: Rng) => Buffer> = {
  truncate: (bytes, rng) => bytes.subarray(0, rng.int(0, bytes.length)),
  flipBytes: (bytes, rng) => {
    const copy = Buffer.from(bytes);
    for (let count = rng.int(1, 12); count > 0 && copy.length; count--) copy[rng.int(0, copy.length - 1)] ^= rng.int(1, 255);
    return copy;
  },
  deepFlowNesting: (bytes, rng) => {
    const open = rng.pick(['[', '{', '{a: ', '[{']);
    const depth = rng.pick([201, 300, 5_000, 100_000]);
    const closed = rng.next() < 0.5;
    const closing = open.replace(/\[/g, ']').replace(/\{a: /g, '}').replace(/\{/g, '}').split('').reverse().join('');
    return insertAt(bytes, rng.pick(lineStarts(bytes)), `deep: ${open.repeat(depth)}${closed ? closing.repeat(depth) : ''}\n`);
  },
  deepBlockNesting: (bytes, rng) => {
    const depth = rng.int(150, 400);
    const block = rng.next() < 0.5 ? `${'- '.repeat(depth)}x\n` : Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n') + ' x\n';
    return insertAt(bytes, rng.pick(lineStarts(bytes)), block);
  },
  hugeScalar: (bytes, rng) => {
    const size = rng.int(64 * 1024, 1024 * 1024);
    const scalar = rng.pick([`huge: ${'x'.repeat(size)}\n`, `huge: "${'y '.repeat(size / 2)}"\n`, `huge: |\n  ${'z'.repeat(size)}\n`]);
    return insertAt(bytes, rng.pick(lineStarts(bytes)), scalar);
  },
  randomIndentation: (bytes, rng) => mapLines(bytes, rng, 0.1, (line) => (rng.next() < 0.5 ? ' '.repeat(rng.int(1, 3)) + line : line.replace(/^ {1,3}/, ''))),
  duplicateKey: (bytes, rng) => {
    const lines = bytes.toString('latin1').split('\n');
    const keyed = lines.map((line, index) => (/^\s*[\w.-]+:/.test(line) ? index : -1)).filter((index) => index >= 0);
    if (!keyed.length) return bytes;
    const index = rng.pick(keyed);
    lines.splice(index + 1, 0, lines[index]);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  tabs: (bytes, rng) => mapLines(bytes, rng, 0.15, (line) => (rng.next() < 0.7 ? line.replace(/^( +)/, (spaces) => '\t'.repeat(Math.max(1, spaces.length >> 1))) : line + '\t')),
  invalidUtf8: (bytes, rng) => insertAt(bytes, rng.int(0, bytes.length), Buffer.from(rng.pick([[0xff], [0xfe, 0xfe], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80], [0xe2, 0x82], [0xc0, 0xaf]]))),
  bom: (bytes, rng) =>
    rng.pick([
      () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
      () => insertAt(bytes, rng.pick(lineStarts(bytes)), Buffer.from([0xef, 0xbb, 0xbf])),
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('latin1'), 'utf16le')]),
    ])(),
  aliasCycle: (bytes, rng) => insertAt(bytes, rng.pick(lineStarts(bytes)), rng.pick(['cycle: &cycle [*cycle]\n', 'a: &a {b: *a}\n', 'x: *undefined\n', 'y: &y\n  z: *y\n'])),
  aliasBomb: (bytes, rng) => {
    const width = rng.int(5, 10);
    const level = (name: string, previous: string) => `${name}: &${name} [${Array(width).fill(previous).join(', ')}]`;
    const bomb = ['a0: &a0 lol', level('a1', '*a0'), level('a2', '*a1'), level('a3', '*a2'), level('a4', '*a3'), level('a5', '*a4'), `bomb: [${Array(width).fill('*a5').join(', ')}]`, `merged: {<<: *a1}`];
    return Buffer.concat([bytes, Buffer.from(`\n---\n${bomb.join('\n')}\n`)]);
  },
  documentMarkers: (bytes, rng) => insertAt(bytes, rng.pick(lineStarts(bytes)), rng.pick(['---\n', '...\n', '--- |\n', '%YAML 1.1\n---\n', '--- !!map\n'])),
  lineEndings: (bytes, rng) => Buffer.from(bytes.toString('latin1').replace(/\n/g, () => rng.pick(['\r\n', '\r', '\n', '\n'])), 'latin1'),
  spliceLines: (bytes, rng) => {
    const lines = bytes.toString('latin1').split('\n');
    const from = rng.int(0, lines.length - 1);
    const moved = lines.splice(from, rng.int(1, 5));
    lines.splice(rng.int(0, lines.length), 0, ...moved);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  oddScalars: (bytes, rng) =>
    insertAt(bytes, rng.pick(lineStarts(bytes)), rng.pick(['n: .nan\n', 'i: -.inf\n', 'b: !!binary aGVsbG8=\n', 't: 2001-12-14t21:59:43.10-05:00\n', 's: !!set {a, b}\n', 'o: !!omap [a: 1]\n', '? [complex, key]\n: v\n', 'big: 123456789012345678901234567890\n', 'tag: !custom {x: 1}\n', 'c: 0o777\n'])),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

// --- linting in-process as the CLI does: decode, parse with the limits, every rule on
const config: ResolvedConfig = resolveConfig(validateConfig('fuzz', { extends: ['strict'] }, ruleMap), ruleMap, { cwd: '/fuzz' });
const CROSS_OBJECT = new Set([...ruleMap.values()].filter((rule) => rule.meta.crossObject).map((rule) => rule.meta.id));

function lint(inputs: Array<{ file: string; bytes: Buffer }>): Finding[] {
  const parsed: ParsedFile[] = [];
  const extra: Finding[] = [];
  for (const input of inputs) {
    const outcome = parseBytes(input.file, input.bytes, DEFAULT_LIMITS);
    if ('ruleId' in outcome) extra.push(outcome);
    else parsed.push(outcome);
  }
  return lintParsed(parsed, config, '/fuzz', extra).findings;
}

/** What a file's result must not lose or gain: its findings from rules that look at one object only. */
const own = (findings: Finding[], file: string) =>
  findings.filter((finding) => finding.file === file && !CROSS_OBJECT.has(finding.ruleId)).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);

/** Valid YAML by an independent reading: strict UTF-8, and yaml reports no error in any document. */
function isValidYaml(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (bytes.subarray(0, 8000).includes(0)) return false;
  // YAML as go-yaml reads it: a lone CR is a line break (YAML 1.2 b-break), and quoted scalars or flow collections may
  // continue at their parent's indentation (what kubectl accepts).
  const valid = (source: string) => {
    try {
      return parseAllDocuments(source, { version: '1.1', merge: true, uniqueKeys: true, logLevel: 'silent' } as never).every((document) => document.errors.length === 0);
    } catch {
      return false;
    }
  };
  text = normaliseLineBreaks(text);
  if (valid(text)) return true;
  const reindented = reindentContinuations(text);
  return reindented !== undefined && valid(reindented.text);
}

function saveForReproduction(seed: number, round: number, bytes: Buffer): string {
  const path = join(tmpdir(), `kubeguard-fuzz-${seed}-${round}.yaml`);
  writeFileSync(path, bytes);
  return path;
}

const corpus = listCorpus();

test(`in-process fuzz (seed ${SEED}, ${SECONDS} s)`, () => {
  assert.ok(corpus.length > 100, `corpus files found: ${corpus.length}`);
  const rng = prng(SEED);
  const clean = new Map<string, string[]>();
  const cleanOwn = (path: string, bytes: Buffer) => {
    if (!clean.has(path)) clean.set(path, own(lint([{ file: path, bytes }]), path));
    return clean.get(path)!;
  };
  const deadline = Date.now() + SECONDS * 1000;
  let rounds = 0;
  const seen = new Set<string>();
  for (let round = 0; Date.now() < deadline || round < MUTATION_NAMES.length; round++) {
    const victimPath = rng.pick(corpus);
    const bystanders = [...new Set([rng.pick(corpus), rng.pick(corpus)])].filter((path) => path !== victimPath);
    // Every mutation comes first in turn, so even a short run covers them all; a second one sometimes joins in.
    const names = [MUTATION_NAMES[round % MUTATION_NAMES.length], ...(rng.next() < 0.3 ? [rng.pick(MUTATION_NAMES)] : [])];
    let bytes: Buffer = readFileSync(victimPath);
    for (const name of names) bytes = MUTATIONS[name](bytes, rng);
    names.forEach((name) => seen.add(name));
    const victim = `victim/${relative(CORPUS, victimPath)}`;
    const where = () => `seed ${SEED}, round ${round}, mutations ${names.join('+')}, from ${relative(CORPUS, victimPath)}, next to ${bystanders.map((path) => relative(CORPUS, path)).join(', ')}; input saved to ${saveForReproduction(SEED, round, bytes)}`;
    let findings: Finding[];
    try {
      findings = lint([{ file: victim, bytes }, ...bystanders.map((path) => ({ file: path, bytes: readFileSync(path) }))]);
    } catch (error) {
      throw new Error(`lint threw: ${(error as Error).stack}\n${where()}`);
    }
    const crashed = findings.find((finding) => /Internal error in rule/.test(finding.message));
    if (crashed) assert.unreachable(`${crashed.ruleId} crashed on odd input: ${crashed.message}\n${where()}`);
    if (!findings.some((finding) => finding.file === victim && finding.ruleId === 'parse-error') && !isValidYaml(bytes)) {
      assert.unreachable(`invalid YAML without a parse-error\n${where()}`);
    }
    for (const path of bystanders) {
      const expected = cleanOwn(path, readFileSync(path));
      const actual = own(findings, path);
      // where() saves the input: only call it on a failure.
      if (JSON.stringify(actual) !== JSON.stringify(expected)) assert.equal(actual, expected, `untouched ${relative(CORPUS, path)} changed\n${where()}`);
    }
    rounds++;
  }
  assert.equal([...seen].sort(), [...MUTATION_NAMES].sort());
  console.log(`  fuzz: ${rounds} rounds in ${SECONDS} s, seed ${SEED}`);
});

test('the built CLI on mutated files: exit 0/1/2, a parse-error for each bad file, the clean files unchanged', () => {
  const rng = prng(SEED ^ 0x5eed);
  for (let round = 0; round < 2; round++) {
    const dir = openTempDir('kubeguard-fuzz-');
    const cleanDir = openTempDir('kubeguard-fuzz-clean-');
    const mutated: Array<{ name: string; bytes: Buffer; names: string[] }> = [];
    const cleanNames: string[] = [];
    for (let index = 0; index < MUTATION_NAMES.length; index++) {
      const source = rng.pick(corpus);
      const names = [MUTATION_NAMES[(index + round * 7) % MUTATION_NAMES.length]];
      let bytes: Buffer = readFileSync(source);
      for (const name of names) bytes = MUTATIONS[name](bytes, rng);
      const name = `mutated-${index}.yaml`;
      writeFileSync(join(dir, name), bytes);
      mutated.push({ name, bytes, names });
    }
    for (let index = 0; index < 4; index++) {
      const name = `clean-${index}.yaml`;
      const bytes = readFileSync(rng.pick(corpus));
      writeFileSync(join(dir, name), bytes);
      writeFileSync(join(cleanDir, name), bytes);
      cleanNames.push(name);
    }
    // Named, not walked: a walk skips a file that fails to parse and names no apiVersion or kind.
    const args = ['--format', 'json', '--preset', 'strict', '--no-build'];
    const run = kubeguard([...args, ...mutated.map((file) => file.name), ...cleanNames], { cwd: dir });
    const where = `seed ${SEED}, CLI round ${round}; files kept in ${dir}`;
    assert.ok(run.code === 0 || run.code === 1 || run.code === 2, `exit ${run.code} signal ${run.signal}\n${run.stderr.slice(0, 2000)}\n${where}`);
    assert.not.match(run.stderr, /internal error/i, where);
    const all = (JSON.parse(run.stdout) as { results: Finding[] }).results;
    assert.not.ok(all.some((finding) => /Internal error in rule/.test(finding.message)), where);
    for (const file of mutated) {
      const flagged = all.some((finding) => finding.file === file.name && finding.ruleId === 'parse-error');
      assert.ok(flagged || isValidYaml(file.bytes), `${file.name} (${file.names.join('+')}): invalid YAML without a parse-error\n${where}`);
    }
    const alone = (JSON.parse(kubeguard([...args, ...cleanNames], { cwd: cleanDir }).stdout) as { results: Finding[] }).results;
    for (const name of cleanNames) assert.equal(own(all, name), own(alone, name), `${name} changed next to mutated files\n${where}`);
    // Passed: the files are not needed to reproduce anything.
    rmSync(dir, { recursive: true, force: true });
    rmSync(cleanDir, { recursive: true, force: true });
  }
});

test.run();
