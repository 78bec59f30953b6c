// Kustomize roots built with the real `kubectl kustomize` on this machine: origins (file, line, column) in resources,
// strategic merge and JSON 6902 patches (file and inline), components and transformer fields; overlays sharing a base;
// remote bases refused offline; the user's files never touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isRemoteReference, selectorMatches, stripOriginAnnotations, stripOriginAnnotationsParsed } from '../../src/sources/kustomize';
import { BASELINE_RULES, CORPUS, KUSTOMIZE_FIXTURES as K, leftoverWrappers, lintSources, listing, only, ROOT, rows } from './build-helpers';

// The corpus is linted from its own directory, so paths in results are relative (outside the cwd they are absolute).
const CORPUS_KUSTOMIZE = join(ROOT, CORPUS, 'kustomize');

const PROD = `${K}/shop/overlays/prod (kustomize build)`;
const STAGING = `${K}/shop/overlays/staging (kustomize build)`;
const BASE = `${K}/shop/base (kustomize build)`;

test('a resource value: the base file, through the built object (container found by name after a patch inserted one)', async () => {
  const { result } = await lintSources([`${K}/shop/overlays/prod`]);
  const privileged = only(result.findings, 'no-privileged');
  assert.equal(rows(privileged), [
    // The sidecar the strategic merge patch prepended (containers[0]) and the base container (now containers[1]).
    ['no-privileged', PROD, 43, `${K}/shop/overlays/prod/sidecar.yaml`, 13, 13],
    ['no-privileged', PROD, 49, `${K}/shop/base/deployment.yaml`, 21, 13],
  ]);
  assert.equal(privileged[1].path, 'spec.template.spec.containers[1].securityContext.privileged');
  assert.equal(privileged[1].object, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'prod-web', namespace: 'shop-prod' });
});

test('patches: a strategic merge patch file and an inline JSON 6902 patch in the kustomization', async () => {
  const { result } = await lintSources([`${K}/shop/overlays/prod`]);
  assert.equal(rows(only(result.findings, 'no-host-pid')), [['no-host-pid', PROD, 51, `${K}/shop/overlays/prod/sidecar.yaml`, 8, 7]]);
  // `value: true` of the op, inside the `patch: |-` block: its line in kustomization.yaml.
  assert.equal(rows(only(result.findings, 'no-host-ipc')), [['no-host-ipc', PROD, 50, `${K}/shop/overlays/prod/kustomization.yaml`, 18, 9]]);
});

test('an inline strategic merge patch and a JSON 6902 patch file selected by labels', async () => {
  const { result } = await lintSources([`${K}/patch-forms`]);
  const built = `${K}/patch-forms (kustomize build)`;
  assert.equal(rows(result.findings), [
    // The op adds a whole securityContext map: the key inside its `value`.
    ['no-privileged', built, 20, `${K}/patch-forms/ops.yaml`, 4, 5],
    // patchesStrategicMerge written inline: its line inside the kustomization's block scalar.
    ['no-host-pid', built, 21, `${K}/patch-forms/kustomization.yaml`, 12, 9],
  ]);
});

test('a value changed by a transformer: the images entry that sets the tag', async () => {
  const { result } = await lintSources([`${K}/shop/overlays/prod`]);
  const latest = only(result.findings, 'no-latest-tag');
  assert.equal(rows(latest), [['no-latest-tag', PROD, 44, `${K}/shop/overlays/prod/kustomization.yaml`, 9, 5]]);
  assert.match(latest[0].message, /latest tag of "docker\.io\/library\/nginx"/);
});

