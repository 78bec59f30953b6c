// --staged with real Git repositories: the index, not the working tree, is linted, with positions in the staged
// content; odd paths, subdirectories, no commits yet, deletions, renames, and never anything unstaged.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectStaged, parseRawDiff } from '../../src/sources/staged';
import { DEFAULT_LIMITS } from '../../src/sources/yaml-loader';
import { runCli, tempDir, yaml } from '../helpers';
import { cleanEnv, gitRepo, type Repo } from './git-repo';

const good = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: web
        image: nginx:1.27
`;
// Line 10, column 9: the `privileged` key.
const bad = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          privileged: true
`;
const config = 'extends: []\nrules:\n  no-privileged: error\nignores: ["examples/insecure/**", "test/fixtures/**"]\n';

interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

function staged(repo: Repo, args: string[] = [], cwd = repo.dir) {
  const result = runCli(['--staged', '--format', 'json', ...args], { cwd, env: repo.env });
  let findings: Finding[] = [];
  try {
    findings = JSON.parse(result.stdout).results;
  } catch {
    // A usage error prints no JSON.
  }
  return { ...result, findings, where: findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`) };
}

test('the staged content is linted, not the working tree: positions are in the staged content', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config });
  // Staged: the privileged Pod after two comment lines; working tree: fixed since.
  repo.write('pod.yaml', `# one\n# two\n${bad}`);
  repo.git('add', 'pod.yaml');
  repo.write('pod.yaml', good);
  const result = staged(repo);
  assert.is(result.code, 1, result.stderr);
  assert.equal(result.where, ['pod.yaml:12:9 no-privileged']);

  // The reverse: a clean staged version and a broken working tree passes.
  repo.git('add', 'pod.yaml');
  repo.write('pod.yaml', bad);
  const clean = staged(repo);
  assert.is(clean.code, 0, clean.stdout + clean.stderr);
  assert.equal(clean.findings, []);
});

test('a half-staged file (git add -p) is judged as it will be committed', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'pod.yaml': good });
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'base');
  // Two changes to one file; only the first (a harmless label) is staged, the privileged one is not.
  const labelled = good.replace('  name: web\n', '  name: web\n  labels: {app: web}\n');
  repo.write('pod.yaml', labelled);
  repo.git('add', 'pod.yaml');
  repo.write('pod.yaml', `${labelled.trimEnd()}\n      securityContext:\n        privileged: true\n`);
  assert.is(staged(repo).code, 0);
  // Stage the rest: now it fails, at the line the staged content has.
  repo.git('add', 'pod.yaml');
  assert.equal(staged(repo).where, ['pod.yaml:11:9 no-privileged']);
});

test('paths with spaces and unicode, from the top and from a subdirectory (paths relative to the cwd)', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'top.yaml': bad, 'dir with space/ünïcödé pod.yaml': bad, 'dir with space/nested/ok.yaml': good });
  repo.git('add', '.');
  assert.equal(staged(repo).where, ['dir with space/ünïcödé pod.yaml:10:9 no-privileged', 'top.yaml:10:9 no-privileged']);
  const fromSub = staged(repo, [], join(repo.dir, 'dir with space', 'nested'));
  assert.equal(fromSub.where, ['../../top.yaml:10:9 no-privileged', '../ünïcödé pod.yaml:10:9 no-privileged']);
  assert.is(fromSub.code, 1);
});

test('pathspecs limit --staged to matching staged files, relative to the cwd', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'a/pod.yaml': bad, 'b/pod.yaml': bad });
  repo.git('add', '.');
  assert.equal(staged(repo, ['a']).where, ['a/pod.yaml:10:9 no-privileged']);
  assert.equal(staged(repo, ['*.yaml'], join(repo.dir, 'b')).where, ['pod.yaml:10:9 no-privileged']);
  // A pathspec matching nothing staged is no error: there is nothing to lint.
  const none = staged(repo, ['c']);
  assert.is(none.code, 0, none.stderr);
});

test('works in a repository with no commits yet', () => {
  // The config is read from the working tree; it need not be staged.
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'pod.yaml': bad });
  repo.git('add', 'pod.yaml');
  assert.throws(() => repo.git('rev-parse', 'HEAD'));
  const result = staged(repo);
  assert.equal(result.where, ['pod.yaml:10:9 no-privileged']);
});

