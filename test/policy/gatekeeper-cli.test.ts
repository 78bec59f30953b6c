// Gatekeeper constraints from the command line and the config: --constraints, `constraints:`, the JSON result's
// constraint member and summary, the note on unsupported constraints, errors, overrides, worker threads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir, yaml } from '../helpers';

const CONSTRAINTS = yaml`
  apiVersion: constraints.gatekeeper.sh/v1beta1
  kind: K8sPSPCapabilities
  metadata:
    name: capabilities-restricted
  spec:
    enforcementAction: warn
    match:
      kinds:
        - apiGroups: [""]
          kinds: ["Pod"]
    parameters:
      allowedCapabilities: ["NET_BIND_SERVICE"]
  ---
  apiVersion: constraints.gatekeeper.sh/v1beta1
  kind: K8sTeamCustomRule
  metadata:
    name: team-rule
  spec: {}
  ---
  apiVersion: templates.gatekeeper.sh/v1
  kind: ConstraintTemplate
  metadata:
    name: k8steamcustomrule
  spec:
    crd:
      spec:
        names:
          kind: K8sTeamCustomRule
`;

const POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    namespace: prod
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          capabilities:
            add: ["SYS_ADMIN"]
`;

const ONLY_CONSTRAINTS = ['--rule', 'no-dangerous-capabilities=off', '--rule', 'capabilities-baseline=off', '--rule', 'drop-all-capabilities=off'];

function constraintResults(stdout: string) {
  const result = JSON.parse(stdout);
  return { results: result.results.filter((entry: { ruleId: string }) => entry.ruleId.includes('/')), summary: result.summary };
}

test('--constraints GLOB: findings with the constraint member, the summary, one note naming what is not evaluated', () => {
  const dir = tempDir({ 'policy/constraints.yaml': CONSTRAINTS, 'deploy/pod.yaml': POD });
  const run = runCli(['--constraints', 'policy/*.yaml', '--format', 'json', 'deploy'], { cwd: dir });
  const { results, summary } = constraintResults(run.stdout);
  assert.equal(results, [
    {
      file: 'deploy/pod.yaml',
      line: 12,
      column: 17,
      endLine: 12,
      endColumn: 28,
      ruleId: 'K8sPSPCapabilities/capabilities-restricted',
      severity: 'warning',
      message: 'Container "web" adds capability SYS_ADMIN; K8sPSPCapabilities/capabilities-restricted allows only NET_BIND_SERVICE.',
      object: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'prod' },
      path: 'spec.containers[0].securityContext.capabilities.add[0]',
      constraint: { kind: 'K8sPSPCapabilities', name: 'capabilities-restricted', enforcementAction: 'warn' },
    },
  ]);
  assert.equal(summary.constraints, { evaluated: ['K8sPSPCapabilities/capabilities-restricted'], unsupported: ['K8sTeamCustomRule/team-rule', 'ConstraintTemplate/k8steamcustomrule'] });
  const notes = run.stderr.split('\n').filter((line) => line.includes('not evaluated'));
  assert.equal(notes, [
    'kubeguard: Gatekeeper constraints not evaluated: K8sTeamCustomRule/team-rule (policy/constraints.yaml: custom Rego, a kind outside the Gatekeeper library), ConstraintTemplate/k8steamcustomrule (policy/constraints.yaml: custom Rego, a kind outside the Gatekeeper library)',
  ]);
});

test('config `constraints` relative to the config file, severities and overrides by constraint id', () => {
  const dir = tempDir({
    'policy/gatekeeper/constraints.yaml': CONSTRAINTS,
    'apps/web/pod.yaml': POD,
    'apps/legacy/pod.yaml': POD,
    '.kubeguardrc.yaml': yaml`
      constraints: ["policy/gatekeeper"]
      rules:
        K8sPSPCapabilities/capabilities-restricted: error
      overrides:
        - files: ["apps/legacy/**"]
          rules:
            K8sPSPCapabilities/capabilities-restricted: off
    `,
  });
  // From a subdirectory: the config is found above it, and its constraints path is relative to the config file.
  const run = runCli(['--format', 'json', ...ONLY_CONSTRAINTS, '.'], { cwd: `${dir}/apps` });
  assert.equal(
    constraintResults(run.stdout).results.map((entry: { file: string; severity: string; line: number; column: number }) => [entry.file, entry.severity, entry.line, entry.column]),
    [['web/pod.yaml', 'error', 12, 17]],
  );
  const fromRoot = runCli(['--format', 'json', ...ONLY_CONSTRAINTS, 'apps'], { cwd: dir });
  assert.equal(
    constraintResults(fromRoot.stdout).results.map((entry: { file: string; severity: string; line: number; column: number }) => [entry.file, entry.severity, entry.line, entry.column]),
    [['apps/web/pod.yaml', 'error', 12, 17]],
  );
  assert.is(fromRoot.code, 1);
});

test('errors: a glob that matches nothing, a broken constraint file, an unknown constraint id, a misspelt key', () => {
  const dir = tempDir({ 'pod.yaml': POD, 'broken.yaml': 'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: [\n', 'policy.yaml': CONSTRAINTS });
  const none = runCli(['--constraints', 'policies/*.yaml', 'pod.yaml'], { cwd: dir });
  assert.is(none.code, 2);
  assert.match(none.stderr, /constraints: "policies\/\*\.yaml" matches no file/);
  const broken = runCli(['--constraints', 'broken.yaml', 'pod.yaml'], { cwd: dir });
  assert.is(broken.code, 2);
  assert.match(broken.stderr, /constraints: broken\.yaml:\d+:\d+: /);
  const unknown = runCli(['--constraints', 'policy.yaml', '--rule', 'K8sPSPCapabilities/capabilities-restrict=off', 'pod.yaml'], { cwd: dir });
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /command line at "--rule K8sPSPCapabilities\/capabilities-restrict": no loaded Gatekeeper constraint is "K8sPSPCapabilities\/capabilities-restrict"; did you mean "K8sPSPCapabilities\/capabilities-restricted"\?/);
  const withoutConstraints = tempDir({ 'pod.yaml': POD, '.kubeguardrc.yaml': 'rules:\n  K8sPSPCapabilities/capabilities-restricted: warning\n' });
  const orphan = runCli(['pod.yaml'], { cwd: withoutConstraints });
  assert.is(orphan.code, 2);
  assert.match(orphan.stderr, /\.kubeguardrc\.yaml at "rules\.K8sPSPCapabilities\/capabilities-restricted": no loaded Gatekeeper constraint is "K8sPSPCapabilities\/capabilities-restricted"/);
  const typo = tempDir({ 'pod.yaml': POD, '.kubeguardrc.yaml': 'constraint: ["policy.yaml"]\n' });
  const misspelt = runCli(['pod.yaml'], { cwd: typo });
  assert.is(misspelt.code, 2);
  assert.match(misspelt.stderr, /at "constraint": unknown setting; did you mean "constraints"\?/);
});

test('worker threads evaluate the constraints too', () => {
  const dir = tempDir({ 'policy.yaml': CONSTRAINTS, 'a/pod.yaml': POD, 'b/pod.yaml': POD.replace('name: web\n  namespace', 'name: api\n  namespace') });
  const run = runCli(['--constraints', 'policy.yaml', '--threads', '2', '--format', 'json', ...ONLY_CONSTRAINTS, 'a', 'b'], { cwd: dir });
  assert.equal(
    constraintResults(run.stdout).results.map((entry: { file: string; ruleId: string; line: number }) => [entry.file, entry.ruleId, entry.line]),
    [
      ['a/pod.yaml', 'K8sPSPCapabilities/capabilities-restricted', 12],
      ['b/pod.yaml', 'K8sPSPCapabilities/capabilities-restricted', 12],
    ],
  );
});

test('github, junit and SARIF describe a constraint finding and link the admission policy docs', () => {
  const dir = tempDir({ 'policy.yaml': CONSTRAINTS, 'pod.yaml': POD });
  const github = runCli(['--constraints', 'policy.yaml', '--format', 'github', ...ONLY_CONSTRAINTS, 'pod.yaml'], { cwd: dir });
  assert.match(github.stdout, /::warning file=pod\.yaml,line=12,col=17,endLine=12,endColumn=28,title=K8sPSPCapabilities\/capabilities-restricted \(kubeguard\)::Container "web" adds capability SYS_ADMIN; .*%0ADocs: https:\/\/github\.com\/kubeguard\/kubeguard\/blob\/main\/docs\/admission-policy\.md#gatekeeper-constraints/);
  const sarif = JSON.parse(runCli(['--constraints', 'policy.yaml', '--format', 'sarif', ...ONLY_CONSTRAINTS, 'pod.yaml'], { cwd: dir }).stdout);
  const rule = sarif.runs[0].tool.driver.rules.find((entry: { id: string }) => entry.id === 'K8sPSPCapabilities/capabilities-restricted');
  assert.is(rule.shortDescription.text, 'Gatekeeper constraint K8sPSPCapabilities/capabilities-restricted (policy.yaml).');
  assert.match(rule.helpUri, /admission-policy\.md#gatekeeper-constraints$/);
});

test('examples/policy: the constraint set finds what the cluster would deny in a manifest that passes recommended', () => {
  const root = require('node:path').resolve(__dirname, '..', '..');
  const plain = runCli(['--format', 'json', 'examples/policy/deploy'], { cwd: root });
  assert.equal(JSON.parse(plain.stdout).results.filter((entry: { severity: string }) => entry.severity !== 'info'), []);
  const run = runCli(['--constraints', 'examples/policy/gatekeeper', '--format', 'json', 'examples/policy/deploy'], { cwd: root });
  assert.is(run.code, 1);
  const { results, summary } = constraintResults(run.stdout);
  assert.equal(
    results.map((entry: { ruleId: string; severity: string; line: number; column: number }) => [entry.ruleId, entry.severity, entry.line, entry.column]),
    [
      ['K8sRequiredLabels/owner-label', 'error', 7, 3],
      ['K8sReplicaLimits/replica-limits', 'info', 10, 3],
      ['K8sAllowedRepos/images-from-team-acr', 'error', 26, 11],
      ['K8sContainerLimits/container-limits', 'warning', 33, 13],
      ['K8sContainerLimits/container-limits', 'warning', 34, 15],
    ],
  );
  assert.equal(summary.constraints.unsupported, ['ContosoCostCenter/cost-center-annotation']);
  assert.match(run.stderr, /Gatekeeper constraints not evaluated: ContosoCostCenter\/cost-center-annotation \(examples\/policy\/gatekeeper\/constraints\.yaml: custom Rego, a kind outside the Gatekeeper library\)/);
});

test.run();