test('the build output is a file of its own: its text is kept for code frames, without the origin annotations', async () => {
  const { result, collected } = await lintSources([`${K}/shop/overlays/prod`]);
  const text = result.sources.get(PROD)!;
  assert.ok(text.includes('name: prod-web'));
  assert.not.ok(text.includes('config.kubernetes.io/origin'));
  assert.not.ok(text.includes('alpha.config.kubernetes.io/transformations'));
  assert.equal(text.split('\n')[42].trim(), 'privileged: true');
  for (const file of collected.files) {
    for (const document of file.documents) {
      for (const { object } of document.objects) assert.equal(object.metadata?.annotations, undefined, `${object.kind} keeps no annotations`);
    }
  }
  assert.ok(collected.toolTimeMs > 0);
  // The origin file joins the sources too, so a formatter can show the line a person edits.
  assert.ok(result.sources.get(`${K}/shop/base/deployment.yaml`)?.includes('privileged: true'));
});

test('overlays sharing a base: a base finding is reported once, on the base\'s own build, naming the overlays that repeat it', async () => {
  const { result } = await lintSources([`${K}/shop`], { rules: { ...BASELINE_RULES, 'image-digest': 'info', pdb: 'info' } });
  const privileged = only(result.findings, 'no-privileged');
  assert.equal(rows(privileged), [
    ['no-privileged', BASE, 42, `${K}/shop/base/deployment.yaml`, 21, 13],
    ['no-privileged', PROD, 43, `${K}/shop/overlays/prod/sidecar.yaml`, 13, 13],
  ]);
  assert.ok(privileged[0].message.endsWith(`(Also in the builds of ${K}/shop/overlays/prod and ${K}/shop/overlays/staging.)`), privileged[0].message);
  assert.not.ok(privileged[1].message.includes('Also in'), 'the sidecar is only in prod');
  // The Service is renamed per overlay (prod-web, staging-web): still the same base finding.
  const nodePort = only(result.findings, 'no-node-port');
  assert.equal(rows(nodePort), [['no-node-port', BASE, 18, `${K}/shop/base/service.yaml`, 6, 3]]);
  assert.ok(nodePort[0].message.endsWith(`(Also in the builds of ${K}/shop/overlays/prod and ${K}/shop/overlays/staging.)`), nodePort[0].message);
  // prod sets the image (to latest: its own finding): the base's tag is deployed by staging only.
  const digest = only(result.findings, 'image-digest').filter((finding) => finding.file === BASE);
  assert.ok(digest[0].message.endsWith(`(Also in the build of ${K}/shop/overlays/staging.)`), digest[0].message);
  // What no overlay deploys is not reported on the base: its pdb finding (2 replicas, no budget) stands in each overlay,
  // where namePrefix changed the name; the base's own, at its resource line, is dropped.
  assert.equal(rows(only(result.findings, 'pdb')), [
    ['pdb', PROD, 27, `${K}/shop/overlays/prod/kustomization.yaml`, 4, 1],
    ['pdb', STAGING, 27, `${K}/shop/overlays/staging/kustomization.yaml`, 4, 1],
  ]);
  assert.equal(result.findings.filter((finding) => finding.file === STAGING).map((finding) => finding.ruleId), ['pdb']);
  assert.equal(result.summary.errors, result.findings.filter((finding) => finding.severity === 'error').length);
});

test('a base whose overlays build is built as itself too: no plain findings on its files, no duplicate-object across builds', async () => {
  const { result, collected } = await lintSources([`${K}/shop`]);
  assert.equal(
    collected.files.map((file) => file.file),
    [BASE, PROD, STAGING],
  );
  assert.equal(collected.baseBuilds, new Set([BASE]));
  assert.equal(only(result.findings, 'duplicate-object'), []);
});

