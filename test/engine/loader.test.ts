// Every input shape maps findings to the right line and column; bad input becomes a positioned parse-error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { parseManifest } from '../../src/sources/yaml-loader';
import { yaml } from '../helpers';

type Row = [string, number, number, number, number];

function lint(text: string, file = 'test.yaml', rules: Record<string, unknown> = { 'no-privileged': 'error' }): Row[] {
  return lintText([{ file, text }], { rules }).findings.map((finding) => [finding.ruleId, finding.line, finding.column, finding.endLine, finding.endColumn]);
}

const privilegedPod = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: p
  spec:
    containers:
      - name: a
        image: nginx:1.27
        securityContext:
          privileged: true
`;

test('block style: the key of the offending value, start and end', () => {
  assert.equal(lint(privilegedPod), [['no-privileged', 10, 9, 10, 19]]);
});

test('flow style', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n';
  assert.equal(lint(text), [['no-privileged', 5, 44, 5, 54]]);
});

test('JSON file: the quoted key', () => {
  const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"containers": [{"name": "a",\n   "securityContext": {"privileged": true}}]}}\n';
  assert.equal(lint(text, 'pod.json'), [['no-privileged', 3, 24, 3, 36]]);
});

test('BOM and CRLF do not shift positions', () => {
  const text = '\ufeff' + privilegedPod.replace(/\n/g, '\r\n');
  assert.equal(lint(text), [['no-privileged', 10, 9, 10, 19]]);
});

test('YAML 1.1 booleans: yes, on and True are true, as the API server reads them', () => {
  for (const value of ['yes', 'on', 'True', 'Y']) {
    assert.equal(lint(privilegedPod.replace('privileged: true', `privileged: ${value}`)).length, 1, value);
  }
  assert.equal(lint(privilegedPod.replace('privileged: true', 'privileged: "yes"')), [], 'a quoted "yes" is a string');
  assert.equal(lint(privilegedPod.replace('privileged: true', 'privileged: off')), []);
});

test('List items are reported at their own lines; an alias is reported where it is used', () => {
  const text = yaml`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: a
          securityContext: &shared
            privileged: true
        - name: b
          securityContext: *shared
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
  `;
  assert.equal(lint(text), [
    ['no-privileged', 11, 9, 11, 19],
    ['no-privileged', 13, 7, 13, 22],
  ]);
});

test('merge keys: a merged value is reported at the << entry', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
      - name: a
        securityContext:
          <<: {privileged: true}
          runAsNonRoot: true
  `;
  assert.equal(lint(text), [['no-privileged', 8, 7, 8, 9]]);
});

test('a missing field points at the key of the nearest existing parent', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
      - image: nginx:1.27
        name: web
  `;
  const rows = lint(text, 'test.yaml', { 'no-privilege-escalation': 'error' });
  // The container has no securityContext: the finding sits on the container, at its name.
  assert.equal(rows, [['no-privilege-escalation', 7, 5, 7, 9]]);
});

test('multi-document files keep document positions; empty and comment-only documents are skipped', () => {
  const text = `# header\n---\n---\n# only a comment\n---\n${privilegedPod}---\n`;
  assert.equal(lint(text), [['no-privileged', 15, 9, 15, 19]]);
});

test('files that are not Kubernetes objects are skipped without a finding', () => {
  const inputs = [
    'name: chart\nversion: 1.0.0\n', // Chart.yaml
    'replicaCount: 2\nimage:\n  tag: latest\n', // values.yaml
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
    'on: push\njobs: {}\n', // a CI workflow
    '- op: add\n  path: /spec/x\n  value: 1\n', // a JSON6902 patch
    '"just a string"\n',
  ];
  for (const text of inputs) assert.equal(lintText([{ file: 'x.yaml', text }], { preset: 'strict' }).findings, [], text);
});

test('invalid YAML gives parse-error at its line and column, and other files are still linted', () => {
  const result = lintText(
    [
      { file: 'bad.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n   bad: indentation\n' },
      { file: 'good.yaml', text: privilegedPod },
    ],
    { rules: { 'no-privileged': 'error' } },
  );
  const rows = result.findings.map((finding) => [finding.file, finding.ruleId, finding.line]);
  assert.equal(rows[0][0], 'bad.yaml');
  assert.equal(rows[0][1], 'parse-error');
  assert.equal(rows[0][2], 4);
  assert.equal(rows[rows.length - 1], ['good.yaml', 'no-privileged', 10]);
});

test('duplicate keys are a parse-error, as the API server rejects them', () => {
  assert.equal(lint('apiVersion: v1\nkind: Pod\nkind: Pod\n').map((row) => row.slice(0, 3)), [['parse-error', 3, 1]]);
});

test('an alias bomb is a parse-error naming the document, not a hang', () => {
  const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
    bomb.push(`${name}: &${name} [*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous}]`);
  }
  const findings = lintText([{ file: 'bomb.yaml', text: bomb.join('\n') + '\n' }], { rules: { 'no-privileged': 'error' } }).findings;
  assert.equal(findings.length, 1);
  assert.equal(findings[0].ruleId, 'parse-error');
  assert.match(findings[0].message, /alias/i);
  assert.equal(findings[0].line, 1);
});

