// The hooks end to end with real commits: this repository's .husky/pre-commit with its .kubeguard-hook.yaml (husky
// installed as `npm install` does), and .pre-commit-hooks.yaml under the pre-commit framework when it is installed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { tempDir, yaml } from '../helpers';
import { gitRepo, type Repo } from './git-repo';

const root = join(__dirname, '..', '..');
// No error under the recommended preset (warnings do not fail a commit); `bad` adds privileged: true at 12:9.
const good = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          runAsNonRoot: true
          allowPrivilegeEscalation: false
`;
const bad = `${good}        privileged: true\n`;

function commit(repo: Repo, message: string): { ok: boolean; output: string } {
  const result = spawnSync('git', ['commit', '-q', '-m', message], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

test("this repository's husky hook and config: own manifests are linted, examples/insecure and fixtures are not", () => {
  const repo = gitRepo();
  mkdirSync(join(repo.dir, '.husky'));
  copyFileSync(join(root, '.husky', 'pre-commit'), join(repo.dir, '.husky', 'pre-commit'));
  copyFileSync(join(root, '.kubeguard-hook.yaml'), join(repo.dir, '.kubeguard-hook.yaml'));
  for (const name of ['bin', 'dist']) symlinkSync(join(root, name), join(repo.dir, name));
  // What `npm install` does through scripts/prepare.js: husky points core.hooksPath at .husky/_.
  const husky = spawnSync(process.execPath, [join(root, 'node_modules', 'husky', 'bin.js')], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  assert.is(husky.status, 0, husky.stderr);
  assert.is(repo.git('config', 'core.hooksPath').trim(), '.husky/_');

  repo.write('examples/insecure/pod.yaml', bad);
  repo.write('test/fixtures/case/input.yaml', bad);
  repo.write('examples/secure/pod.yaml', good);
  repo.git('add', '.');
  const allowed = commit(repo, 'examples and fixtures');
  assert.ok(allowed.ok, allowed.output);

  repo.write('deploy/web.yaml', bad);
  repo.git('add', 'deploy/web.yaml');
  const blocked = commit(repo, 'privileged');
  assert.not.ok(blocked.ok);
  assert.match(blocked.output, /deploy\/web\.yaml\n(.*\n)*\s+12:9\s+error\s+Container "web" runs privileged/);
  assert.match(blocked.output, /husky - pre-commit script failed \(code 1\)/);
  assert.is(repo.git('log', '--format=%s').trim(), 'examples and fixtures');

  repo.write('deploy/web.yaml', good);
  repo.git('add', 'deploy/web.yaml');
  const fixed = commit(repo, 'not privileged');
  assert.ok(fixed.ok, fixed.output);
});

// The pre-commit framework (Debian's `pre-commit`; not needed by CI). The hooks run with language: system and the
// checkout's CLI so that the test needs no network; their file selection and options are this repository's own.
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommit.status === 0;

test('.pre-commit-hooks.yaml: the hooks as the pre-commit framework reads them', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  assert.equal(
    hooks.map((hook) => [hook.id, hook.entry, hook.language, hook.types_or, hook.require_serial]),
    [
      ['kubeguard', 'kubeguard', 'node', ['yaml', 'json'], true],
      ['kubeguard-fix', 'kubeguard --fix', 'node', ['yaml', 'json'], true],
    ],
  );
  // npm installs the package pre-commit packs: the bin it runs must be there.
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.is(manifest.bin.kubeguard, 'bin/kubeguard.js');
});

test('the pre-commit framework runs the kubeguard hooks on staged YAML and JSON files', () => {
  if (!hasPreCommit) {
    console.log('  (skipped: the pre-commit framework is not installed; apt-get install pre-commit to run this test)');
    return;
  }
  const repo = gitRepo();
  const bin = `${process.execPath} ${join(root, 'bin', 'kubeguard.js')}`;
  const hooks = (parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>).map((hook): Record<string, unknown> => ({
    ...hook,
    language: 'system',
    entry: String(hook.entry).replace(/^kubeguard/, bin),
  }));
  repo.write('.pre-commit-config.yaml', stringify({ repos: [{ repo: 'local', hooks: hooks.filter((hook) => hook.id === 'kubeguard') }] }));
  repo.write('.kubeguardrc.yaml', 'extends: []\nrules:\n  no-privileged: error\n  no-privilege-escalation: error\n');
  repo.write('README.md', bad); // not YAML: pre-commit does not pass it
  repo.write('deploy/web.yaml', bad);
  repo.git('add', '.');
  const env = { ...repo.env, PRE_COMMIT_HOME: tempDir() };
  const install = spawnSync('pre-commit', ['install'], { cwd: repo.dir, env, encoding: 'utf8' });
  assert.is(install.status, 0, install.stdout + install.stderr);

  const blocked = spawnSync('git', ['commit', '-q', '-m', 'privileged'], { cwd: repo.dir, env, encoding: 'utf8' });
  assert.is(blocked.status, 1, blocked.stdout + blocked.stderr);
  const output = blocked.stdout + blocked.stderr;
  assert.match(output, /kubeguard\.+Failed/);
  assert.match(output, /deploy\/web\.yaml\n(.*\n)*\s+12:9\s+error\s+Container "web" runs privileged/);
  assert.not.match(output, /README\.md/);

  // The fix hook changes the file (pre-commit then fails the run so the fix can be reviewed and staged).
  repo.write('.pre-commit-config.yaml', stringify({ repos: [{ repo: 'local', hooks: hooks.filter((hook) => hook.id === 'kubeguard-fix') }] }));
  repo.write('deploy/web.yaml', good.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'));
  repo.git('add', '.');
  const fixing = spawnSync('pre-commit', ['run'], { cwd: repo.dir, env, encoding: 'utf8' });
  assert.is(fixing.status, 1, fixing.stdout + fixing.stderr);
  assert.match(fixing.stdout, /files were modified by this hook/);
  assert.match(readFileSync(join(repo.dir, 'deploy', 'web.yaml'), 'utf8'), /allowPrivilegeEscalation: false/);
  repo.git('add', '.');
  const clean = spawnSync('git', ['commit', '-q', '-m', 'fixed'], { cwd: repo.dir, env, encoding: 'utf8' });
  assert.is(clean.status, 0, clean.stdout + clean.stderr);
});

test('language: node for real: pre-commit try-repo installs the committed package and runs it (opt-in)', () => {
  // It downloads the dependencies from the npm registry and takes a minute or two, so it runs only on request.
  if (!hasPreCommit || process.env.KUBEGUARD_E2E_PRE_COMMIT_NODE !== '1') {
    console.log('  (skipped: set KUBEGUARD_E2E_PRE_COMMIT_NODE=1, with pre-commit installed, to install the hook with npm as users do)');
    return;
  }
  const repo = gitRepo({ '.kubeguardrc.yaml': 'extends: []\nrules:\n  no-privileged: error\n', 'deploy/web.yaml': bad });
  repo.git('add', '.');
  const clone = join(tempDir(), 'kubeguard');
  spawnSync('git', ['clone', '-q', root, clone], { env: repo.env });
  const env = { ...repo.env, PRE_COMMIT_HOME: tempDir() };
  const result = spawnSync('pre-commit', ['try-repo', clone, 'kubeguard'], { cwd: repo.dir, env, encoding: 'utf8', timeout: 540_000 });
  const output = result.stdout + result.stderr;
  assert.is(result.status, 1, output);
  assert.match(output, /kubeguard\.+Failed/);
  assert.match(output, /deploy\/web\.yaml\n(.*\n)*\s+12:9\s+error\s+Container "web" runs privileged/);
});

test.run();