test('config overrides apply to built objects by the overlay directory and by the file that defines the object', async () => {
  const privileged = async (override: Record<string, unknown>) => {
    const { result } = await lintSources([`${K}/shop/overlays/prod`], { config: { overrides: [{ rules: { 'no-privileged': 'off' }, ...override }] } });
    return rows(only(result.findings, 'no-privileged')).map((row) => row[3]);
  };
  const both = [`${K}/shop/overlays/prod/sidecar.yaml`, `${K}/shop/base/deployment.yaml`];
  assert.equal(await privileged({ files: ['elsewhere/**'] }), both);
  // The overlay: the kustomization that defines the build.
  assert.equal(await privileged({ files: [`${K}/shop/overlays/prod/**`] }), []);
  // The base: the Deployment is defined there (the sidecar's privileged comes from a patch, but the object is the base's).
  assert.equal(await privileged({ files: [`${K}/shop/base/**`] }), []);
  assert.equal(await privileged({ files: ['deployment.yaml'] }), [], 'a glob without a slash matches the base name');
  // excludedFiles: an object defined in an excluded file stays excluded, whatever else matches.
  assert.equal(await privileged({ files: [`${K}/shop/**`], excludedFiles: [`${K}/shop/base/**`] }), both);
  // Another object of the same build keeps its settings: the Service is defined in base/service.yaml.
  const { result } = await lintSources([`${K}/shop/overlays/prod`], { config: { overrides: [{ files: ['**/service.yaml'], rules: { 'no-node-port': 'off' } }] } });
  assert.equal(only(result.findings, 'no-node-port'), []);
  assert.equal(only(result.findings, 'no-privileged').length, 2);
});

test('kustomize.lintSources: resource files are linted as plain files too (patches never are)', async () => {
  const { collected } = await lintSources([`${K}/shop`], { config: { kustomize: { lintSources: true } } });
  assert.equal(collected.files.map((file) => file.file).sort(), [`${K}/shop/base/deployment.yaml`, `${K}/shop/base/service.yaml`, BASE, PROD, STAGING].sort());
});

test('--no-build: the resources of a root are linted as plain files; its patches (partial objects) only when named, with a note', async () => {
  const { collected, result } = await lintSources([`${K}/shop`], { flags: { noBuild: true } });
  // kustomization.yaml is read like any YAML file and skipped: it is not a cluster object.
  assert.equal(collected.files.map((file) => file.file).sort(), [
    `${K}/shop/base/deployment.yaml`,
    `${K}/shop/base/kustomization.yaml`,
    `${K}/shop/base/service.yaml`,
    `${K}/shop/overlays/prod/kustomization.yaml`,
    `${K}/shop/overlays/staging/kustomization.yaml`,
  ]);
  assert.equal(rows(result.findings), [
    ['no-privileged', `${K}/shop/base/deployment.yaml`, 21, undefined, undefined, undefined],
    ['no-node-port', `${K}/shop/base/service.yaml`, 6, undefined, undefined, undefined],
  ]);
  assert.equal(collected.notes, [
    `1 Kustomize patch file not linted with builds off (partial objects: linted in the builds that apply them; name a file to lint it): ${K}/shop/overlays/prod/sidecar.yaml`,
  ]);
  assert.equal(collected.toolTimeMs, 0);
  // Named, the patch is linted as it is.
  const named = await lintSources([`${K}/shop/overlays/prod/sidecar.yaml`], { flags: { noBuild: true } });
  assert.equal(rows(named.result.findings), [
    ['no-host-pid', `${K}/shop/overlays/prod/sidecar.yaml`, 8, undefined, undefined, undefined],
    ['no-privileged', `${K}/shop/overlays/prod/sidecar.yaml`, 13, undefined, undefined, undefined],
  ]);
});

test('a named file inside a root is linted through the root that uses it', async () => {
  const { collected, result } = await lintSources([`${K}/shop/base/deployment.yaml`]);
  assert.equal(
    collected.files.map((file) => file.file),
    [`${K}/shop/base (kustomize build)`],
  );
  assert.equal(rows(only(result.findings, 'no-privileged')), [['no-privileged', `${K}/shop/base (kustomize build)`, 42, `${K}/shop/base/deployment.yaml`, 21, 13]]);
});

