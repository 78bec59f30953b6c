// The built CLI with Kustomize roots and Helm charts: exit codes, messages, JSON origins and toolTimeMs, the stylish
// source-first layout, standard input with --chart, and the flags and config keys of builds.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers';
import { HELM_FIXTURES as H, KUSTOMIZE_FIXTURES as K, listing, ROOT } from './build-helpers';

interface JsonResult {
  results: Array<{ file: string; line: number; column: number; ruleId: string; severity: string; message: string; origin?: { file: string; line?: number; column?: number; via: string } }>;
  summary: { files: number; errors: number; toolTimeMs?: number };
}

function json(stdout: string): JsonResult {
  return JSON.parse(stdout) as JsonResult;
}

function emptyPath(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-empty-path-'));
  return { path: dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('kustomize overlays: JSON results keep the built position and add the origin; the summary reports tool time', () => {
  const run = runCli(['--preset', 'pss-baseline', '-f', 'json', `${K}/shop`]);
  assert.equal(run.code, 1, run.stderr);
  const result = json(run.stdout);
  const privileged = result.results.filter((finding) => finding.ruleId === 'no-privileged');
  assert.equal(
    privileged.map((finding) => [finding.file, finding.line, finding.column, finding.origin]),
    [
      // The base's own build holds what the overlays repeat; the sidecar is prod's.
      [`${K}/shop/base (kustomize build)`, 42, 11, { file: `${K}/shop/base/deployment.yaml`, line: 21, column: 13, via: 'kustomize' }],
      [`${K}/shop/overlays/prod (kustomize build)`, 43, 11, { file: `${K}/shop/overlays/prod/sidecar.yaml`, line: 13, column: 13, via: 'kustomize' }],
    ],
  );
  assert.ok(typeof result.summary.toolTimeMs === 'number' && result.summary.toolTimeMs > 0, JSON.stringify(result.summary));
  assert.equal(result.summary.files, 3);
});

test('stylish: the source position first, the built position beside it, the source line in the frame', () => {
  const run = runCli(['--preset', 'pss-baseline', `${K}/shop/overlays/prod`]);
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stdout.split('\n');
  const index = lines.findIndex((line) => line.includes(`${K}/shop/base/deployment.yaml:21:13`));
  assert.ok(index > 0, run.stdout);
  assert.match(lines[index], /^ {2}test\/fixtures\/kustomize\/shop\/base\/deployment\.yaml:21:13 error +Container "web" runs privileged.*no-privileged {2}\(built 49:11, via kustomize\)$/);
  assert.match(lines[index + 1], /21 \| {13}privileged: true$/);
  assert.match(lines[index + 2], /\| {13}\^{10}$/);
  assert.ok(lines.includes(`${K}/shop/overlays/prod (kustomize build)`));
});

test('a remote base: a build-skipped warning (exit by findings), the local resource still linted, no network, nothing written into the fixture', () => {
  const before = listing(join(ROOT, K, 'remote'));
  const run = runCli(['--preset', 'pss-baseline', '-f', 'json', `${K}/remote`]);
  assert.equal(run.code, 1, run.stderr);
  const results = json(run.stdout).results;
  assert.equal(
    results.map((finding) => [finding.ruleId, finding.file, finding.line, finding.column]),
    [
      ['no-host-network', `${K}/remote (kustomize build)`, 17, 7],
      ['build-skipped', `${K}/remote/kustomization.yaml`, 5, 5],
    ],
  );
  assert.match(results[1].message, /never reaches the network/);
  assert.equal(listing(join(ROOT, K, 'remote')), before);
  // Only a warning: the exit code follows the findings, and a config can make it an error.
  const warningOnly = runCli(['--rule', 'no-host-network=off', '--preset', 'pss-baseline', `${K}/remote`]);
  assert.equal(warningOnly.code, 0, warningOnly.stdout + warningOnly.stderr);
  const raised = runCli(['--rule', 'no-host-network=off', '--rule', 'build-skipped=error', '--preset', 'pss-baseline', '-f', 'json', `${K}/remote`]);
  assert.equal(raised.code, 1, raised.stderr);
  assert.equal(json(raised.stdout).results.map((finding) => [finding.ruleId, finding.severity]), [['build-skipped', 'error']]);
  const wrong = runCli(['--rule', 'build-skipped=off', `${K}/remote`]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--rule build-skipped expects warning or error, got "off"/);
});

test('build-skipped raised in the config file (rules: { build-skipped: error }); off is a config error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-config-'));
  try {
    writeFileSync(join(dir, '.kubeguardrc.yaml'), 'rules:\n  build-skipped: error\n');
    const raised = runCli(['-f', 'json', '-c', join(dir, '.kubeguardrc.yaml'), `${K}/remote`]);
    assert.equal(raised.code, 1, raised.stderr);
    assert.equal(json(raised.stdout).results.filter((finding) => finding.ruleId === 'build-skipped').length, 1);
    assert.ok(JSON.parse(raised.stdout).results.some((finding: { ruleId: string; severity: string }) => finding.ruleId === 'build-skipped' && finding.severity === 'error'));
    writeFileSync(join(dir, '.kubeguardrc.yaml'), 'rules:\n  build-skipped: off\n');
    const off = runCli(['-c', join(dir, '.kubeguardrc.yaml'), `${K}/remote`]);
    assert.equal(off.code, 2);
    assert.match(off.stderr, /at "rules\.build-skipped": expected warning or error/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('neither kustomize nor kubectl: build-skipped findings (exit by findings, not 2); the root\'s resources and other inputs still linted', () => {
  const empty = emptyPath();
  try {
    const run = runCli(['--preset', 'pss-baseline', '-f', 'json', `${K}/broken`, `${K}/plain/pod.yaml`], { env: { PATH: empty.path } });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(
      json(run.stdout).results.map((finding) => [finding.ruleId, finding.file, finding.line]),
      [
        ['no-host-network', `${K}/broken/deployment.yaml`, 14],
        ['build-skipped', `${K}/broken/kustomization.yaml`, 1],
        ['build-error', `${K}/broken/kustomization.yaml`, 6],
        ['no-host-network', `${K}/plain/pod.yaml`, 6],
      ],
    );
  } finally {
    empty.cleanup();
  }
});

test('--kustomize-bin names the binary: kubectl by path works, a missing one is exit 2', () => {
  const kubectl = runCli(['--preset', 'pss-baseline', '-f', 'json', '--kustomize-bin', '/usr/bin/kubectl', `${K}/component/overlay`]);
  assert.equal(kubectl.code, 1, kubectl.stderr);
  assert.equal(json(kubectl.stdout).results[0].origin?.file, `${K}/component/debug/debug-patch.yaml`);
  const missing = runCli(['--preset', 'pss-baseline', '--kustomize-bin', 'no-such-kustomize', `${K}/component/overlay`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /the kustomize binary "no-such-kustomize" was not found/);
});

test('--no-build lints the resources of Kustomize roots as plain files; patches (partial objects) are named in a note, not linted', () => {
  const run = runCli(['--preset', 'pss-baseline', '-f', 'json', '--no-build', `${K}/shop`]);
  assert.equal(run.code, 1, run.stderr);
  const result = json(run.stdout);
  // No schema or missing-field findings on the sidecar patch, which is not a whole object.
  assert.equal(
    result.results.map((finding) => [finding.ruleId, finding.file, finding.line, finding.origin]),
    [['no-privileged', `${K}/shop/base/deployment.yaml`, 21, undefined]],
  );
  assert.match(run.stderr, /^kubeguard: 1 Kustomize patch file not linted with builds off \(partial objects: .*\): test\/fixtures\/kustomize\/shop\/overlays\/prod\/sidecar\.yaml$/m);
  assert.equal(result.summary.toolTimeMs, undefined);
});

/** A PATH with the fake helm and node, and the log of helm's arguments. */
function fakeHelm(): { path: string; log: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-fake-helm-'));
  symlinkSync(join(ROOT, H, 'fake-helm', 'helm'), join(dir, 'helm'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return { path: dir, log: join(dir, 'helm.log'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a chart directory end to end with a fake helm on PATH: --values/--set passed through, origins in the chart', () => {
  const helm = fakeHelm();
  try {
    const run = runCli(['--preset', 'pss-baseline', '-f', 'json', `${H}/web`, '--values', `${H}/web/values.yaml`, '--set', 'image.tag=1.26'], {
      env: { PATH: helm.path, FAKE_HELM_LOG: helm.log },
    });
    assert.equal(run.code, 1, run.stderr);
    const logged = readFileSync(helm.log, 'utf8').trim().split('\n').map((line) => JSON.parse(line).args);
    assert.equal(logged, [['template', join(ROOT, H, 'web'), '--values', join(ROOT, H, 'web', 'values.yaml'), '--set', 'image.tag=1.26']]);
    const result = json(run.stdout);
    const hostPid = result.results.find((finding) => finding.ruleId === 'no-host-pid')!;
    assert.equal([hostPid.file, hostPid.line, hostPid.origin], [`${H}/web (helm template)`, 36, { file: `${H}/web/templates/deployment.yaml`, via: 'helm', line: 17, column: 7 }]);
    assert.equal(result.results.filter((finding) => finding.ruleId === 'parse-error'), [], 'templates and values are not linted as YAML');
    assert.ok((result.summary.toolTimeMs ?? 0) > 0);
  } finally {
    helm.cleanup();
  }
});

test('helm absent: a build-skipped warning, exit by findings (0 when nothing else fails); the rendered file given beside it is still linted', () => {
  const empty = emptyPath();
  try {
    const run = runCli(['--preset', 'pss-baseline', '-f', 'json', `${H}/web`, `${H}/rendered/web.yaml`], { env: { PATH: empty.path } });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const result = json(run.stdout);
    const files = new Set(result.results.map((finding) => finding.file));
    assert.equal([...files], [`${H}/rendered/web.yaml`, `${H}/web/Chart.yaml`]);
    assert.match(result.results.find((finding) => finding.ruleId === 'build-skipped')!.message, /helm is not on PATH\. Install helm to lint the chart, or lint its rendered output: helm template test\/fixtures\/helm\/web \| kubeguard - --chart test\/fixtures\/helm\/web/);
    const alone = runCli(['--preset', 'pss-baseline', `${H}/web`], { env: { PATH: empty.path } });
    assert.equal(alone.code, 0, alone.stdout + alone.stderr);
    assert.match(alone.stdout, /test\/fixtures\/helm\/web\/Chart\.yaml/);
    assert.match(alone.stdout, /build-skipped/);
    const sarif = JSON.parse(runCli(['--preset', 'pss-baseline', '-f', 'sarif', `${H}/web`], { env: { PATH: empty.path } }).stdout);
    const [notification] = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal([notification.descriptor.id, notification.level, notification.locations[0].physicalLocation.artifactLocation.uri], ['build-skipped', 'warning', `${H}/web/Chart.yaml`]);
    assert.match(notification.message.text, /^Helm chart test\/fixtures\/helm\/web not built: not rendered: helm is not on PATH/);
    assert.equal(sarif.runs[0].results.map((entry: { ruleId: string; level: string }) => [entry.ruleId, entry.level]), [['build-skipped', 'warning']]);
  } finally {
    empty.cleanup();
  }
});

test('standard input: helm template . | kubeguard - --chart DIR maps findings to template lines', () => {
  const input = readFileSync(join(ROOT, H, 'rendered', 'web.yaml'), 'utf8');
  const run = runCli(['--preset', 'pss-baseline', '-f', 'json', '-', '--chart', `${H}/web`], { input });
  assert.equal(run.code, 1, run.stderr);
  const hostPorts = json(run.stdout).results.find((finding) => finding.ruleId === 'no-host-ports')!;
  assert.equal([hostPorts.file, hostPorts.line, hostPorts.column, hostPorts.origin], ['<stdin>', 44, 15, { file: `${H}/web/templates/deployment.yaml`, via: 'helm', line: 25, column: 15 }]);
});

test('flags and config of builds are checked: --set, --chart, unknown kustomize/helm keys', () => {
  const set = runCli(['--preset', 'pss-baseline', '--set', 'novalue', `${K}/plain`]);
  assert.equal(set.code, 2);
  assert.match(set.stderr, /--set expects KEY=VALUE, got "novalue"/);
  const chart = runCli(['--preset', 'pss-baseline', '--chart', `${K}/plain`, `${K}/plain`]);
  assert.equal(chart.code, 2);
  assert.match(chart.stderr, /--chart expects a Helm chart directory \(with Chart\.yaml\)/);
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-config-'));
  try {
    writeFileSync(join(dir, '.kubeguardrc.yaml'), 'kustomize:\n  lintSource: true\n');
    const unknown = runCli(['.'], { cwd: dir });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /config error: .*\.kubeguardrc\.yaml at "kustomize\.lintSource": unknown setting; did you mean "lintSources"\?/);
    writeFileSync(join(dir, '.kubeguardrc.yaml'), 'helm:\n  enabled: "no"\n');
    const wrongType = runCli(['.'], { cwd: dir });
    assert.equal(wrongType.code, 2);
    assert.match(wrongType.stderr, /at "helm\.enabled": expected true or false/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('committed helm output whose chart is not in the repository: compact, github and SARIF point at the rendered file\'s line, the template named as information', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-rendered-only-'));
  try {
    writeFileSync(join(dir, 'web.yaml'), readFileSync(join(ROOT, H, 'rendered', 'web.yaml'), 'utf8'));
    const only = ['--preset', 'pss-baseline', '--rule', 'no-host-ports=off', '--rule', 'no-privileged=off', '--rule', 'capabilities-baseline=off'];
    const compact = runCli([...only, '-f', 'compact', 'web.yaml'], { cwd: dir });
    assert.equal(compact.code, 1, compact.stderr);
    assert.match(compact.stdout, /^web\.yaml:36:7: error .*hostPID.* \(Rendered from the Helm template web\/templates\/deployment\.yaml, which is not in this repository\.\) \[no-host-pid\]$/m);
    assert.not.match(compact.stdout, /^web\/templates/m);
    const github = runCli([...only, '-f', 'github', 'web.yaml'], { cwd: dir });
    assert.match(github.stdout, /^::error file=web\.yaml,line=36,/m);
    const result = json(runCli([...only, '-f', 'json', 'web.yaml'], { cwd: dir }).stdout);
    const hostPid = result.results.find((finding) => finding.ruleId === 'no-host-pid')!;
    assert.equal([hostPid.file, hostPid.line, hostPid.origin], ['web.yaml', 36, undefined]);
    const sarif = JSON.parse(runCli([...only, '-f', 'sarif', 'web.yaml'], { cwd: dir }).stdout);
    const uris = new Set(sarif.runs[0].results.map((entry: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => entry.locations[0].physicalLocation.artifactLocation.uri));
    assert.equal([...uris], ['web.yaml']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
