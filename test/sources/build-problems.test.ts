// Builds that fail or cannot run, with the real `kubectl kustomize`: a build-error once at the entry that breaks it
// (however many overlays use it), nothing dropped (the resources of a failed root linted as plain files, its bases
// built on their own), kustomize's innermost error, and YAML no kustomization names not linted as whole objects.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { innermostKustomizeError } from '../../src/sources/kustomize';
import { runCli } from '../helpers';
import { ruleMap } from '../../src/api';
import { resolveConfig } from '../../src/config/resolve';
import { validateConfig } from '../../src/config/validate';
import { lintBuildOutput, lintCollected } from '../../src/sources/build-results';
import { collectSources } from '../../src/sources/collect';
import { resolveSourceSettings } from '../../src/sources/source-settings';
import { DEFAULT_LIMITS } from '../../src/sources/yaml-loader';
import { KUSTOMIZE_FIXTURES as K, lintSources, rows } from './build-helpers';

const F = `${K}/failing`;
const RULES = { 'no-host-pid': 'error', 'no-host-ipc': 'error', 'no-node-port': 'warning', 'no-privileged': 'error' };

test('failing roots lose nothing: build-errors at their entries (once), resources linted plainly, a base whose consumers fail built as itself', async () => {
  // kustomize.loadRestrictor: rootOnly, so that overlays/restricted fails as `kubectl kustomize` fails (auto: see below).
  const { result, collected } = await lintSources([F], { rules: RULES, config: { kustomize: { loadRestrictor: 'rootOnly' } } });
  assert.equal(rows(result.findings), [
    // base: every overlay over it fails, so it is built on its own (and linted once, not also as a plain file).
    ['no-host-pid', `${F}/base (kustomize build)`, 17, `${F}/base/deployment.yaml`, 14, 7],
    // overlays/dev: the gitignored generator input is missing; its own resource is linted as a plain file.
    ['build-error', `${F}/overlays/dev/kustomization.yaml`, 9, undefined, undefined, undefined],
    ['no-node-port', `${F}/overlays/dev/service.yaml`, 6, undefined, undefined, undefined],
    // overlays/restricted: kustomize's load restrictor, at the entry its message names.
    ['build-error', `${F}/overlays/restricted/kustomization.yaml`, 4, undefined, undefined, undefined],
    // shared: the missing file of a base used by apps/one and apps/two, reported once, at its resources entry.
    ['build-error', `${F}/shared/kustomization.yaml`, 5, undefined, undefined, undefined],
    ['no-host-ipc', `${F}/shared/pod.yaml`, 6, undefined, undefined, undefined],
  ]);
  const [, dev, , restricted, shared] = result.findings;
  assert.equal([dev.column, restricted.column, shared.column], [9, 5, 5]);
  assert.equal(shared.message, '"missing.yaml" does not exist (test/fixtures/kustomize/failing/shared/missing.yaml): kustomize cannot build this kustomization. Commit the file or remove the entry; a generated or gitignored file must be created before linting.');
  assert.match(dev.message, /^"params\.env" does not exist/);
  assert.equal(
    restricted.message,
    "kustomize build of test/fixtures/kustomize/failing/overlays/restricted failed here: resource '../../base/deployment.yaml': security; file 'test/fixtures/kustomize/failing/base/deployment.yaml' is not in or below 'test/fixtures/kustomize/failing/overlays/restricted'",
  );
  assert.equal(
    result.summary.notBuilt?.map((entry) => [entry.path, entry.status, entry.file, entry.line]),
    [
      [`${F}/apps/one`, 'error', `${F}/shared/kustomization.yaml`, 5],
      [`${F}/apps/two`, 'error', `${F}/shared/kustomization.yaml`, 5],
      [`${F}/overlays/dev`, 'error', `${F}/overlays/dev/kustomization.yaml`, 9],
      [`${F}/overlays/restricted`, 'error', `${F}/overlays/restricted/kustomization.yaml`, 4],
      [`${F}/shared`, 'error', `${F}/shared/kustomization.yaml`, 5],
    ],
  );
  assert.equal(collected.builds?.map((file) => file.file), [`${F}/base (kustomize build)`]);
  // The unreferenced patch is not linted as a whole object (no no-privileged), and a note names it.
  assert.equal(collected.notes, [
    `1 file in Kustomize directories is named by no kustomization, so not linted (partial objects such as unused patches; name a file to lint it): ${F}/overlays/dev/unused-patch.yaml`,
  ]);
});