test('a component patch: the origin is the component file', async () => {
  const { result } = await lintSources([`${K}/component`]);
  assert.equal(rows(only(result.findings, 'no-host-network')), [['no-host-network', `${K}/component/overlay (kustomize build)`, 17, `${K}/component/debug/debug-patch.yaml`, 8, 7]]);
});

test('suppression comments in the source file apply to the built object', async () => {
  const { result } = await lintSources([`${K}/suppressed`]);
  assert.equal(rows(result.findings), [['no-host-network', `${K}/suppressed (kustomize build)`, 17, `${K}/suppressed/agent.yaml`, 16, 7]]);
  assert.equal(result.summary.suppressed, 1);
  assert.equal(result.findings[0].object?.name, 'node-agent');
});

test('a generated ConfigMap: every path maps to its generator entry', async () => {
  // No rule flags the generated ConfigMap here: ask the origin hook the engine calls for each finding.
  const { collected } = await lintSources([`${K}/shop/overlays/staging`]);
  const document = collected.files[0].documents.find((candidate) => candidate.objects[0].object.kind === 'ConfigMap')!;
  assert.equal(collected.files[0].documents[0].objects[0].object.metadata?.name, 'staging-settings-hf678c7m2b');
  assert.equal(document.origin!(['data', 'LOG_LEVEL']), { file: `${K}/shop/base/kustomization.yaml`, line: 7, column: 5, via: 'kustomize' });
  assert.equal(document.origin!(['metadata', 'name']), { file: `${K}/shop/base/kustomization.yaml`, line: 7, column: 5, via: 'kustomize' });
});