test('template braces that YAML reads as a flow mapping key do not crash', () => {
  const text = 'apiVersion: v1\nkind: ReplicationController\nspec:\n  replicas: {{replicas}}\n';
  const parsed = parseManifest('t.yaml', text);
  assert.ok(parsed.problems.length + parsed.documents.length >= 1);
});

test('a template that fails as YAML: the parse-error says to lint the rendered output, naming templating in general', () => {
  const template = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "labels" . | nindent 4 }}\n';
  const [problem] = lintText([{ file: 'pod.yaml', text: template }], { rules: {} }).findings;
  assert.equal([problem.ruleId, problem.line], ['parse-error', 6]);
  assert.match(problem.message, /\(the file holds template actions such as \{\{ \.\.\. \}\}: if it is a template \(Helm, Go templates, another tool's parameters\), lint what it renders to, e\.g\. helm template <chart> \| kubeguard -\)$/);
  // Argo's {{inputs.parameters.x}} is a template action too, not a Helm one: the hint does not say it is Helm's.
  const argo = 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  arguments: {{inputs.parameters.x}}\n  x: [\n';
  const [argoProblem] = lintText([{ file: 'wf.yaml', text: argo }], { rules: {} }).findings;
  assert.equal(argoProblem.ruleId, 'parse-error');
  assert.match(argoProblem.message, /template actions such as \{\{ \.\.\. \}\}/);
  assert.not.match(argoProblem.message, /Go template actions|\.Values/);
  // Plain invalid YAML gets no such hint.
  const [plain] = lintText([{ file: 'bad.yaml', text: 'a: [\n' }], { rules: {} }).findings;
  assert.not.match(plain.message, /template/);
});

test('the object identity and path are in each finding', () => {
  const [finding] = lintText([{ file: 'p.yaml', text: privilegedPod.replace('name: p', 'name: p\n  namespace: prod') }], { rules: { 'no-privileged': 'error' } }).findings;
  assert.equal(finding.object, { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'prod' });
  assert.equal(finding.path, 'spec.containers[0].securityContext.privileged');
});

test('excluded namespaces are not linted; the default list follows Azure Policy', () => {
  const inKubeSystem = privilegedPod.replace('name: p', 'name: p\n  namespace: kube-system');
  assert.equal(lintText([{ file: 'p.yaml', text: inKubeSystem }], { rules: { 'no-privileged': 'error' } }).findings, []);
  const custom = lintText([{ file: 'p.yaml', text: inKubeSystem }], { rules: { 'no-privileged': 'error' }, excludedNamespaces: [] }).findings;
  assert.equal(custom.length, 1);
});

test('findings are sorted by file, line and column', () => {
  const result = lintText(
    [
      { file: 'b.yaml', text: privilegedPod },
      { file: 'a.yaml', text: privilegedPod + '---\n' + privilegedPod },
    ],
    { rules: { 'no-privileged': 'error' } },
  );
  assert.equal(result.findings.map((finding) => `${finding.file}:${finding.line}`), ['a.yaml:10', 'a.yaml:21', 'b.yaml:10']);
  assert.equal(result.summary.files, 2);
  assert.equal(result.summary.objects, 3);
  assert.equal(result.summary.errors, 3);
});

test('an OLM ClusterServiceVersion: its install Deployments are linted as Deployments, at their lines inside the CSV', () => {
  const csv = (namespace: string, version: string) => yaml`
    apiVersion: operators.coreos.com/v1alpha1
    kind: ClusterServiceVersion
    metadata: {name: op.${version}, namespace: ${namespace}}
    spec:
      install:
        strategy: deployment
        spec:
          deployments:
            - name: op-controller
              spec:
                selector: {matchLabels: {app: op}}
                template:
                  metadata: {labels: {app: op}}
                  spec:
                    containers:
                      - name: manager
                        image: example/op:1.0
                        securityContext: {privileged: true}
  `;
  const result = lintText([{ file: 'v1/csv.yaml', text: csv('default', 'v1') }, { file: 'v2/csv.yaml', text: csv('default', 'v2') }], {
    rules: { 'no-privileged': 'error', 'duplicate-object': 'error', 'no-default-namespace': 'info' },
  });
  const rows = result.findings.map((finding) => [finding.file, finding.ruleId, finding.line, finding.column, finding.path]);
  // Two versions of a bundle install the same Deployment: no duplicate; the namespace is reported on the CSV only.
  assert.equal(rows, [
    ['v1/csv.yaml', 'no-default-namespace', 3, 25, 'metadata.namespace'],
    ['v1/csv.yaml', 'no-privileged', 18, 39, 'spec.install.spec.deployments[0].spec.template.spec.containers[0].securityContext.privileged'],
    ['v2/csv.yaml', 'no-default-namespace', 3, 25, 'metadata.namespace'],
    ['v2/csv.yaml', 'no-privileged', 18, 39, 'spec.install.spec.deployments[0].spec.template.spec.containers[0].securityContext.privileged'],
  ]);
  assert.equal(result.findings[1].object, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'op-controller', namespace: 'default' });
  // A look-alike kind outside operators.coreos.com is not unpacked.
  assert.equal(lint(csv('ops', 'v1').replace('operators.coreos.com', 'example.com')), []);
});

test.run();