test('a file no kustomization names is linted when named on the command line', async () => {
  const { result, collected } = await lintSources([`${F}/overlays/dev/unused-patch.yaml`], { rules: RULES });
  assert.equal(collected.notes, []);
  assert.equal(rows(result.findings), [['no-privileged', `${F}/overlays/dev/unused-patch.yaml`, 12, undefined, undefined, undefined]]);
});

test('the CLI: build-errors are findings (exit 1, nothing on stderr but the note), SARIF lists each root not built', () => {
  const run = runCli(['--rule', 'no-host-pid=off', '-f', 'sarif', '--preset', 'pss-baseline', F]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^kubeguard: 1 file in Kustomize directories is named by no kustomization/m); // a slow build may log a line first
  const sarif = JSON.parse(run.stdout);
  const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications as Array<{ descriptor: { id: string }; level: string; message: { text: string }; locations: unknown }>;
  // overlays/restricted reads a file outside its directory: built without the load restrictor (the default, auto), with a note.
  assert.match(run.stderr, /^kubeguard: 1 Kustomize root reads files outside its directory, so it was built with --load-restrictor LoadRestrictionsNone, as its pipeline must \(.*\): test\/fixtures\/kustomize\/failing\/overlays\/restricted$/m);
  assert.equal(notifications.map((entry) => [entry.descriptor.id, entry.level]), Array(4).fill(['build-error', 'error']));
  assert.match(notifications[0].message.text, /^Kustomize root test\/fixtures\/kustomize\/failing\/apps\/one not built: "missing\.yaml" does not exist/);
  assert.equal(notifications[0].locations, [{ physicalLocation: { artifactLocation: { uri: `${F}/shared/kustomization.yaml`, uriBaseId: '%SRCROOT%' }, region: { startLine: 5 } } }]);
  const buildErrors = sarif.runs[0].results.filter((entry: { ruleId: string }) => entry.ruleId === 'build-error');
  assert.equal(buildErrors.length, 2);
  const rule = sarif.runs[0].tool.driver.rules.find((entry: { id: string }) => entry.id === 'build-error');
  assert.equal(rule.defaultConfiguration.level, 'error');
});

test('innermostKustomizeError: the cause without the frames each base adds', () => {
  const message =
    "\"command failed\" err=\"accumulating resources: accumulation err='accumulating resources from '../base': '/r/base' must resolve to a file': recursed accumulation of path '/r/base': accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on '/r/base/missing.yaml' : lstat /r/base/missing.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/r/base/missing.yaml' : lstat /r/base/missing.yaml: no such file or directory\"";
  assert.equal(innermostKustomizeError(message), "resource 'missing.yaml': evalsymlink failure on '/r/base/missing.yaml' : lstat /r/base/missing.yaml: no such file or directory");
  // A base that is read as a directory (a mirror of a root with remote entries), and quotes escaped by klog.
  const directory =
    '"command failed" err="accumulating resources: accumulation err=\'accumulating resources from \'../mirror/frr-k8s\': read config/frr-k8s: is a directory\': recursed accumulation of path \'config/frr-k8s\': no resource matches strategic merge patch \\"Namespace.v1.[noGrp]/frr-k8s-system.[noNs]\\": no matches for Id Namespace.v1.[noGrp]/frr-k8s-system.[noNs]"';
  assert.equal(innermostKustomizeError(directory), 'no resource matches strategic merge patch "Namespace.v1.[noGrp]/frr-k8s-system.[noNs]": no matches for Id Namespace.v1.[noGrp]/frr-k8s-system.[noNs]');
  assert.equal(innermostKustomizeError('"command failed" err="no matches for Id Deployment.v1.apps/web.[noNs]; failed to find unique target for patch"'), 'no matches for Id Deployment.v1.apps/web.[noNs]; failed to find unique target for patch');
});