test('metadata.name changed by namePrefix: the namePrefix line', async () => {
  const { collected } = await lintSources([`${K}/shop/overlays/prod`]);
  const document = collected.files[0].documents.find((candidate) => candidate.objects[0].object.kind === 'Deployment')!;
  assert.equal(document.origin!(['metadata', 'name']), { file: `${K}/shop/overlays/prod/kustomization.yaml`, line: 4, column: 1, via: 'kustomize' });
  assert.equal(document.origin!(['metadata', 'namespace']), { file: `${K}/shop/overlays/prod/kustomization.yaml`, line: 3, column: 1, via: 'kustomize' });
  // A missing field: where its parent is written in the base.
  assert.equal(document.origin!(['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'runAsNonRoot']), {
    file: `${K}/shop/base/deployment.yaml`,
    line: 20,
    column: 11,
    via: 'kustomize',
  });
});

test('a remote resource beside local ones: a build-skipped at its entry, the rest built without it, no network, nothing written', async () => {
  const before = listing(join(ROOT, K, 'remote'));
  const { result, collected } = await lintSources([`${K}/remote`]);
  assert.equal(collected.files.map((file) => file.file), [`${K}/remote (kustomize build)`]);
  assert.equal(rows(result.findings), [
    // The local resource, built and mapped back to its own file through the mirror.
    ['no-host-network', `${K}/remote (kustomize build)`, 17, `${K}/remote/deployment.yaml`, 14, 7],
    ['build-skipped', `${K}/remote/kustomization.yaml`, 5, undefined, undefined, undefined],
  ]);
  const skipped = result.findings[1];
  assert.equal([skipped.column, skipped.severity], [5, 'warning']);
  assert.match(skipped.message, /Remote resource "https:\/\/github\.com\/example\/platform\/\/deploy\/base\?ref=v1\.2\.0" is not fetched/);
  assert.match(skipped.message, /left out of the build and the rest is linted/);
  assert.equal(result.summary.notBuilt?.map((entry) => [entry.path, entry.tool, entry.status, entry.file, entry.line]), [[`${K}/remote`, 'kustomize', 'partial', `${K}/remote/kustomization.yaml`, 5]]);
  assert.equal(listing(join(ROOT, K, 'remote')), before);
});

test('remote references: URLs, go-getter and host paths are remote; local paths are not', () => {
  const dir = join(ROOT, K, 'shop', 'overlays', 'prod');
  for (const remote of [
    'https://github.com/org/repo//base?ref=v1',
    'github.com/org/repo/base?ref=main',
    'git::https://example.com/repo.git//base',
    'git@github.com:org/repo.git',
    'ssh://git@github.com/org/repo',
    'example.com/team/manifests',
    'gitlab.com/org/repo.git',
  ]) {
    assert.ok(isRemoteReference(remote, dir), remote);
  }
  for (const local of ['../../base', 'sidecar.yaml', './kustomization.yaml', 'missing-dir', 'missing.yaml', '../missing']) assert.not.ok(isRemoteReference(local, dir), local);
});

test('a missing patch file: one build-error at its entry (line and column); the root\'s resources are linted as plain files', async () => {
  const { result, collected } = await lintSources([`${K}/broken`]);
  assert.equal(collected.builds, []);
  assert.equal(rows(result.findings), [
    ['no-host-network', `${K}/broken/deployment.yaml`, 14, undefined, undefined, undefined],
    ['build-error', `${K}/broken/kustomization.yaml`, 6, undefined, undefined, undefined],
  ]);
  const error = result.findings[1];
  assert.equal([error.column, error.severity], [5, 'error']);
  assert.match(error.message, /^"not-committed\.yaml" does not exist \(test\/fixtures\/kustomize\/broken\/not-committed\.yaml\)/);
  assert.equal(result.summary.notBuilt?.map((entry) => [entry.path, entry.status, entry.line]), [[`${K}/broken`, 'error', 6]]);
});

test('builds leave nothing behind: the wrapper directory is removed and the fixtures are untouched', async () => {
  const before = listing(join(ROOT, K));
  const previous = process.env.TMPDIR;
  const temp = mkdtempSync(join(tmpdir(), 'kubeguard-test-tmp-'));
  process.env.TMPDIR = temp;
  try {
    await lintSources([K]);
    assert.equal(leftoverWrappers(), []);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(temp, { recursive: true, force: true });
  }
  assert.equal(listing(join(ROOT, K)), before);
});

test('no kustomize and no kubectl: a build-skipped per root (no exit-code error); the root\'s resources and other inputs still linted', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'kubeguard-empty-path-'));
  try {
    const { collected, result } = await lintSources([`${K}/remote`, `${K}/plain`], { env: { PATH: empty } });
    assert.equal(collected.errors, []);
    assert.equal(rows(result.findings), [
      ['no-host-network', `${K}/plain/pod.yaml`, 6, undefined, undefined, undefined],
      ['no-host-network', `${K}/remote/deployment.yaml`, 14, undefined, undefined, undefined],
      ['build-skipped', `${K}/remote/kustomization.yaml`, 1, undefined, undefined, undefined],
      ['build-skipped', `${K}/remote/kustomization.yaml`, 5, undefined, undefined, undefined],
    ]);
    assert.match(result.findings[2].message, /^not built: neither kustomize nor kubectl is on PATH/);
    assert.equal(result.summary.notBuilt?.map((entry) => [entry.path, entry.status]), [[`${K}/remote`, 'skipped']]);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('--kustomize-bin: a missing binary is named in the error', async () => {
  const { collected } = await lintSources([`${K}/component/overlay`], { flags: { kustomizeBin: '/nonexistent/kustomize' } });
  assert.match(collected.errors[0], /the kustomize binary "\/nonexistent\/kustomize" was not found/);
});

test('stripOriginAnnotations in one pass agrees with a YAML parse, and falls back to one for output in another layout', () => {
  const canonical = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  annotations:',
    '    a.example.com/first: x',
    '    alpha.config.kubernetes.io/transformations: |',
    '      - configuredIn: ../o/kustomization.yaml',
    '        configuredBy:',
    '          apiVersion: builtin',
    '          kind: NamespaceTransformer',
    '      - configuredIn: ../o/kustomization.yaml',
    '        configuredBy:',
    '          kind: PrefixTransformer',
    '    config.kubernetes.io/origin: |',
    '      path: ../base/cm.yaml',
    '    z.example.com/last: |',
    '      multi',
    '      line',
    '  labels:',
    '    app: a',
    '  name: a',
    'data:',
    '  metadata: text',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: no-annotations',
    '',
  ].join('\n');
  const fast = stripOriginAnnotations(canonical, '/tmp/wrapper');
  assert.equal(fast, stripOriginAnnotationsParsed(canonical, '/tmp/wrapper'));
  assert.ok(fast.text.includes('    a.example.com/first: x\n    z.example.com/last: |\n      multi\n      line\n  labels:'), fast.text);
  assert.equal(fast.documents[0], { origin: { path: '../base/cm.yaml' }, transformedIn: ['/tmp/o/kustomization.yaml'] });
  // Flow style (not what kustomize prints): the parse decides.
  // The annotation's name inside a value: the scan does not trust itself and parses.
  const nested = `${canonical}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  note: |\n    config.kubernetes.io/origin: |\n`;
  assert.equal(stripOriginAnnotations(nested, '/tmp/wrapper'), stripOriginAnnotationsParsed(nested, '/tmp/wrapper'));
  const flow = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, annotations: {config.kubernetes.io/origin: "path: x.yaml\\n"}}\n';
  assert.equal(stripOriginAnnotations(flow, '/tmp/wrapper').documents, [{ origin: { path: 'x.yaml' }, transformedIn: [] }]);
});

