// `kubeguard init`: the starter config (preset asked for or from --preset), the husky hook and the lint-staged entry
// on request, never replacing a file without --force; and the hook it writes blocking a real commit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ruleMap } from '../../src/api';
import { runInit, starterConfig, type Ask, type InitOptions } from '../../src/cli/init';
import { loadConfig } from '../../src/config/load';
import { runCli, tempDir, yaml } from '../helpers';
import { gitRepo } from './git-repo';

const root = join(__dirname, '..', '..');

async function init(dir: string, options: Partial<InitOptions> = {}, ask?: Ask) {
  let stdout = '';
  let stderr = '';
  const stream = (append: (text: string) => void) => ({ write: (chunk: string) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await runInit(
    { husky: false, lintStaged: false, force: false, ...options },
    { cwd: dir, stdout: stream((text) => (stdout += text)), stderr: stream((text) => (stderr += text)) },
    ask,
  );
  return { code, stdout, stderr };
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

test('without a terminal and without --preset: recommended; the config loads as the preset does', async () => {
  const dir = tempDir();
  const result = await init(dir);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, 'Created .kubeguardrc.yaml (extends recommended).\n');
  assert.is(read(dir, '.kubeguardrc.yaml'), starterConfig('recommended'));
  const fromFile = await loadConfig(ruleMap, { cwd: dir });
  const fromPreset = await loadConfig(ruleMap, { cwd: tempDir(), preset: 'recommended' });
  assert.equal([...fromFile.rules], [...fromPreset.rules]);
  assert.is(fromFile.file, join(dir, '.kubeguardrc.yaml'));
});

test('--preset: every shipped preset gives a config equal to it', async () => {
  for (const preset of ['aks', 'pss-baseline', 'pss-restricted', 'recommended', 'strict']) {
    const dir = tempDir();
    assert.is((await init(dir, { preset })).code, 0);
    const fromFile = await loadConfig(ruleMap, { cwd: dir });
    const fromPreset = await loadConfig(ruleMap, { cwd: tempDir(), preset });
    assert.equal([...fromFile.rules], [...fromPreset.rules], preset);
  }
});

test('an unknown preset is refused with a suggestion; nothing is written', async () => {
  const dir = tempDir();
  const result = await init(dir, { preset: 'recomended' });
  assert.is(result.code, 2);
  assert.match(result.stderr, /unknown preset "recomended"; did you mean "recommended"\? \(presets: aks, pss-baseline, pss-restricted, recommended, strict\)/);
  assert.not.ok(existsSync(join(dir, '.kubeguardrc.yaml')));
});

test('an existing config is never replaced without --force; --force replaces it', async () => {
  const dir = tempDir({ '.kubeguardrc.yaml': 'extends: strict\n' });
  const kept = await init(dir, { preset: 'aks' });
  assert.is(kept.code, 2);
  assert.match(kept.stderr, /\.kubeguardrc\.yaml already exists; not overwritten \(use --force to replace it\)\./);
  assert.is(read(dir, '.kubeguardrc.yaml'), 'extends: strict\n');
  const forced = await init(dir, { preset: 'aks', force: true });
  assert.is(forced.code, 0);
  assert.is(forced.stdout, 'Replaced .kubeguardrc.yaml (extends aks).\n');
  assert.is(read(dir, '.kubeguardrc.yaml'), starterConfig('aks'));
});

test('any other config file counts: kubeguard.config.json, a "kubeguard" key in package.json', async () => {
  const json = tempDir({ 'kubeguard.config.json': '{"extends": "strict"}' });
  const result = await init(json);
  assert.is(result.code, 2);
  assert.match(result.stderr, /kubeguard\.config\.json already exists; not overwritten \(use --force to replace it with \.kubeguardrc\.yaml\)/);
  assert.not.ok(existsSync(join(json, '.kubeguardrc.yaml')));

  const manifest = tempDir({ 'package.json': '{"name": "x", "kubeguard": {"extends": "strict"}}' });
  const forced = await init(manifest, { force: true });
  assert.is(forced.code, 0);
  // package.json is looked at first, so the new file would not apply: say so.
  assert.match(forced.stderr, /package\.json is found before \.kubeguardrc\.yaml: remove its kubeguard settings/);
  assert.is(read(manifest, 'package.json'), '{"name": "x", "kubeguard": {"extends": "strict"}}');

  // A package.json without the key is no config.
  const plain = tempDir({ 'package.json': '{"name": "x"}' });
  assert.is((await init(plain)).code, 0);
});

test('--husky writes an executable .husky/pre-commit that runs kubeguard --staged, and says how to install husky', async () => {
  const dir = tempDir({ 'package.json': '{"name": "x"}' });
  const result = await init(dir, { husky: true });
  assert.is(result.code, 0, result.stderr);
  assert.is(read(dir, '.husky/pre-commit'), 'npx --no kubeguard --staged\n');
  assert.is(statSync(join(dir, '.husky/pre-commit')).mode & 0o111, 0o111);
  assert.match(result.stdout, /Created \.husky\/pre-commit \(npx --no kubeguard --staged\)\.\nNext:\n  npm install --save-dev husky && npm pkg set scripts\.prepare=husky && npm run prepare\n$/);
  // With husky already a dependency there is no next step.
  const ready = tempDir({ 'package.json': '{"devDependencies": {"husky": "^9.0.0"}}' });
  assert.not.match((await init(ready, { husky: true })).stdout, /Next:/);
});

test('an existing hook: kept (with the line to add), or already running kubeguard; --force replaces it', async () => {
  const dir = tempDir({ '.husky/pre-commit': 'npm test\n' });
  const kept = await init(dir, { husky: true });
  // The config was written, so the run is a success; the hook is reported, untouched.
  assert.is(kept.code, 0);
  assert.match(kept.stderr, /\.husky\/pre-commit already exists; not overwritten: add the line "npx --no kubeguard --staged" to it, or use --force to replace it\./);
  assert.is(read(dir, '.husky/pre-commit'), 'npm test\n');
  // Run again: the config exists (kept) and the hook is not ours (kept): nothing done is a failure.
  assert.is((await init(dir, { husky: true })).code, 2);

  writeFileSync(join(dir, '.husky/pre-commit'), 'npm test\nnpx kubeguard --staged\n');
  const present = await init(dir, { husky: true });
  assert.is(present.code, 0);
  assert.match(present.stdout, /\.husky\/pre-commit already runs kubeguard\./);

  const forced = await init(dir, { husky: true, force: true });
  assert.is(forced.code, 0);
  assert.is(read(dir, '.husky/pre-commit'), 'npx --no kubeguard --staged\n');
});

test('--lint-staged creates .lintstagedrc.json; with --husky the hook runs lint-staged', async () => {
  const dir = tempDir();
  const result = await init(dir, { lintStaged: true, husky: true });
  assert.is(result.code, 0, result.stderr);
  assert.equal(JSON.parse(read(dir, '.lintstagedrc.json')), { '*.{yaml,yml,json}': 'kubeguard' });
  assert.is(read(dir, '.husky/pre-commit'), 'npx --no lint-staged\n');
  assert.match(result.stdout, /npm install --save-dev lint-staged/);
});

test('--lint-staged adds to an existing lint-staged config in package.json, keeping its formatting', async () => {
  const manifest = '{\n    "name": "x",\n    "devDependencies": {"lint-staged": "^15.0.0"},\n    "lint-staged": {\n        "*.ts": "eslint"\n    }\n}\n';
  const dir = tempDir({ 'package.json': manifest });
  const result = await init(dir, { lintStaged: true });
  assert.is(result.code, 0, result.stderr);
  assert.is(
    read(dir, 'package.json'),
    '{\n    "name": "x",\n    "devDependencies": {\n        "lint-staged": "^15.0.0"\n    },\n    "lint-staged": {\n        "*.ts": "eslint",\n        "*.{yaml,yml,json}": "kubeguard"\n    }\n}\n',
  );
  assert.match(result.stdout, /Added "\*\.\{yaml,yml,json\}": "kubeguard" in package\.json "lint-staged"\./);
  assert.not.match(result.stdout, /Next:/);
  assert.not.ok(existsSync(join(dir, '.lintstagedrc.json')));
  // Again: already there.
  assert.match((await init(dir, { lintStaged: true })).stdout, /package\.json "lint-staged" already runs kubeguard on \*\.\{yaml,yml,json\}\./);
});

test('--lint-staged never replaces another command for the same glob without --force', async () => {
  const dir = tempDir({ '.lintstagedrc.json': '{"*.{yaml,yml,json}": "prettier --write"}\n' });
  const kept = await init(dir, { lintStaged: true });
  assert.match(kept.stderr, /\.lintstagedrc\.json already has an entry for \*\.\{yaml,yml,json\}; not overwritten/);
  assert.is(read(dir, '.lintstagedrc.json'), '{"*.{yaml,yml,json}": "prettier --write"}\n');
  await init(dir, { lintStaged: true, force: true });
  assert.equal(JSON.parse(read(dir, '.lintstagedrc.json')), { '*.{yaml,yml,json}': 'kubeguard' });
});

test('--lint-staged leaves other lint-staged config formats and invalid JSON alone', async () => {
  const js = tempDir({ 'lint-staged.config.js': 'module.exports = {};\n' });
  const result = await init(js, { lintStaged: true });
  assert.match(result.stderr, /lint-staged is configured in lint-staged\.config\.js, which kubeguard does not edit: add "\*\.\{yaml,yml,json\}": "kubeguard" to it\./);
  assert.not.ok(existsSync(join(js, '.lintstagedrc.json')));
  const broken = tempDir({ '.lintstagedrc.json': '{ not json' });
  assert.match((await init(broken, { lintStaged: true })).stderr, /\.lintstagedrc\.json is not a JSON object/);
  assert.is(read(broken, '.lintstagedrc.json'), '{ not json');
});

test('interactive: the preset by name or number (asked again on a bad answer), then the hook questions', async () => {
  const answers = ['nonsense', '2', 'y', 'n'];
  const questions: string[] = [];
  const dir = tempDir();
  const result = await init(dir, {}, async (question) => {
    questions.push(question);
    return answers.shift() ?? '';
  });
  assert.is(result.code, 0, result.stderr);
  assert.equal(questions, [
    'Preset (aks, pss-baseline, pss-restricted, recommended, strict) [recommended]: ',
    'Preset (aks, pss-baseline, pss-restricted, recommended, strict) [recommended]: ',
    'Add a husky pre-commit hook that runs kubeguard on staged manifests? [y/N]: ',
    'Add a lint-staged entry for YAML and JSON files? [y/N]: ',
  ]);
  assert.match(read(dir, '.kubeguardrc.yaml'), /^extends: pss-baseline$/m);
  assert.ok(existsSync(join(dir, '.husky/pre-commit')));
  assert.not.ok(existsSync(join(dir, '.lintstagedrc.json')));
  // Enter takes the default; --preset given means no questions.
  const quiet = tempDir();
  await init(quiet, {}, async () => '');
  assert.match(read(quiet, '.kubeguardrc.yaml'), /^extends: recommended$/m);
  let asked = false;
  await init(tempDir(), { preset: 'aks' }, async () => ((asked = true), ''));
  assert.not.ok(asked);
});

test('Gatekeeper Constraint files in the repository are offered as `constraints`: asked on a terminal, else left commented', async () => {
  const constraint = 'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sPSPPrivilegedContainer\nmetadata:\n  name: no-privileged\nspec:\n  match:\n    kinds: [{apiGroups: [""], kinds: ["Pod"]}]\n';
  const files = { 'policy/gatekeeper/privileged.yaml': constraint, 'policy/gatekeeper/template.yaml': 'apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\n', 'deploy/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: nginx:1.27, securityContext: {privileged: true}}]\n', 'node_modules/x/constraint.yaml': constraint };
  const questions: string[] = [];
  const accepted = tempDir(files);
  const answers = ['', 'y', 'n', 'n'];
  const result = await init(accepted, {}, async (question) => (questions.push(question), answers.shift() ?? ''));
  assert.is(result.code, 0, result.stderr);
  assert.is(questions[1], 'Found Gatekeeper constraints in policy/gatekeeper (1 file). Evaluate them as the cluster would (constraints)? [y/N]: ');
  assert.match(read(accepted, '.kubeguardrc.yaml'), /^constraints: \["policy\/gatekeeper"\]$/m);
  assert.match(result.stdout, /Created \.kubeguardrc\.yaml \(extends recommended, constraints policy\/gatekeeper\)\./);
  // The written config works: the constraint is evaluated on the repository's manifests.
  const lint = runCli(['--format', 'json', 'deploy'], { cwd: accepted });
  assert.ok(JSON.parse(lint.stdout).results.some((entry: { ruleId: string; line: number }) => entry.ruleId === 'K8sPSPPrivilegedContainer/no-privileged' && entry.line === 5));

  const quiet = tempDir(files);
  const plain = await init(quiet);
  assert.match(read(quiet, '.kubeguardrc.yaml'), /^# constraints: \["policy\/gatekeeper"\]$/m);
  assert.match(plain.stdout, /Found Gatekeeper constraints in policy\/gatekeeper: uncomment "constraints" in \.kubeguardrc\.yaml to evaluate them\./);
  // No constraints in the repository: no question, no section.
  const none: string[] = [];
  const bare = tempDir({ 'deploy/pod.yaml': files['deploy/pod.yaml'] });
  await init(bare, {}, async (question) => (none.push(question), ''));
  assert.is(none.length, 3);
  assert.not.match(read(bare, '.kubeguardrc.yaml'), /constraints/);
});

test('the CLI: `kubeguard init --preset aks --husky`, usage errors, no config loading', () => {
  // A broken config in the directory must not stop init (it does not load one).
  const dir = tempDir({ 'kubeguard.config.yaml': 'rules: [broken' });
  const refused = runCli(['init'], { cwd: dir });
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /kubeguard\.config\.yaml already exists/);
  const fresh = tempDir();
  const result = runCli(['init', '--preset', 'aks', '--husky'], { cwd: fresh });
  assert.is(result.code, 0, result.stderr);
  assert.match(read(fresh, '.kubeguardrc.yaml'), /^extends: aks$/m);
  assert.ok(existsSync(join(fresh, '.husky/pre-commit')));
  const extra = runCli(['init', 'deploy/'], { cwd: tempDir() });
  assert.is(extra.code, 2);
  assert.match(extra.stderr, /init takes no paths, got "deploy\/"/);
  assert.match(runCli(['--help']).stdout, /--husky\s+init: also write a husky pre-commit hook\./);
});

test('the hook init writes blocks a real commit of a bad manifest (husky installed as npm does)', () => {
  const repo = gitRepo({ 'package.json': '{"name": "app", "private": true, "devDependencies": {"husky": "^9.0.0"}}\n' });
  // The project has kubeguard and husky installed: node_modules/.bin/kubeguard is what npx --no runs.
  mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(root, 'bin', 'kubeguard.js'), join(repo.dir, 'node_modules', '.bin', 'kubeguard'));
  symlinkSync(join(root, 'node_modules', 'husky'), join(repo.dir, 'node_modules', 'husky'));
  writeFileSync(join(repo.dir, '.gitignore'), 'node_modules/\n');
  const created = runCli(['init', '--preset', 'pss-baseline', '--husky'], { cwd: repo.dir, env: repo.env });
  assert.is(created.code, 0, created.stderr);
  const husky = spawnSync(process.execPath, [join(root, 'node_modules', 'husky', 'bin.js')], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  assert.is(husky.status, 0, husky.stderr);

  repo.write(
    'deploy/web.yaml',
    yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        hostNetwork: true
        containers:
          - name: web
            image: nginx:1.27
    `,
  );
  repo.git('add', '.');
  const blocked = spawnSync('git', ['commit', '-q', '-m', 'host network'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  assert.is(blocked.status, 1, blocked.stdout + blocked.stderr);
  assert.match(blocked.stderr, /deploy\/web\.yaml\n\s+6:3\s+error\s+.*no-host-network/);
  repo.write('deploy/web.yaml', read(repo.dir, 'deploy/web.yaml').replace('  hostNetwork: true\n', ''));
  repo.git('add', '.');
  const allowed = spawnSync('git', ['commit', '-q', '-m', 'no host network'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  assert.is(allowed.status, 0, allowed.stdout + allowed.stderr);
});

test.run();