/** Two overlays that add nothing to one base: identical build outputs. */
function identicalOverlays(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-identical-'));
  mkdirSync(join(dir, 'base'));
  writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n  - pod.yaml\n');
  writeFileSync(join(dir, 'base', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: registry.example.com/a:1.0.0\n');
  for (const name of ['one', 'two']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'kustomization.yaml'), 'resources:\n  - ../base\n');
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('builds linted as they are built (lintBuild): identical outputs linted once with a note, each build timed, a slow build logged while it runs', async () => {
  const tree = identicalOverlays();
  try {
    const cwd = tree.dir;
    const config = resolveConfig(validateConfig('test', { extends: [], rules: { 'no-host-pid': 'error' } }, ruleMap), ruleMap, { cwd });
    const settings = resolveSourceSettings(config.sources, { baseDir: cwd, cwd });
    const times: string[] = [];
    const slow: string[] = [];
    const collected = await collectSources(['.'], {
      cwd,
      limits: DEFAULT_LIMITS,
      env: process.env,
      settings,
      lintBuild: (file) => lintBuildOutput(file, config, cwd),
      onBuildTime: (name, milliseconds) => times.push(`${name} ${milliseconds > 0}`),
      slowBuild: { afterMs: 0, log: (name) => slow.push(name) },
    });
    assert.equal(collected.builds, [], 'nothing kept parsed');
    assert.equal(collected.buildResults?.length, 1);
    // The base is built as itself after its overlays: the same objects again, dropped without a note.
    assert.equal(times.sort(), ['base (kustomize build) true', 'one (kustomize build) true', 'two (kustomize build) true']);
    assert.equal(slow.sort(), ['base (kustomize build)', 'one (kustomize build)', 'two (kustomize build)']);
    assert.equal(collected.notes?.length, 1);
    assert.equal(collected.baseBuilds, new Set());
    assert.match(collected.notes![0], /^(one|two) \(kustomize build\) builds exactly the objects of (one|two) \(kustomize build\): linted once, as \2 \(kustomize build\)\.$/);
    const result = lintCollected(collected, config, cwd);
    assert.equal(result.findings.map((finding) => [finding.ruleId, finding.origin?.file, finding.origin?.line]), [['no-host-pid', 'base/pod.yaml', 6]]);
    assert.equal(result.summary.objects, 1);
  } finally {
    tree.cleanup();
  }
});

test('--timing prints each build and each rule on standard error; the report is unchanged', () => {
  const run = runCli(['--preset', 'pss-baseline', '-f', 'json', '--timing', `${K}/shop`]);
  const plain = runCli(['--preset', 'pss-baseline', '-f', 'json', `${K}/shop`]);
  assert.equal(run.code, 1, run.stderr);
  const without = (stdout: string) => ({ ...JSON.parse(stdout), summary: { ...JSON.parse(stdout).summary, toolTimeMs: 0 } });
  assert.equal(without(run.stdout), without(plain.stdout));
  assert.match(run.stderr, /^kubeguard: timing: build test\/fixtures\/kustomize\/shop\/overlays\/prod \(kustomize build\): \d+ ms$/m);
  assert.match(run.stderr, /^kubeguard: timing: build test\/fixtures\/kustomize\/shop\/overlays\/staging \(kustomize build\): \d+ ms$/m);
  assert.match(run.stderr, /^kubeguard: timing: rule no-privileged: \d+\.\d ms$/m);
  assert.not.match(plain.stderr, /timing/);
});

test('a root that does not build without its own remote entry: one build-skipped there, saying both; a base\'s remote entry keeps its own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-remote-root-'));
  try {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n';
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: remote-controller\nspec:\n  replicas: 2\n';
    mkdirSync(join(dir, 'own'));
    writeFileSync(join(dir, 'own', 'kustomization.yaml'), 'resources:\n  - service.yaml\n  - https://github.com/example/operator//config/default?ref=v1.0.0\npatches:\n  - path: patch.yaml\n');
    writeFileSync(join(dir, 'own', 'service.yaml'), service);
    writeFileSync(join(dir, 'own', 'patch.yaml'), patch);
    for (const sub of ['remote-base', 'overlay']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'remote-base', 'kustomization.yaml'), 'resources:\n  - github.com/example/operator/config/default?ref=v1.0.0\n');
    writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'resources:\n  - ../remote-base\n  - service.yaml\npatches:\n  - path: patch.yaml\n');
    writeFileSync(join(dir, 'overlay', 'service.yaml'), service);
    writeFileSync(join(dir, 'overlay', 'patch.yaml'), patch);
    const { result } = await lintSources(['.'], { rules: RULES, cwd: dir });
    assert.equal(
      result.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.column]),
      [
        ['build-skipped', 'overlay/kustomization.yaml', 1, 1],
        ['no-node-port', 'overlay/service.yaml', 6, 3],
        ['build-skipped', 'own/kustomization.yaml', 3, 5],
        ['no-node-port', 'own/service.yaml', 6, 3],
        ['build-skipped', 'remote-base/kustomization.yaml', 2, 5],
      ],
    );
    const [overlay, , own, , base] = result.findings;
    assert.match(own.message, /^Remote resource "https:\/\/github\.com\/example\/operator\/\/config\/default\?ref=v1\.0\.0" is not fetched: .*, and without it this root does not build \(a patch targets an object the remote entries define\), so this root is not built and its local resources are linted as plain files: /);
    assert.match(overlay.message, /^kustomize build without the remote entries failed \(a patch targets an object the remote entries define\)/);
    assert.match(base.message, /^Remote resource "github\.com\/example\/operator\/config\/default\?ref=v1\.0\.0" is not fetched: .*; it is left out of the build and the rest is linted\.$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a patch named as a bare string under patches (kustomize rejects the form) is still a patch: never linted as a whole object', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-string-patch-'));
  try {
    mkdirSync(join(dir, 'overlays'));
    // all.yaml is generated by a plugin before the build (argocd-example-apps' kustomized-helm): missing here.
    writeFileSync(join(dir, 'kustomization.yaml'), 'namePrefix: kustomize-\nresources:\n- ./all.yaml\npatches:\n- overlays/guestbook-deployment.yaml\n');
    writeFileSync(join(dir, 'overlays', 'guestbook-deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: guestbook\nspec:\n  template:\n    spec:\n      containers:\n        - name: guestbook\n          image: gb-frontend:v5\n');
    const { result } = await lintSources(['.'], { rules: { ...RULES, schema: 'error', 'run-as-non-root': 'error' }, cwd: dir });
    assert.equal(
      result.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.column]),
      [['build-error', 'kustomization.yaml', 3, 3]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kustomize.loadRestrictor auto (the default): a root that reads files outside its directory is built without the restrictor, and named', async () => {
  const { result, collected } = await lintSources([`${F}/overlays/restricted`], { rules: RULES });
  assert.equal(rows(result.findings), [['no-host-pid', `${F}/overlays/restricted (kustomize build)`, 17, `${F}/base/deployment.yaml`, 14, 7]]);
  assert.equal(collected.notBuilt, []);
  assert.equal(collected.notes, [
    `1 Kustomize root reads files outside its directory, so it was built with --load-restrictor LoadRestrictionsNone, as its pipeline must (kustomize.loadRestrictor: rootOnly reports them as build-errors instead; none builds every root so): ${F}/overlays/restricted`,
  ]);
  const strict = await lintSources([`${F}/overlays/restricted`], { rules: RULES, config: { kustomize: { loadRestrictor: 'rootOnly' } } });
  // rootOnly: the build-error at the entry kustomize names, and the root's resource linted as a plain file.
  assert.equal(strict.result.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.column]), [
    ['no-host-pid', `${F}/base/deployment.yaml`, 14, 7],
    ['build-error', `${F}/overlays/restricted/kustomization.yaml`, 4, 5],
  ]);
});

test.run();