test('stripOriginAnnotations keeps other annotations and drops an emptied annotations map', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  annotations:',
    '    alpha.config.kubernetes.io/transformations: |',
    '      - configuredIn: ../o/kustomization.yaml',
    '        configuredBy:',
    '          apiVersion: builtin',
    '          kind: PrefixTransformer',
    '    config.kubernetes.io/origin: |',
    '      path: ../o/cm.yaml',
    '    team: payments',
    '  name: a',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  annotations:',
    '    config.kubernetes.io/origin: |',
    '      path: ../o/cm2.yaml',
    '  name: b',
    '',
  ].join('\n');
  const stripped = stripOriginAnnotations(text, '/tmp/wrapper');
  assert.equal(stripped.text, ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  annotations:', '    team: payments', '  name: a', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: b', ''].join('\n'));
  assert.equal(stripped.documents, [
    { origin: { path: '../o/cm.yaml' }, transformedIn: ['/tmp/o/kustomization.yaml'] },
    { origin: { path: '../o/cm2.yaml' }, transformedIn: [] },
  ]);
});

test('label selectors of patch targets', () => {
  const labels = { app: 'web', tier: 'front' };
  assert.ok(selectorMatches('app=web', labels));
  assert.ok(selectorMatches('app==web,tier in (front, back)', labels));
  assert.ok(selectorMatches('!legacy,tier', labels));
  assert.not.ok(selectorMatches('app!=web', labels));
  assert.not.ok(selectorMatches('tier notin (front)', labels));
  assert.not.ok(selectorMatches('legacy', labels));
});

// --- The shared corpus (real layouts, built offline)

