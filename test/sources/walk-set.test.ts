// The file set a directory walk covers, with real git in temporary repositories: tracked files whatever .gitignore
// says, untracked files unless ignored, default skips (vendor/, testdata/, a chart's files/, editor settings, release
// templates, kuttl and chainsaw assertions) that the config's `walk` section changes, files that are not manifests
// skipped and counted, and a named path always linted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir, yaml } from '../helpers';
import { gitRepo } from '../cli/git-repo';

// Line 5, column 3: hostNetwork.
const hostNetworkPod = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    hostNetwork: true
    containers: []
`;
const config = 'extends: []\nrules:\n  no-host-network: error\n';
// The cases the issue names are quoted in stderr notes, never as findings.

interface JsonReport {
  results: Array<{ file: string; line: number; column: number; ruleId: string; message: string }>;
  summary: { files: number; objects: number; skipped?: number };
}

function lintJson(cwd: string, args: string[], env?: Record<string, string>): { report: JsonReport; stderr: string; code: number } {
  const run = runCli(['--no-build', '-f', 'json', ...args], { cwd, env });
  return { report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr, code: run.code };
}

const rows = (report: JsonReport) => report.results.map((finding) => [finding.file, finding.ruleId, finding.line, finding.column]);

/** A repository shaped like the cases of issue 11. */
function shapedRepo() {
  const repo = gitRepo({
    '.kubeguardrc.yaml': config,
    '.gitignore': 'kustomize\nbuild/\n',
    '.devcontainer/devcontainer.json': '{\n  // the dev container\n  "name": "dev",\n  "features": {},\n}\n',
    '.vscode/tasks.json': '{\n  "version": "2.0.0",\n  "tasks": [{"label": "b", "group": {"kind": "build",},},],\n  // a comment\n}\n',
    'kustomize/pod.yaml': hostNetworkPod,
    'build/out.yaml': hostNetworkPod,
    'untracked/pod.yaml': hostNetworkPod,
    'vendor/github.com/x/pod.yaml': hostNetworkPod,
    'pkg/testdata/broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n',
    'e2e/kuttl/00-install.yaml': hostNetworkPod,
    'e2e/kuttl/00-assert.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus: {phase: Running}\n',
    'e2e/kuttl/01-errors.yaml': hostNetworkPod,
    'e2e/chainsaw/chainsaw-test.yaml': 'apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Test\nmetadata: {name: t}\nspec:\n  steps:\n  - try:\n    - apply: {file: pod.yaml}\n    - assert: {file: expected.yaml}\n    - error: {file: gone.yaml}\n',
    'e2e/chainsaw/pod.yaml': hostNetworkPod,
    'e2e/chainsaw/expected.yaml': hostNetworkPod,
    'e2e/chainsaw/gone.yaml': hostNetworkPod,
    'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    'chart/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n',
    'chart/files/config.yaml': 'value: {{ .Values.x }\n',
    '.goreleaser.yaml': 'builds:\n  - ldflags: -X main.version={{.Version}}\n',
    '.krew.yaml': 'apiVersion: krew.googlecontainertools.github.com/v1alpha2\nkind: Plugin\nspec:\n  version: {{ .TagName }}\n  x: [\n',
    'keps/kep.yaml': 'title: A KEP\nstatus: [provisional\n',
    'data/values.json': '{"a": 1,, }\n',
  });
  repo.git('add', '.');
  repo.git('add', '-f', 'kustomize/pod.yaml');
  repo.git('reset', '-q', 'untracked/pod.yaml');
  return repo;
}

test('a Git work tree: tracked files (even under an ignored name) and untracked, not ignored ones; default skips; no parse noise', () => {
  const repo = shapedRepo();
  const { report, stderr, code } = lintJson(repo.dir, ['.'], repo.env);
  assert.equal(rows(report), [
    ['e2e/chainsaw/pod.yaml', 'no-host-network', 5, 3],
    ['e2e/kuttl/00-install.yaml', 'no-host-network', 5, 3],
    ['kustomize/pod.yaml', 'no-host-network', 5, 3],
    ['untracked/pod.yaml', 'no-host-network', 5, 3],
  ]);
  assert.equal(code, 1);
  // Skipped: .devcontainer, .vscode, vendor, testdata, chart/files, .krew.yaml, .goreleaser.yaml, 4 assertions, the
  // KEP and the JSON data file that fail to parse.
  assert.equal(report.summary.skipped, 13);
  assert.match(stderr, /2 files found by the directory walk are not valid YAML and name no apiVersion or kind: skipped as not manifests \(--verbose lists them; name a file to lint it\)\./);
  assert.not.match(stderr, /parse-error/);
});

test('worker threads skip and count the same files as one thread', () => {
  const repo = shapedRepo();
  const one = lintJson(repo.dir, ['--threads', '1', '.'], repo.env).report;
  const two = lintJson(repo.dir, ['--threads', '2', '.'], repo.env).report;
  assert.equal(rows(two), rows(one));
  assert.equal(two.summary, one.summary);
  assert.equal(two.summary.skipped, 13);
});

test('--verbose lists every skipped path with its reason', () => {
  const repo = shapedRepo();
  const { stderr } = lintJson(repo.dir, ['--verbose', '.'], repo.env);
  const listed = stderr.split('\n').filter((line) => line.startsWith('kubeguard: skipped ')).map((line) => line.slice('kubeguard: skipped '.length).split(': ')[0]).sort();
  assert.equal(listed, ['.devcontainer', '.goreleaser.yaml', '.krew.yaml', '.vscode', 'chart/files', 'data/values.json', 'e2e/chainsaw/expected.yaml', 'e2e/chainsaw/gone.yaml', 'e2e/kuttl/00-assert.yaml', 'e2e/kuttl/01-errors.yaml', 'keps/kep.yaml', 'pkg/testdata', 'vendor']);
  assert.match(stderr, /kubeguard: skipped vendor: vendored code \(walk\.skip: vendor\)/);
  assert.match(stderr, /kubeguard: skipped keps\/kep\.yaml: not a manifest: it is not valid YAML \(.+\) and names no apiVersion or kind/);
});

test('a named path is always linted: a skipped folder, an assertion, a file that is not YAML', () => {
  const repo = shapedRepo();
  const { report } = lintJson(repo.dir, ['vendor', 'e2e/kuttl/01-errors.yaml', 'keps/kep.yaml', 'build'], repo.env);
  assert.equal(rows(report).map((row) => row.slice(0, 2)), [
    ['build/out.yaml', 'no-host-network'],
    ['e2e/kuttl/01-errors.yaml', 'no-host-network'],
    ['keps/kep.yaml', 'parse-error'],
    ['vendor/github.com/x/pod.yaml', 'no-host-network'],
  ]);
});

test('a tracked symbolic link to a directory is walked through the link, with .gitignore inside it', () => {
  const repo = gitRepo({ '.kubeguardrc.yaml': config, 'site/static/examples/pod.yaml': hostNetworkPod });
  const { symlinkSync } = require('node:fs') as typeof import('node:fs');
  symlinkSync('./site/static/examples', `${repo.dir}/examples`);
  repo.git('add', '.');
  const { report } = lintJson(repo.dir, ['.'], repo.env);
  // The real directory is the same directory: linted once, under the first name in walk order.
  assert.equal(rows(report), [['examples/pod.yaml', 'no-host-network', 5, 3]]);
});

test('walk.skip and walk.include change the defaults; walk.git: false reads .gitignore', () => {
  const repo = shapedRepo();
  repo.write('.kubeguardrc.yaml', `${config}walk:\n  skip: [testdata, editor-settings, release-templates, chart-files]\n  include: ["e2e/chainsaw/expected.yaml"]\n`);
  const { report } = lintJson(repo.dir, ['.'], repo.env);
  const files = rows(report).map((row) => row[0]);
  assert.ok(files.includes('vendor/github.com/x/pod.yaml'), 'vendor is no longer skipped');
  assert.ok(files.includes('e2e/kuttl/01-errors.yaml'), 'assertions are no longer skipped');
  assert.ok(files.includes('e2e/chainsaw/expected.yaml'));
  repo.write('.kubeguardrc.yaml', `${config}walk:\n  skip: [vendor]\n  include: ["pkg/testdata/**"]\n  git: false\n`);
  const plain = lintJson(repo.dir, ['.'], repo.env).report;
  const plainFiles = rows(plain).map((row) => row[0]);
  assert.not.ok(plainFiles.includes('kustomize/pod.yaml'), '.gitignore read as written');
  assert.ok(plainFiles.includes('untracked/pod.yaml'));
  assert.ok(plainFiles.includes('pkg/testdata/broken.yaml'), 'testdata named in include');
  assert.not.ok(plainFiles.includes('vendor/github.com/x/pod.yaml'));
});

test("inside a Git hook of another repository, the walk still lists the walked work tree's files", () => {
  const repo = shapedRepo();
  const other = gitRepo({ 'x.yaml': 'a: b\n' });
  other.git('add', '.');
  const hookEnv = { ...repo.env, GIT_DIR: `${other.dir}/.git`, GIT_INDEX_FILE: `${other.dir}/.git/index`, GIT_WORK_TREE: other.dir };
  const files = rows(lintJson(repo.dir, ['.'], hookEnv).report).map((row) => row[0]);
  assert.ok(files.includes('kustomize/pod.yaml'), 'tracked in the walked repository');
  assert.ok(files.includes('untracked/pod.yaml'));
});

test('without git on the PATH, a walk in a work tree reads .gitignore as before', () => {
  const repo = shapedRepo();
  // The CLI runs from process.execPath; an empty PATH hides git.
  const { report } = lintJson(repo.dir, ['.'], { ...repo.env, PATH: tempDir() });
  const files = rows(report).map((row) => row[0]);
  assert.not.ok(files.includes('kustomize/pod.yaml'));
  assert.ok(files.includes('untracked/pod.yaml'));
  assert.ok(files.includes('e2e/kuttl/00-install.yaml'));
});

test('walk settings are validated like other config keys', () => {
  const dir = tempDir({ '.kubeguardrc.yaml': `${config}walk:\n  skip: [vendors]\n`, 'pod.yaml': hostNetworkPod });
  const run = runCli(['--no-build', '.'], { cwd: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /config error: .*\.kubeguardrc\.yaml at "walk\.skip": unknown skip "vendors"; did you mean "vendor"\? \(skips: vendor, testdata, chart-files, editor-settings, release-templates, test-assertions\)/);
  const other = tempDir({ '.kubeguardrc.yaml': `${config}walk:\n  gti: true\n`, 'pod.yaml': hostNetworkPod });
  assert.match(runCli(['--no-build', '.'], { cwd: other }).stderr, /at "walk\.gti": unknown setting; did you mean "git"\?/);
});

test('outside Git: .gitignore as before, default skips still apply', () => {
  const dir = tempDir({
    '.kubeguardrc.yaml': config,
    '.gitignore': 'ignored/\n',
    'ignored/pod.yaml': hostNetworkPod,
    'vendor/pod.yaml': hostNetworkPod,
    'app/pod.yaml': hostNetworkPod,
    '.devcontainer/devcontainer.json': '{\n  // c\n  "name": "x",\n}\n',
  });
  const { report } = lintJson(dir, ['.']);
  assert.equal(rows(report).map((row) => row[0]), ['app/pod.yaml']);
});

test('a JSONC file that names apiVersion and kind is still reported when it fails to parse: kubectl would reject it', () => {
  const dir = tempDir({ '.kubeguardrc.yaml': config, 'pod.json': '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  // a comment\n  "metadata": {"name": "p"}\n}\n' });
  const { report } = lintJson(dir, ['.']);
  assert.equal(rows(report), [['pod.json', 'parse-error', 4, 3]]);
  assert.match(report.results[0].message, /^comments are not JSON \(the file is JSONC\): kubectl and the API server reject them/);
});

test.run();
