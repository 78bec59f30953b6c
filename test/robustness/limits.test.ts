// Limits and hostile inputs: each becomes a clear parse-error, positioned where there is a place, naming the limit;
// the other documents and files of the run are still linted. Symlink loops, unreadable files and directories, and
// odd path names (spaces, unicode, leading dashes) through the built CLI.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { parseErrorFinding } from '../../src/engine/linter';
import { decodeManifest, firstInvalidUtf8, readManifest } from '../../src/sources/read-file';
import { DEFAULT_LIMITS, parseManifest, type ParsedFile } from '../../src/sources/yaml-loader';
import { BIN, cleanEnv, kubeguard, NOBODY, nobodyCannotRunCli, openTempDir, removeTempDirs, results, runningAsRoot } from './cli';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';

/** The problems of a parsed file as [message, line, column]. */
function problems(parsed: ParsedFile): Array<[string, number, number]> {
  return parsed.problems.map((problem) => {
    const finding = parseErrorFinding(parsed, problem.message, problem.offset);
    return [finding.message, finding.line, finding.column];
  });
}

function kinds(parsed: ParsedFile): string[] {
  return parsed.documents.flatMap((document) => document.objects.map(({ object }) => String(object.kind)));
}

test('100,000 nested [ and { are a positioned parse-error, not a stack overflow or an out-of-memory abort', () => {
  for (const text of ['['.repeat(100_000), '{'.repeat(100_000), `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, `x: 1\ny: ${'{a: '.repeat(100_000)}`]) {
    const parsed = parseManifest('deep.yaml', text);
    const [[message, line, column]] = problems(parsed);
    assert.match(message, /nesting deeper than 200 levels \(maxDepth\)/);
    assert.ok(line >= 1 && column > 1, `positioned: ${line}:${column}`);
    assert.equal(parsed.documents, []);
  }
});

test('deep block nesting on one line (- - - ...) and by indentation', () => {
  const dashes = parseManifest('dashes.yaml', `${'- '.repeat(50_000)}x\n`);
  assert.match(problems(dashes)[0][0], /nesting deeper than 200 levels/);
  const indented = Array.from({ length: 300 }, (_, level) => `${' '.repeat(level)}k:`).join('\n') + ' x\n';
  assert.equal(problems(parseManifest('indented.yaml', indented)), [['document 1 is nested deeper than 200 levels (maxDepth)', 201, 201]]);
});

test('a document nested just too deep is reported where it gets too deep; the other documents are still linted', () => {
  const text = `${POD}---\nlist: ${'['.repeat(201)}${']'.repeat(201)}\n---\n${POD}`;
  const parsed = parseManifest('mixed.yaml', text);
  assert.equal(problems(parsed), [['document 2 is nested deeper than 200 levels (maxDepth)', 12, 206]]);
  assert.equal(kinds(parsed), ['Pod', 'Pod']);
  assert.equal(parsed.documents.map((document) => document.index), [0, 2]);
  // 200 levels is allowed.
  assert.equal(parseManifest('ok.yaml', `list: ${'['.repeat(199)}${']'.repeat(199)}\n`).problems, []);
});

test('brackets inside quoted scalars and comments are not nesting', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "${'['.repeat(10_000)}"\n  # ${'{'.repeat(10_000)}\n  b: '${'['.repeat(300)}'\n`;
  const parsed = parseManifest('quoted.yaml', text);
  assert.equal(parsed.problems, []);
  assert.equal(kinds(parsed), ['ConfigMap']);
});

test('an alias bomb is stopped by maxAliasCount; the other documents are linted', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
  const parsed = parseManifest('bomb.yaml', `${POD}---\n${bomb}\n`);
  assert.equal(problems(parsed), [['document 2 expands aliases beyond the limit of 100 (an alias bomb?)', 12, 1]]);
  assert.equal(kinds(parsed), ['Pod']);
  // Merge keys count too.
  const merges = ['base: &base {a: 1}', ...Array.from({ length: 150 }, (_, index) => `k${index}: {<<: *base}`)].join('\n');
  assert.match(problems(parseManifest('merges.yaml', merges))[0][0], /expands aliases beyond the limit/);
});

test('alias cycles and aliases to missing anchors never hang or throw', () => {
  const cycle = parseManifest('cycle.yaml', 'a: &a [*a]\n');
  assert.equal(cycle.problems.length, 1);
  const missing = parseManifest('missing.yaml', `${POD}---\nkind: *nothing\n`);
  assert.equal(missing.problems.length, 1);
  assert.match(missing.problems[0].message, /nothing/);
  assert.equal(kinds(missing), ['Pod']);
});

test('documents per file: past maxDocuments the rest is reported, the first ones are linted', () => {
  const text = Array.from({ length: 8 }, () => POD).join('---\n');
  const parsed = parseManifest('many.yaml', text, { ...DEFAULT_LIMITS, maxDocuments: 5 });
  assert.equal(problems(parsed), [['more than 5 documents in one file (maxDocuments); the documents from here on are not linted', 55, 1]]);
  assert.equal(kinds(parsed).length, 5);
});

test('file size: the configured maxFileSize, for files, staged blobs and endless devices', () => {
  const dir = openTempDir();
  const big = POD + `# ${'x'.repeat(2000)}\n`;
  writeFileSync(join(dir, 'big.yaml'), big);
  assert.equal(readManifest(join(dir, 'big.yaml'), 1000), { problem: `file is ${Buffer.byteLength(big)} bytes, over the limit of 1000 (maxFileSize in the config)` });
  assert.ok('text' in readManifest(join(dir, 'big.yaml'), DEFAULT_LIMITS.maxFileSize));
  assert.equal(decodeManifest(Buffer.alloc(1001, 0x61), 1000), { problem: 'file is 1001 bytes, over the limit of 1000 (maxFileSize in the config)' });
  if (existsSync('/dev/zero')) assert.equal(readManifest('/dev/zero', 1000), { problem: 'file is more than 1000 bytes, over the limit of 1000 (maxFileSize in the config)' });
});

test('a pipe named as a path (`kubeguard <(helm template ...)`) is read', () => {
  const dir = openTempDir();
  writeFileSync(join(dir, 'pod.yaml'), POD);
  const bash = spawnSync('bash', ['-c', `exec "$0" "$1" --format json --preset pss-baseline <(cat pod.yaml)`, process.execPath, BIN], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
  if (bash.error) return console.log('  (no bash: process substitution not tested)');
  assert.equal(bash.status, 1, bash.stderr);
  assert.equal(JSON.parse(bash.stdout).results.map((result: { ruleId: string }) => result.ruleId), ['no-privileged']);
});

test('encodings: invalid UTF-8 is positioned, UTF-16 and binary files are named, a BOM is dropped', () => {
  const bytes = Buffer.concat([Buffer.from('a: 1\nb: "é'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]);
  assert.equal(firstInvalidUtf8(bytes), 11);
  assert.equal(decodeManifest(bytes, 1000), { problem: 'file is not valid UTF-8: byte 0xc3 at line 2, column 6' });
  assert.equal(decodeManifest(Buffer.from([0xed, 0xa0, 0x80]), 1000), { problem: 'file is not valid UTF-8: byte 0xed at line 1, column 1' }); // a surrogate
  assert.equal(decodeManifest(Buffer.from([0x61, 0xc0, 0xaf]), 1000), { problem: 'file is not valid UTF-8: byte 0xc0 at line 1, column 2' }); // overlong
  assert.equal(decodeManifest(Buffer.from('\ufeffa: 1\n', 'utf16le'), 1000), { problem: 'file is UTF-16 encoded; save it as UTF-8' });
  assert.equal(decodeManifest(Buffer.from([0x61, 0x00, 0x62]), 1000), { problem: 'binary file (contains NUL bytes), not a manifest' });
  const bom = decodeManifest(Buffer.from(`\ufeff${POD}`), 1000);
  assert.ok('text' in bom);
  const findings = lintText([{ file: 'bom.yaml', text: (bom as { text: string }).text }], { rules: { 'no-privileged': 'error' } }).findings;
  assert.equal(findings.map((finding) => [finding.ruleId, finding.line, finding.column]), [['no-privileged', 10, 9]]);
});

test('syntax errors outside any document are still reported', () => {
  const parsed = parseManifest('stray.yaml', ']]]\n');
  assert.equal(parsed.problems.length >= 1, true);
});

test('symlink loops and dangling links: every real file once, the run ends', () => {
  const dir = openTempDir();
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  writeFileSync(join(dir, 'a', 'pod.yaml'), POD);
  writeFileSync(join(dir, 'a', 'b', 'pod.yaml'), POD);
  symlinkSync('..', join(dir, 'a', 'b', 'up'));
  symlinkSync('.', join(dir, 'a', 'self'));
  symlinkSync(join(dir, 'a'), join(dir, 'alias'));
  symlinkSync('loop.yaml', join(dir, 'loop.yaml')); // a link to itself: ELOOP
  symlinkSync('missing.yaml', join(dir, 'dangling.yaml'));
  const run = kubeguard(['--format', 'json', '--preset', 'pss-baseline', '.'], { cwd: dir });
  assert.equal(run.code, 1, run.stderr);
  assert.equal(results(run).map((result) => [result.file, result.ruleId]), [
    ['a/b/pod.yaml', 'no-privileged'],
    ['a/pod.yaml', 'no-privileged'],
  ]);
  // Named explicitly, the looping link is a parse-error naming it.
  const named = kubeguard(['--format', 'json', '--preset', 'pss-baseline', 'loop.yaml', 'a'], { cwd: dir });
  const found = results(named).map((result) => [result.file, result.ruleId]);
  assert.ok(found.some(([file, ruleId]) => file === 'loop.yaml' && ruleId === 'parse-error'), JSON.stringify(found));
  assert.ok([1, 2].includes(named.code ?? -1));
});

test('unreadable files and directories are parse-errors naming them; the rest is linted', () => {
  const dir = openTempDir();
  writeFileSync(join(dir, 'locked.yaml'), POD);
  writeFileSync(join(dir, 'open.yaml'), POD);
  mkdirSync(join(dir, 'closed'));
  writeFileSync(join(dir, 'closed', 'inside.yaml'), POD);
  chmodSync(join(dir, 'locked.yaml'), 0o000);
  chmodSync(join(dir, 'closed'), 0o000);
  // As root, mode 000 does not stop reads: run the CLI as an unprivileged user instead, when that user can read it.
  const cannot = runningAsRoot() ? nobodyCannotRunCli() : undefined;
  if (cannot) {
    console.log(`  (skipped: running as root and ${cannot})`);
    return;
  }
  const as = runningAsRoot() ? { uid: NOBODY, gid: NOBODY } : {};
  if (runningAsRoot()) console.log('  (running as root: the permission test runs the CLI as uid 65534)');
  const run = kubeguard(['--format', 'json', '--preset', 'pss-baseline', '.'], { cwd: dir, ...as });
  assert.equal(run.code, 1, run.stderr);
  const found = results(run);
  assert.equal(found.map((result) => [result.file, result.ruleId]), [
    ['closed', 'parse-error'],
    ['locked.yaml', 'parse-error'],
    ['open.yaml', 'no-privileged'],
  ]);
  assert.match(found[0].message, /cannot read directory: permission denied/);
  assert.match(found[1].message, /permission denied/);
});

test('paths with spaces, unicode and leading dashes', () => {
  const dir = openTempDir();
  const names = ['with space/pod one.yaml', 'ünïcødé/日本語.yaml', '-x.yaml', '--dashes.yaml', 'emoji 🚀.yml'];
  for (const name of names) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), POD);
  }
  const all = kubeguard(['--format', 'json', '--preset', 'pss-baseline', '.'], { cwd: dir });
  assert.equal(all.code, 1, all.stderr);
  assert.equal(results(all).map((result) => result.file).sort(), [...names].sort());
  // Leading dashes: after `--`, or as ./-x.yaml.
  const afterDashes = kubeguard(['--format', 'json', '--preset', 'pss-baseline', '--', '-x.yaml', '--dashes.yaml'], { cwd: dir });
  assert.equal(results(afterDashes).map((result) => result.file), ['--dashes.yaml', '-x.yaml']);
  const dotSlash = kubeguard(['--format', 'json', '--preset', 'pss-baseline', './-x.yaml', 'with space/pod one.yaml', 'ünïcødé/日本語.yaml'], { cwd: dir });
  assert.equal(results(dotSlash).map((result) => result.file), ['-x.yaml', 'ünïcødé/日本語.yaml', 'with space/pod one.yaml'].sort());
  // Without `--`, a leading dash is an option: a usage error, not a silent skip.
  const asOption = kubeguard(['-x.yaml'], { cwd: dir });
  assert.equal(asOption.code, 2);
  assert.match(asOption.stderr, /unknown option -x\.yaml/);
});

test.after(removeTempDirs);

test.run();
