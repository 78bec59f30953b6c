// Helm: rendered output (files and standard input) mapped to template files and lines through `# Source:` comments;
// chart directories rendered by a fake `helm` that prints a committed rendering (no real helm can be installed here).
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { attachHelmOrigins, HelmOrigins, isChartDirectory, sourceComments, templatePosition } from '../../src/sources/helm';
import { parseManifest } from '../../src/sources/yaml-loader';
import { CORPUS, HELM_FIXTURES as H, lintSources, ROOT, rows } from './build-helpers';

const RULES = { 'no-privileged': 'error', 'no-host-pid': 'error', 'no-host-ports': 'error', 'no-node-port': 'warning', 'image-digest': 'info' };
const RENDERED = `${H}/rendered/web.yaml`;
const TEMPLATES = `${H}/web/templates`;

/** A PATH holding only the fake helm and node (for its `#!/usr/bin/env node`), and a log of its arguments. */
function fakeHelmPath(): { path: string; log: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-fake-helm-'));
  symlinkSync(join(ROOT, H, 'fake-helm', 'helm'), join(dir, 'helm'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return { path: dir, log: join(dir, 'helm.log'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function loggedArgs(log: string): string[][] {
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).args);
}

test('a rendered file: the template of each document, at the line of the key when it is there', async () => {
  const { result } = await lintSources([RENDERED], { rules: RULES });
  assert.equal(rows(result.findings), [
    ['no-node-port', RENDERED, 11, `${TEMPLATES}/service.yaml`, 8, 3],
    ['no-host-pid', RENDERED, 36, `${TEMPLATES}/deployment.yaml`, 17, 7],
    // The first of two `image:` keys in the rendered document and in the template (the value is templated).
    ['image-digest', RENDERED, 39, `${TEMPLATES}/deployment.yaml`, 20, 11],
    // `privileged` comes from `toYaml .Values.securityContext`: not in the template, so only the file.
    ['no-privileged', RENDERED, 41, `${TEMPLATES}/deployment.yaml`, undefined, undefined],
    ['no-host-ports', RENDERED, 44, `${TEMPLATES}/deployment.yaml`, 25, 15],
    ['image-digest', RENDERED, 46, `${TEMPLATES}/deployment.yaml`, 27, 11],
  ]);
  // The rendered position is kept; the origin says where to edit.
  assert.equal([result.findings[1].line, result.findings[1].column, result.findings[1].origin?.via], [36, 7, 'helm']);
});

test('standard input (helm template . | kubeguard -): --chart names the chart; without it the chart is looked for from the cwd', () => {
  const text = readFileSync(join(ROOT, RENDERED), 'utf8');
  const withChart = parseManifest('<stdin>', text);
  attachHelmOrigins(withChart, new HelmOrigins(ROOT, join(ROOT, H, 'web')), ROOT);
  const deployment = withChart.documents[1];
  assert.equal(deployment.origin!(['spec', 'template', 'spec', 'hostPID']), { file: `${TEMPLATES}/deployment.yaml`, via: 'helm', line: 17, column: 7 });

  const fromChartParent = parseManifest('<stdin>', text);
  attachHelmOrigins(fromChartParent, new HelmOrigins(join(ROOT, H)), join(ROOT, H));
  assert.equal(fromChartParent.documents[1].origin!(['spec', 'template', 'spec', 'hostPID']), { file: 'web/templates/deployment.yaml', via: 'helm', line: 17, column: 7 });

  // Nowhere to find the chart: the Source path as helm printed it, without a line.
  const elsewhere = mkdtempSync(join(tmpdir(), 'kubeguard-no-chart-'));
  try {
    const alone = parseManifest('<stdin>', text);
    attachHelmOrigins(alone, new HelmOrigins(elsewhere), elsewhere);
    assert.equal(alone.documents[1].origin!(['spec', 'template', 'spec', 'hostPID']), { file: 'web/templates/deployment.yaml', via: 'helm' });
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('a missing field maps to where its nearest parent is written', () => {
  const parsed = parseManifest('<stdin>', readFileSync(join(ROOT, RENDERED), 'utf8'));
  attachHelmOrigins(parsed, new HelmOrigins(ROOT), join(ROOT, H, 'rendered'));
  // containers[1] has no securityContext: the engine points at the item's `name`, the second `- name:` of the template.
  assert.equal(parsed.documents[1].origin!(['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'runAsNonRoot']), {
    file: `${TEMPLATES}/deployment.yaml`,
    via: 'helm',
    line: 26,
    column: 11,
  });
});

test('# Source comments: documents without one follow the last one; documents before any have no origin', () => {
  const text = ['apiVersion: v1', 'kind: Namespace', 'metadata: {name: a}', '---', '# Source: c/templates/x.yaml', 'apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: b}', '---', 'apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: c}', ''].join('\n');
  assert.equal(sourceComments(text), [{ offset: text.indexOf('# Source'), source: 'c/templates/x.yaml' }]);
  const parsed = parseManifest('x.yaml', text);
  attachHelmOrigins(parsed, new HelmOrigins(tmpdir()), tmpdir());
  assert.equal(parsed.documents[0].origin, undefined);
  assert.equal(parsed.documents[1].origin!(['metadata', 'name']), { file: 'c/templates/x.yaml', via: 'helm' });
  assert.equal(parsed.documents[2].origin!(['metadata', 'name']), { file: 'c/templates/x.yaml', via: 'helm' });
});

test('templatePosition: a key at the rendered column, counted in order; any mismatch leaves the line unknown', () => {
  const template = ['kind: Deployment', 'spec:', '  containers:', '    - name: a', '      image: {{ .Values.a }}', '    {{- include "sidecar" . | nindent 4 }}', '---', 'kind: Service', 'spec:', '  type: NodePort', ''].join('\n');
  const rendered = (lines: string[], index: number, column: number) => ({ lines, index, column });
  // One `image:` in the template and one rendered: line 5.
  assert.equal(templatePosition(template, 'Deployment', rendered(['spec:', '  containers:', '    - name: a', '      image: x:1'], 3, 7)), { line: 5, column: 7 });
  // The include added a second container with an image at the same column: which one is which is unknown.
  assert.equal(templatePosition(template, 'Deployment', rendered(['spec:', '  containers:', '    - name: a', '      image: x:1', '    - name: b', '      image: y:1'], 5, 7)), undefined);
  // `type:` only in the Service section: found for a Service, not for a Deployment.
  assert.equal(templatePosition(template, 'Service', rendered(['spec:', '  type: NodePort'], 1, 3)), { line: 10, column: 3 });
  assert.equal(templatePosition(template, 'Deployment', rendered(['spec:', '  type: NodePort'], 1, 3)), undefined);
  // A different column is a different key.
  assert.equal(templatePosition(template, 'Service', rendered(['spec:', '    type: NodePort'], 1, 5)), undefined);
  // A list item without a key: its whole line.
  const rbac = ['kind: Role', 'rules:', '  - verbs:', '      - get', '      - "*"', ''].join('\n');
  assert.equal(templatePosition(rbac, 'Role', rendered(['rules:', '  - verbs:', '      - get', '      - "*"'], 3, 9)), { line: 5, column: 9 });
});

test('corpus helm-rendered: longhorn, linkerd (documents after one Source comment), calico; only unambiguous lines', async () => {
  const cwd = join(ROOT, CORPUS, 'helm-rendered');
  const { result } = await lintSources(['longhorn/longhorn.yaml', 'linkerd/install_helm_control_plane_output.yaml', 'calico/tigera-operator.yaml'], {
    cwd,
    rules: { 'no-privileged': 'error', 'no-host-network': 'error', 'no-cluster-admin-binding': 'error', 'image-digest': 'info', 'no-host-path': 'error' },
  });
  const find = (ruleId: string, name: string, path: string) => result.findings.find((finding) => finding.ruleId === ruleId && finding.object?.name === name && finding.path === path);
  const origin = (ruleId: string, name: string, path: string) => {
    const found = find(ruleId, name, path);
    assert.ok(found, `${ruleId} on ${name} at ${path}`);
    return [found!.origin?.file, found!.origin?.line, found!.origin?.column];
  };
  assert.equal(origin('no-privileged', 'longhorn-manager', 'spec.template.spec.containers[0].securityContext.privileged'), ['longhorn/chart/templates/daemonset-sa.yaml', 28, 11]);
  assert.equal(origin('image-digest', 'longhorn-manager', 'spec.template.spec.containers[1].image'), ['longhorn/chart/templates/daemonset-sa.yaml', 126, 9]);
  assert.equal(origin('no-cluster-admin-binding', 'longhorn-support-bundle', 'roleRef.name'), ['longhorn/chart/templates/clusterrolebinding.yaml', 23, 3]);
  // Five hostPath volumes rendered, seven (some conditional) in the template: the file only.
  assert.equal(origin('no-host-path', 'longhorn-manager', 'spec.template.spec.volumes[0].hostPath'), ['longhorn/chart/templates/daemonset-sa.yaml', undefined, undefined]);
  // The proxy container comes from an include: same column as the template's own `image:`, so no line is claimed.
  assert.equal(origin('image-digest', 'linkerd-identity', 'spec.template.spec.containers[1].image'), ['linkerd/chart/linkerd-control-plane/templates/identity.yaml', undefined, undefined]);
  assert.equal(origin('image-digest', 'linkerd-heartbeat', 'spec.jobTemplate.spec.template.spec.containers[0].image'), ['linkerd/chart/linkerd-control-plane/templates/heartbeat.yaml', 58, 13]);
  assert.equal(origin('no-host-network', 'tigera-operator', 'spec.template.spec.hostNetwork'), ['calico/chart/tigera-operator/templates/tigera-operator/02-tigera-operator.yaml', 45, 7]);
  // Every finding on these files names a template (the hand-written Namespace documents have nothing to report).
  assert.equal(result.findings.filter((finding) => !finding.origin), []);
});

test('corpus: a chart whose Chart.yaml cannot be read still qualifies by holding the template (cert-manager ships Chart.template.yaml)', () => {
  const cwd = join(ROOT, CORPUS, 'helm-rendered');
  const origins = new HelmOrigins(cwd);
  assert.equal(origins.templateFile('cert-manager/templates/deployment.yaml', join(cwd, 'cert-manager')).display, 'cert-manager/chart/cert-manager/templates/deployment.yaml');
  assert.ok(isChartDirectory(join(cwd, 'longhorn', 'chart')));
  assert.not.ok(isChartDirectory(join(cwd, 'cert-manager', 'chart', 'cert-manager')), 'no Chart.yaml: helm cannot render it');
});

test('a chart directory is rendered by helm: values and --set passed through, origins in the chart', async () => {
  const fake = fakeHelmPath();
  try {
    const { result, collected } = await lintSources([`${H}/web`], {
      rules: RULES,
      env: { PATH: fake.path, FAKE_HELM_LOG: fake.log },
      flags: { values: [`${H}/web/values.yaml`], set: ['image.tag=1.26', 'replicas=3'] },
      config: { helm: { values: 'test/fixtures/helm/web/values.yaml', set: ['service.type=ClusterIP'] } },
    });
    assert.equal(collected.errors, []);
    assert.equal(
      collected.files.map((file) => file.file),
      [`${H}/web (helm template)`],
    );
    const values = join(ROOT, H, 'web', 'values.yaml');
    assert.equal(loggedArgs(fake.log), [['template', join(ROOT, H, 'web'), '--values', values, '--values', values, '--set', 'service.type=ClusterIP', '--set', 'image.tag=1.26', '--set', 'replicas=3']]);
    assert.equal(rows(only(result.findings, 'no-host-pid')), [['no-host-pid', `${H}/web (helm template)`, 36, `${TEMPLATES}/deployment.yaml`, 17, 7]]);
    assert.ok(collected.toolTimeMs > 0);
  } finally {
    fake.cleanup();
  }
});

test('config overrides apply to rendered objects by their template, and to a chart\'s rendering by the chart directory', async () => {
  const ruleIds = async (paths: string[], files: string[], env?: NodeJS.ProcessEnv) => {
    const { result } = await lintSources(paths, { rules: RULES, env, config: { overrides: [{ files, rules: { 'no-host-pid': 'off', 'no-node-port': 'off' } }] } });
    return result.findings.map((finding) => finding.ruleId);
  };
  // Rendered output in a file: the template of each document (the Service's template is not matched).
  const all = ['no-node-port', 'no-host-pid', 'image-digest', 'no-privileged', 'no-host-ports', 'image-digest'];
  assert.equal(await ruleIds([RENDERED], ['elsewhere/**']), all);
  assert.equal(await ruleIds([RENDERED], [`${TEMPLATES}/deployment.yaml`]), ['no-node-port', 'image-digest', 'no-privileged', 'no-host-ports', 'image-digest']);
  const fake = fakeHelmPath();
  try {
    const env = { PATH: fake.path, FAKE_HELM_LOG: fake.log };
    // A chart directory: its Chart.yaml, which the chart's own globs match.
    assert.equal(await ruleIds([`${H}/web`], ['elsewhere/**'], env), all);
    assert.equal(await ruleIds([`${H}/web`], [`${H}/web/**`], env), ['image-digest', 'no-privileged', 'no-host-ports', 'image-digest']);
  } finally {
    fake.cleanup();
  }
});

test('a chart: values.yaml, Chart.yaml and templates are never linted as plain YAML; a named template renders its chart', async () => {
  const fake = fakeHelmPath();
  try {
    const { collected, result } = await lintSources([`${H}/web/templates/deployment.yaml`, `${H}/web/values.yaml`], { rules: RULES, env: { PATH: fake.path, FAKE_HELM_LOG: fake.log } });
    assert.equal(
      collected.files.map((file) => file.file),
      [`${H}/web (helm template)`],
    );
    assert.equal(result.findings.filter((finding) => finding.ruleId === 'parse-error'), []);
    assert.equal(loggedArgs(fake.log).length, 1, 'rendered once');
  } finally {
    fake.cleanup();
  }
});

test('a failed render is a build-error on Chart.yaml with helm\'s message', async () => {
  const fake = fakeHelmPath();
  try {
    const { result, collected } = await lintSources([`${H}/web`], { rules: RULES, env: { PATH: fake.path }, flags: { set: ['fail=true'] } });
    assert.equal(collected.files, []);
    assert.equal(rows(result.findings), [['build-error', `${H}/web/Chart.yaml`, 1, undefined, undefined, undefined]]);
    assert.equal(result.findings[0].severity, 'error');
    assert.equal(result.summary.notBuilt?.map((entry) => [entry.path, entry.tool, entry.status]), [[`${H}/web`, 'helm', 'error']]);
    assert.match(result.findings[0].message, /^helm template failed: Error: template: web\/templates\/deployment\.yaml:17:23/);
  } finally {
    fake.cleanup();
  }
});

test('dependencies not in charts/ (helm dependency build needs the network): a build-skipped, not a build-error', async () => {
  const fake = fakeHelmPath();
  try {
    const { result } = await lintSources([`${H}/web`], { rules: RULES, env: { PATH: fake.path }, flags: { set: ['missing-deps=true'] } });
    assert.equal(rows(result.findings), [['build-skipped', `${H}/web/Chart.yaml`, 1, undefined, undefined, undefined]]);
    assert.equal(result.findings[0].severity, 'warning');
    assert.match(result.findings[0].message, /^not rendered: the chart's dependencies are not in its charts\/ directory \(helm dependency build fetches them; kubeguard stays offline\): Error: .*missing in charts\/ directory: common$/);
    assert.equal(result.summary.notBuilt?.map((entry) => [entry.path, entry.tool, entry.status]), [[`${H}/web`, 'helm', 'skipped']]);
  } finally {
    fake.cleanup();
  }
});

test('helm absent: a build-skipped warning on Chart.yaml saying how to lint rendered output (no exit-code error); the other inputs are still linted', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'kubeguard-empty-path-'));
  try {
    const { collected, result } = await lintSources([`${H}/web`, RENDERED], { rules: RULES, env: { PATH: empty } });
    assert.equal(collected.errors, []);
    assert.equal(
      collected.files.map((file) => file.file),
      [RENDERED],
    );
    const skipped = result.findings.filter((finding) => finding.ruleId === 'build-skipped');
    assert.equal(skipped.map((finding) => [finding.file, finding.line, finding.column, finding.severity, finding.message]), [
      [
        `${H}/web/Chart.yaml`,
        1,
        1,
        'warning',
        'not rendered: helm is not on PATH. Install helm to lint the chart, or lint its rendered output: helm template test/fixtures/helm/web | kubeguard - --chart test/fixtures/helm/web (helm.enabled: false or --no-build skips charts).',
      ],
    ]);
    assert.equal(result.findings.length, 7);
    assert.equal(result.summary.notBuilt?.map((entry) => [entry.path, entry.tool, entry.status]), [[`${H}/web`, 'helm', 'skipped']]);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('--no-build (or helm.enabled: false): the chart is not rendered and a note says so; its templates are still not linted', async () => {
  for (const options of [{ flags: { noBuild: true } }, { config: { helm: { enabled: false } } }]) {
    const { collected, result } = await lintSources([`${H}/web`], { rules: RULES, env: { PATH: '' }, ...options });
    assert.equal(collected.errors, []);
    assert.equal(collected.notes, ['Helm chart test/fixtures/helm/web not rendered (builds are off); lint its output with: helm template test/fixtures/helm/web | kubeguard - --chart test/fixtures/helm/web']);
    assert.equal(collected.files, []);
    assert.equal(result.findings, []);
  }
});

test('chart sources without Chart.yaml (cert-manager generates it at release): templates and values are not linted as YAML, a note says why', async () => {
  const cwd = join(ROOT, CORPUS, 'helm-rendered');
  const chart = 'cert-manager/chart/cert-manager';
  const note = `${chart} holds Helm templates but no Chart.yaml, so it cannot be rendered: its templates and values are not linted as YAML. Lint its rendered output instead: helm template <release> <chart> | kubeguard - --chart ${chart}`;
  const { collected, result } = await lintSources(['cert-manager'], { cwd, rules: { ...RULES, 'no-latest-tag': 'error' }, env: { PATH: '' } });
  assert.equal(collected.errors, []);
  assert.equal(collected.notes, [note]);
  assert.equal(
    collected.files.map((file) => file.file),
    ['cert-manager/cert-manager.yaml'],
  );
  assert.equal(only(result.findings, 'parse-error'), []);
  // A template or the values named on the command line: the same note, nothing parsed.
  const named = await lintSources([`${chart}/templates/deployment.yaml`, `${chart}/values.yaml`], { cwd, rules: RULES, env: { PATH: '' } });
  assert.equal([named.collected.notes, named.collected.files, named.result.findings], [[note], [], []]);
});

function only<T extends { ruleId: string }>(findings: readonly T[], ruleId: string): T[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

test.run();