test('corpus metrics-server: overlays over one base and components; origins in components and the base', async () => {
  const dir = 'metrics-server';
  const { result, collected } = await lintSources([dir], {
    rules: { 'image-pull-policy': 'info', 'image-digest': 'info', 'duplicate-object': 'error', 'deprecated-api-version': 'error' },
    config: { excludedNamespaces: [] },
    cwd: CORPUS_KUSTOMIZE,
  });
  assert.equal(collected.errors, []);
  assert.equal(collected.files.map((file) => file.file), [
    // A component no overlay uses: its resources are linted as plain files (its patches would not be).
    `${dir}/components/autoscale/rbac.yaml`,
    `${dir}/base (kustomize build)`,
    ...['release', 'release-ha', 'release-ha-1.21+', 'test', 'test-ha'].map((name) => `${dir}/overlays/${name} (kustomize build)`),
  ]);
  // Every overlay builds the same cluster-scoped objects; each build is its own lint set.
  assert.equal(only(result.findings, 'duplicate-object'), []);
  const byRule = (ruleId: string, file: string) => result.findings.find((finding) => finding.ruleId === ruleId && finding.file === `${dir}/overlays/${file} (kustomize build)`);
  // The release component's images transformer sets the tag: its newTag line.
  const digest = byRule('image-digest', 'release')!;
  assert.equal([digest.origin?.file, digest.origin?.line, digest.origin?.column], [`${dir}/components/release/kustomization.yaml`, 6, 3]);
  assert.match(digest.message, /Also in the builds of .*release-ha/);
  // The test component's inline JSON 6902 patch sets imagePullPolicy: Never.
  const pullPolicy = byRule('image-pull-policy', 'test')!;
  assert.equal([pullPolicy.origin?.file, pullPolicy.origin?.line, pullPolicy.origin?.column], [`${dir}/components/test/kustomization.yaml`, 19, 7]);
  // The unpatched image of the test overlays: the base resource line.
  // reported on the base's own build, which every overlay that keeps it repeats.
  const testDigest = result.findings.find((finding) => finding.ruleId === 'image-digest' && finding.file === `${dir}/base (kustomize build)`)!;
  assert.match(testDigest.message, /Also in the builds of .*overlays\/test and .*overlays\/test-ha/);
  assert.equal([testDigest.origin?.file, testDigest.origin?.line, testDigest.origin?.column], [`${dir}/base/deployment.yaml`, 21, 9]);
});

test('corpus microservices-demo: a test overlay with all components; a resource a component adds', async () => {
  const dir = 'microservices-demo';
  const { result, collected } = await lintSources([`${dir}/tests/memorystore-with-all-components`], {
    rules: { 'run-as-high-uid': 'info', 'automount-service-account-token': 'warning' },
    cwd: CORPUS_KUSTOMIZE,
  });
  assert.equal(collected.errors, []);
  const highUid = result.findings.find((finding) => finding.ruleId === 'run-as-high-uid' && finding.object?.name === 'opentelemetrycollector')!;
  assert.equal([highUid.origin?.file, highUid.origin?.line, highUid.origin?.column], [`${dir}/components/google-cloud-operations/otel-collector.yaml`, 32, 9]);
  const token = result.findings.find((finding) => finding.ruleId === 'automount-service-account-token' && finding.object?.name === 'cartservice')!;
  assert.equal([token.origin?.file, token.origin?.line], [`${dir}/base/cartservice.yaml`, token.origin?.line]);
  assert.ok(token.origin?.line! > 0);
});

test('corpus argo-cd namespace-install: deep bases; an image renamed by a base kustomization', async () => {
  const dir = 'argo-cd';
  const { result, collected } = await lintSources([`${dir}/namespace-install`], { rules: { 'image-digest': 'info', 'rbac-secrets-access': 'warning' }, cwd: CORPUS_KUSTOMIZE });
  assert.equal(collected.errors, []);
  const redis = result.findings.find((finding) => finding.ruleId === 'image-digest' && finding.object?.name === 'argocd-redis')!;
  assert.equal([redis.origin?.file, redis.origin?.line, redis.origin?.column], [`${dir}/base/redis/kustomization.yaml`, 14, 5]);
  const server = result.findings.find((finding) => finding.ruleId === 'rbac-secrets-access' && finding.object?.name === 'argocd-server')!;
  assert.equal([server.origin?.file, server.origin?.line, server.origin?.column], [`${dir}/base/server/argocd-server-role.yaml`, 13, 5]);
});

test.run();