test('deleted and renamed files: a staged deletion is skipped, a rename is linted at its new path', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'old.yaml': bad, 'gone.yaml': bad, 'kept.yaml': good });
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'base');
  repo.git('mv', 'old.yaml', 'new name.yaml');
  repo.git('rm', '-q', 'gone.yaml');
  const result = staged(repo);
  assert.equal(result.where, ['new name.yaml:10:9 no-privileged']);
  assert.is(result.stderr, '');
  // A staged file deleted from the working tree afterwards is still committed, so still linted.
  repo.write('kept.yaml', bad);
  repo.git('add', 'kept.yaml');
  rmSync(join(repo.dir, 'kept.yaml'));
  assert.equal(staged(repo).where, ['kept.yaml:10:9 no-privileged', 'new name.yaml:10:9 no-privileged']);
});

test('nothing unstaged is read: untracked, unchanged and modified-but-unstaged files are ignored', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'committed.yaml': bad });
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'base');
  repo.write('untracked.yaml', 'kind: [ broken\n');
  repo.write('committed.yaml', `${bad}# more\n`);
  repo.write('staged.yaml', good);
  repo.git('add', 'staged.yaml');
  const result = staged(repo);
  assert.is(result.code, 0, result.stdout);
  assert.equal(result.findings, []);
  // Nothing staged at all: no output problems, exit 0.
  repo.git('commit', '-q', '-m', 'more');
  const nothing = staged(repo);
  assert.is(nothing.code, 0);
  assert.equal(nothing.findings, []);
});

test('config ignores apply: examples/insecure and test fixtures are not linted', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'examples/insecure/pss.yaml': bad, 'test/fixtures/x/input.yaml': bad, 'deploy/web.yaml': bad });
  repo.git('add', '.');
  assert.equal(staged(repo).where, ['deploy/web.yaml:10:9 no-privileged']);
});

test('only manifests: other extensions, symlinks and submodules are skipped; JSON manifests are linted', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'README.md': bad, 'pod.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'a', image: 'x:1', securityContext: { privileged: true } }] } }) });
  symlinkSync('pod.json', join(repo.dir, 'link.yaml'));
  const sub = gitRepo({ 'x.yaml': bad });
  sub.git('add', '.');
  sub.git('commit', '-q', '-m', 'sub');
  execFileSync('git', ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'module.yaml'], { cwd: repo.dir, env: repo.env, stdio: 'pipe' });
  repo.git('add', '.');
  const result = staged(repo);
  assert.equal(
    result.findings.map((finding) => finding.file),
    ['pod.json'],
  );
});

test('limits: an over-size blob is reported without being read, binary content is a parse-error', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': `${config}maxFileSize: 100\n`, 'big.yaml': `# ${'x'.repeat(200)}\n`, 'small.yaml': 'a: 1\n' });
  repo.write('binary.yaml', Buffer.from([0x61, 0x00, 0x62]));
  repo.git('add', 'big.yaml', 'small.yaml', 'binary.yaml');
  const result = staged(repo);
  const problems = result.findings.map((finding) => `${finding.file} ${finding.ruleId} ${finding.message}`);
  assert.equal(problems, ['big.yaml parse-error file is 203 bytes, over the limit of 100 (maxFileSize)', 'binary.yaml parse-error binary file (contains NUL bytes), not a manifest']);
  assert.is(result.code, 1);
});

test('outside a Git repository: exit 2 with a clear message', () => {
  const dir = tempDir({ 'pod.yaml': bad });
  const result = runCli(['--staged'], { cwd: dir, env: cleanEnv(tempDir()) });
  assert.is(result.code, 2);
  assert.match(result.stderr, /^kubeguard: --staged needs a Git repository: fatal: not a git repository/m);
  assert.is(result.stdout, '', 'no "no problems" report when nothing could be linted');
  // Inside .git is not a work tree either.
  const repo = gitRepo();
  const inside = runCli(['--staged'], { cwd: join(repo.dir, '.git'), env: repo.env });
  assert.is(inside.code, 2);
  assert.match(inside.stderr, /--staged needs a Git repository: not inside a Git work tree/);
  assert.is(inside.stdout, '');
  // Machine formats still print their document, empty.
  const json = runCli(['--staged', '--format', 'json'], { cwd: dir, env: cleanEnv(tempDir()) });
  assert.is(json.code, 2);
  assert.equal(JSON.parse(json.stdout).results, []);
});

test('git missing from the PATH: exit 2 saying so', () => {
  const repo = gitRepo();
  const emptyBin = tempDir();
  const result = collectStaged({ cwd: repo.dir, limits: DEFAULT_LIMITS, env: { ...repo.env, PATH: emptyBin } });
  assert.equal(result.errors, ['--staged needs git, which is not on the PATH']);
});

test('inside a pre-commit hook, `git commit -a` lints what it will commit (GIT_INDEX_FILE)', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'pod.yaml': good });
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'base');
  const bin = join(__dirname, '..', '..', 'bin', 'kubeguard.js');
  mkdirSync(join(repo.dir, 'hooks'));
  writeFileSync(join(repo.dir, 'hooks', 'pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" --staged\n`);
  chmodSync(join(repo.dir, 'hooks', 'pre-commit'), 0o755);
  repo.git('config', 'core.hooksPath', 'hooks');
  // Not staged: a plain `git commit` of something else passes, `git commit -a` takes the change and is blocked.
  repo.write('pod.yaml', bad);
  repo.write('other.yaml', good);
  repo.git('add', 'other.yaml');
  repo.git('commit', '-q', '-m', 'other');
  let blocked = '';
  try {
    repo.git('commit', '-a', '-q', '-m', 'privileged');
  } catch (error) {
    blocked = String((error as { stderr?: string }).stderr ?? ''); // git sends a hook's output to stderr
  }
  assert.match(blocked, /pod\.yaml\n\s+10:9\s+error\s+Container "web" runs privileged/);
  assert.is(repo.git('log', '--format=%s').trim(), 'other\nbase');
  // `git commit <path>` uses a temporary index too.
  assert.throws(() => repo.git('commit', '-q', '-m', 'by path', 'pod.yaml'));
  repo.write('pod.yaml', good.replace('nginx:1.27', 'nginx:1.28'));
  repo.git('commit', '-a', '-q', '-m', 'upgrade');
  assert.is(repo.git('log', '-1', '--format=%s').trim(), 'upgrade');
});

test('parseRawDiff', () => {
  const z = (parts: string[]) => `${parts.join('\0')}\0`;
  const sha = 'a'.repeat(40);
  const zero = '0'.repeat(40);
  assert.equal(
    parseRawDiff(z([`:000000 100644 ${zero} ${sha} A`, 'new file.yaml', `:100644 000000 ${sha} ${zero} D`, 'gone.yaml', `:100644 100755 ${sha} ${sha} M`, 'x.yml', `:100644 100644 ${sha} ${sha} T`, 'type.yaml'])),
    [
      { path: 'new file.yaml', mode: '100644', object: sha },
      { path: 'x.yml', mode: '100755', object: sha },
      { path: 'type.yaml', mode: '100644', object: sha },
    ],
  );
  assert.equal(parseRawDiff(''), []);
});

test('collectStaged keeps paths byte-exact and relative to a subdirectory cwd', () => {
  const repo = gitRepo({ 'a b/c.yaml': bad, 'd.yaml': good });
  repo.git('add', '.');
  const result = collectStaged({ cwd: join(repo.dir, 'a b'), limits: DEFAULT_LIMITS, env: repo.env });
  assert.equal(result.errors, []);
  assert.equal(
    result.files.map((file) => [file.file, file.text]),
    [
      ['c.yaml', bad],
      ['../d.yaml', good],
    ],
  );
});

test('collectStaged: a blob far over maxFileSize is reported by its size (the one-process read falls back to checking sizes first)', () => {
  const repo = gitRepo({ 'big.yaml': `# ${'x'.repeat(20000)}\n`, 'pod.yaml': good });
  repo.git('add', '.');
  const result = collectStaged({ cwd: repo.dir, limits: { ...DEFAULT_LIMITS, maxFileSize: 1000 }, env: repo.env });
  assert.equal(result.errors, []);
  assert.equal(result.problems.map((problem) => problem.message), ['file is 20003 bytes, over the limit of 1000 (maxFileSize)']);
  assert.equal(result.files.map((file) => [file.file, file.text]), [['pod.yaml', good]]);
});

test.run();
