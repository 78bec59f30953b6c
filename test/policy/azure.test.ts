// Azure Policy assignments as input (RULES.md "Admission policy as input"): assignments shaped as
// `az policy assignment show` prints them (test/fixtures/azure-policy/), resolved against the built-in definitions
// and initiatives, set the mirrored rules' severity, scope and options.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintParsed, ruleMap } from '../../src/api';
import { loadConfig } from '../../src/config/load';
import { ConfigError } from '../../src/config/validate';
import { azurePolicyNotes, mirrorAssignments } from '../../src/policy/azure/apply';
import { parseAssignments } from '../../src/policy/azure/assignment';
import { evaluateExpression } from '../../src/policy/azure/resolve';
import { DEFAULT_LIMITS, parseManifest } from '../../src/sources/yaml-loader';
import { yaml } from '../helpers';

const FIXTURES = resolve(__dirname, '..', 'fixtures', 'azure-policy');

async function lintWithAssignment(assignment: string, text: string, configFile = 'only-policy.yaml') {
  const config = await loadConfig(ruleMap, { cwd: FIXTURES, configFile, azurePolicy: assignment });
  const parsed = parseManifest('test.yaml', text, DEFAULT_LIMITS);
  const findings = lintParsed([parsed], config, FIXTURES).findings;
  return { rows: findings.map((finding) => [finding.ruleId, finding.severity, finding.line, finding.column]), findings, summary: config.azurePolicySummary!, config };
}

const deployment = (namespace: string, image: string, securityContext = '{allowPrivilegeEscalation: false}') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: shop
    namespace: ${namespace}
  spec:
    replicas: 2
    selector: {matchLabels: {app: shop}}
    template:
      metadata: {labels: {app: shop}}
      spec:
        containers:
          - name: shop
            image: ${image}
            securityContext: ${securityContext}
            resources:
              requests: {cpu: 100m, memory: 128Mi}
              limits: {cpu: "1", memory: 2Gi}
`;

test('a custom allowedContainerImagesRegex: images outside it are errors (effect "deny"), at the image', async () => {
  const { rows, findings, summary } = await lintWithAssignment('allowed-images.json', deployment('prod', 'docker.io/library/nginx:1.27'));
  assert.equal(rows, [['allowed-registries', 'error', 14, 11]]);
  assert.match(findings[0].message, /"docker\.io\/library\/nginx:1\.27", which does not match the allowed images pattern \^shopacr\\\.azurecr\\\.io\/\.\+\$/);
  assert.equal(summary.rules, [{ ruleId: 'allowed-registries', severity: 'error', definitions: ['febd0533-8e55-448f-b837-bd0e06f16469'] }]);
  assert.equal(summary.notMirrored, []);
  assert.equal((await lintWithAssignment('allowed-images.json', deployment('prod', 'shopacr.azurecr.io/shop:1.0'))).rows, []);
  // A look-alike host does not pass an anchored pattern.
  assert.equal((await lintWithAssignment('allowed-images.json', deployment('prod', 'shopacr.azurecr.io.example.com/shop:1.0'))).rows, [['allowed-registries', 'error', 14, 11]]);
});

test('excludedNamespaces of the assignment: its namespaces are left out, the default ones it drops are checked', async () => {
  assert.equal((await lintWithAssignment('allowed-images.json', deployment('legacy', 'nginx:1.27'))).rows, []);
  // The assignment's list replaces the default one: azure-extensions-usage-system is no longer excluded.
  assert.equal((await lintWithAssignment('allowed-images.json', deployment('azure-extensions-usage-system', 'nginx:1.27'))).rows, [['allowed-registries', 'error', 14, 11]]);
  assert.equal((await lintWithAssignment('allowed-images.json', deployment('kube-system', 'nginx:1.27'))).rows, []);
});

test('allowedCapabilities, cpuLimit/memoryLimit and an effect of Disabled, from a list of assignments', async () => {
  const text = deployment('prod', 'shopacr.azurecr.io/shop:1.0', '{allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [NET_ADMIN, SYS_TIME]}}');
  // probes-on.yaml switches probes on; the assignment's Disabled effect turns it off.
  const { rows, findings, summary, config } = await lintWithAssignment('capabilities-and-limits.json', text, 'probes-on.yaml');
  assert.equal(rows, [
    ['capabilities-baseline', 'error', 15, 107],
    ['drop-all-capabilities', 'error', 15, 107],
    ['resources-limits', 'warning', 18, 22],
    ['resources-limits', 'warning', 18, 32],
  ]);
  assert.match(findings[0].message, /adds capability "SYS_TIME"; the allowed capabilities are NET_BIND_SERVICE, NET_ADMIN/);
  assert.match(findings[2].message, /sets CPU limit 1, above the maximum of 500m/);
  assert.match(findings[3].message, /sets memory limit 2Gi, above the maximum of 1Gi/);
  assert.equal(config.rules.get('probes')?.severity, 'off');
  assert.equal(
    summary.rules.map((rule) => [rule.ruleId, rule.severity]),
    [
      ['capabilities-baseline', 'error'],
      ['drop-all-capabilities', 'error'],
      ['probes', 'off'],
      ['resources-limits', 'warning'],
    ],
  );
  assert.equal(summary.assignments.map((assignment) => assignment.name), ['allowed-capabilities', 'container-limits', 'probes-off']);
});

test('an initiative (AKS Deployment Safeguards) with parameter overrides', async () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: shop, namespace: prod}
    spec:
      replicas: 1
      selector: {matchLabels: {app: shop}}
      template:
        metadata: {labels: {app: shop}}
        spec:
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
            - name: shop
              image: docker.io/library/nginx:latest
              securityContext: {allowPrivilegeEscalation: false, privileged: true}
              resources: {requests: {cpu: 100m, memory: 128Mi}}
              livenessProbe: {httpGet: {path: /, port: 80}}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: job, namespace: batch}
    spec:
      containers:
        - name: job
          image: docker.io/library/busybox:latest
          securityContext: {privileged: true}
  `;
  const { rows, findings, summary } = await lintWithAssignment('safeguards.json', text);
  assert.equal(rows, [
    ['probes', 'error', 12, 11],
    ['allowed-registries', 'error', 13, 11],
    ['no-latest-tag', 'error', 13, 11],
    ['no-privileged', 'error', 14, 62],
  ]);
  // requiredProbes [readinessProbe]: the missing readinessProbe only; the liveness probe is not required.
  assert.match(findings[0].message, /has no readinessProbe/);
  assert.match(findings[1].message, /does not match the allowed images pattern \^\(shopacr/);
  // Everything in the batch namespace (excludedNamespaces override) is left out.
  assert.ok(findings.every((finding) => finding.line < 18));
  const rule = (id: string) => summary.rules.find((entry) => entry.ruleId === id);
  assert.equal(rule('no-privileged'), { ruleId: 'no-privileged', severity: 'error', definitions: ['95edb821-ddaf-4404-9732-666045e056b4'] });
  assert.equal(rule('seccomp-profile')?.severity, 'error');
  // Definitions no rule mirrors are named, with the reason.
  assert.ok(summary.notMirrored.some((entry) => entry.id === '53a4a537-990c-495a-92e0-7c21a465442c' && entry.displayName === 'Cannot Edit Individual Nodes' && entry.reason === 'no kubeguard rule mirrors it'));
  // The mutation definitions are disabled by effectForMutationPolicies: nothing to name.
  assert.not.ok(summary.notMirrored.some((entry) => entry.id === 'e16d171b-bfe5-4d79-a525-19736b396e92'));
});

test('enforcementMode DoNotEnforce ("audit only"): Deny findings become warnings', async () => {
  const text = deployment('prod', 'shopacr.azurecr.io/shop:1.0', '{allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}, capabilities: {add: [NET_ADMIN, SYS_TIME]}}');
  const { rows, summary } = await lintWithAssignment('restricted-audit-only.json', text);
  // The restricted initiative with allowedCapabilities [NET_BIND_SERVICE, SYS_TIME]: NET_ADMIN only, as a warning.
  assert.equal(rows, [['capabilities-baseline', 'warning', 15, 143]]);
  assert.equal(summary.assignments[0].enforcementMode, 'DoNotEnforce');
  assert.ok(summary.rules.every((entry) => entry.severity === 'warning'));
});

test('definitions kubeguard does not mirror are named; a mirrored one in the same file still applies', async () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p, namespace: prod}
    spec:
      initContainers:
        - name: istio-init
          image: istio/proxyv2:1.22
          securityContext: {privileged: true}
      containers:
        - name: app
          image: app:1.0
          securityContext: {privileged: true}
  `;
  const { rows, summary } = await lintWithAssignment('not-mirrored.json', text);
  // excludedContainers leaves istio-init out.
  assert.equal(rows, [['no-privileged', 'error', 12, 25]]);
  assert.equal(summary.notMirrored, [
    { id: '040732e8-d947-40b8-95d6-854c95024bf8', displayName: 'Azure Kubernetes Service Private Clusters should be enabled', reason: 'it judges the cluster\'s Azure resource, not manifests' },
    { id: 'require-team-label', displayName: 'Team labels (custom)', reason: 'a custom definition or initiative (kubeguard has no evaluator for custom policy)' },
  ]);
  const notes = azurePolicyNotes(summary);
  assert.equal(notes.length, 1);
  assert.match(notes[0], /^Azure Policy \(not-mirrored\.json\): not mirrored: "Azure Kubernetes Service Private Clusters should be enabled" \(040732e8-.*\); "Team labels \(custom\)"/);
});

test('the assignment\'s overrides: a policyEffect for the members named; what is not evaluated is noted', () => {
  const assignments = parseAssignments(
    'overrides.json',
    JSON.stringify({
      name: 'safeguards',
      policyDefinitionId: '/providers/Microsoft.Authorization/policySetDefinitions/c047ea8e-9c78-49b2-958b-37e56d291a44',
      parameters: { effect: { value: 'Deny' }, allowedContainerImagesRegex: { value: '^shopacr\\.azurecr\\.io/.+$' } },
      overrides: [
        { kind: 'policyEffect', value: 'Audit', selectors: [{ kind: 'policyDefinitionReferenceId', in: ['ensureProbesConfiguredInKubernetesCluster', 'imagesDoNotUseLatest'] }] },
        { kind: 'policyEffect', value: 'Disabled', selectors: [{ kind: 'policyDefinitionReferenceId', in: ['containerResourceRequests'] }] },
      ],
      resourceSelectors: [{ name: 'west-europe', selectors: [{ kind: 'resourceLocation', in: ['westeurope'] }] }],
      enforcementMode: 'Default',
    }),
  );
  const { summary, settings } = mirrorAssignments(assignments, ruleMap, 'overrides.json');
  assert.equal(
    ['probes', 'no-latest-tag', 'resources-requests', 'allowed-registries'].map((id) => [id, settings.get(id)?.severity]),
    [
      ['probes', 'warning'],
      ['no-latest-tag', 'warning'],
      ['resources-requests', 'off'],
      ['allowed-registries', 'error'],
    ],
  );
  assert.ok(summary.notes.includes('assignment safeguards: not evaluated: resourceSelectors (the assignment is taken to apply).'));
});

test('where the assignment allows what a rule forbids, the rule is left as configured and a note says why', () => {
  const assign = (id: string, parameters: Record<string, unknown>) => ({
    name: id.slice(0, 8),
    policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${id}`,
    parameters: Object.fromEntries(Object.entries({ effect: 'Deny', ...parameters }).map(([name, value]) => [name, { value }])),
  });
  const assignments = parseAssignments(
    'several.json',
    JSON.stringify([
      assign('50c83470-d2f0-4dda-a716-1938a4825f62', {}),
      assign('d2e7ea85-6b44-4317-a0be-1b951587f626', {}),
      assign('d46c275d-1680-448d-b2ec-e495a3b6cc89', { allowedExternalIPs: ['10.0.0.10'] }),
      assign('82985f06-dc18-4a48-bc1c-b9f4f0098cfe', { allowedHostPorts: [{ min: 80, max: 80 }] }),
      assign('098fc59e-46c7-4d99-9b16-64990e543d75', { allowedHostPaths: { paths: [{ pathPrefix: '/var/log', readOnly: true }] } }),
      assign('f06ddb64-5fa3-4b77-b166-acb36f7f6042', { runAsUserRule: 'MustRunAsNonRoot' }),
    ]),
  );
  const { summary, settings } = mirrorAssignments(assignments, ruleMap, 'several.json', (id) => id !== 'run-as-high-uid');
  assert.equal([...settings.keys()].sort(), ['no-host-network', 'no-host-path', 'run-as-non-root']);
  assert.equal(settings.get('run-as-non-root')?.options.acceptNonZeroUser, true);
  // The allowed host paths go to no-host-path; the rules with fixed paths of their own are left alone.
  const { level, allowedPaths, readOnlyPaths } = settings.get('no-host-path')!.options;
  assert.equal({ level, allowedPaths, readOnlyPaths }, { level: 'baseline', allowedPaths: [], readOnlyPaths: ['/var/log'] });
  const left = summary.notes.filter((note) => note.includes('left as configured')).map((note) => note.split(' ')[0]);
  assert.equal(left, ['image-pull-policy', 'no-dangerous-capabilities', 'service-external-ips', 'no-host-ports', 'docker-sock-mount', 'sensitive-host-mounts']);
  assert.ok(summary.notes.some((note) => note.startsWith('no-host-ports left as configured') && note.includes('allowedHostPorts allows [{"min":80,"max":80}]')));
});

test('namespaces and labelSelector of an initiative (CIS benchmark) scope the mirrored rules', async () => {
  const assignments = parseAssignments(
    'cis.json',
    JSON.stringify({
      name: 'cis',
      policyDefinitionId: '/providers/Microsoft.Authorization/policySetDefinitions/4fd005fd-51be-478f-a8fb-149d48b20d48',
      parameters: { effect: { value: 'Deny' }, namespaces: { value: ['prod'] }, labelSelector: { value: { matchLabels: { tier: 'web' } } } },
    }),
  );
  const { settings } = mirrorAssignments(assignments, ruleMap, 'cis.json');
  const config = await loadConfig(ruleMap, { cwd: FIXTURES, configFile: 'only-policy.yaml' });
  for (const [id, setting] of settings) config.rules.set(id, setting);
  const pod = (name: string, namespace: string, tier: string) => yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: ${name}, namespace: ${namespace}, labels: {tier: ${tier}}}
    spec:
      containers:
        - name: app
          image: app:1.0
          securityContext: {privileged: true, allowPrivilegeEscalation: false}
  `;
  const text = [pod('a', 'prod', 'web'), pod('b', 'dev', 'web'), pod('c', 'prod', 'db')].join('---\n');
  const findings = lintParsed([parseManifest('test.yaml', text, DEFAULT_LIMITS)], config, FIXTURES).findings;
  assert.equal(
    findings.map((finding) => [finding.ruleId, finding.severity, finding.line, finding.column]),
    [['no-privileged', 'error', 8, 25]],
  );
});

test('az policy assignment list output with assignments outside Kubernetes: each is named once, with why', () => {
  const assignments = parseAssignments(
    'list.json',
    JSON.stringify([
      { name: 'allowed-locations', displayName: 'Allowed locations', policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c', parameters: {} },
      { name: 'legacy', policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469', parameters: { effect: { value: 'EnforceRegoPolicy' }, allowedContainerImagesRegex: { value: '.*' } } },
    ]),
  );
  const { summary, settings } = mirrorAssignments(assignments, ruleMap, 'list.json');
  assert.equal(settings.size, 0);
  assert.equal(
    summary.notMirrored.map((entry) => [entry.displayName, entry.reason]),
    [
      ['Allowed locations', 'a built-in outside the Kubernetes category'],
      ['Kubernetes cluster containers should only use allowed images', 'its effect "EnforceRegoPolicy" is not Deny, Audit or Disabled'],
    ],
  );
});

test('a file that is not an exported assignment is a config error naming the file and line', () => {
  const error = (text: string) => {
    try {
      parseAssignments('assignment.json', text);
    } catch (caught) {
      assert.instance(caught, ConfigError);
      return (caught as Error).message;
    }
    throw new Error('no error');
  };
  assert.match(error('{\n  "name": "x",\n  "parameters": {,}\n}'), /^assignment\.json: not valid JSON at line 3, column 18 .*az policy assignment show --name <name> --scope <scope>/);
  assert.match(error('{"name": "x"}'), /^assignment\.json at "policyDefinitionId": missing/);
  assert.match(error('[{"policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/x", "parameters": {"effect": "Deny"}}]'), /at "\[0\]\.parameters\.effect": expected \{ value: \.\.\. \}/);
  assert.match(error('[]'), /empty list/);
  // The REST shape (members under "properties") is read too.
  const [assignment] = parseAssignments('a.json', JSON.stringify({ name: 'n', properties: { policyDefinitionId: '/p', parameters: { effect: { value: 'Audit' } }, enforcementMode: 'DoNotEnforce' } }));
  assert.equal(assignment, { name: 'n', displayName: undefined, policyDefinitionId: '/p', parameters: { effect: 'Audit' }, enforcementMode: 'DoNotEnforce' });
});

test('initiative parameter expressions', () => {
  const parameters = { effect: 'Disabled', paths: { paths: ['/a'] }, name: "it's" };
  assert.equal(evaluateExpression("[parameters('effect')]", parameters), 'Disabled');
  assert.equal(evaluateExpression("[parameters('paths').paths]", parameters), ['/a']);
  assert.equal(evaluateExpression("[if(equals(parameters('effect'), 'Disabled'), 'Disabled', 'DeployIfNotExists')]", parameters), 'Disabled');
  assert.equal(evaluateExpression("[if(equals(parameters('effect'), 'Audit'), 'Disabled', 'DeployIfNotExists')]", parameters), 'DeployIfNotExists');
  assert.equal(evaluateExpression('[[literal]', parameters), '[literal]');
  assert.equal(evaluateExpression(['configMap'], parameters), ['configMap']);
  assert.throws(() => evaluateExpression("[concat(parameters('effect'), 'x')]", parameters), /concat/);
});

test('the generated definitions are in step with the Azure Policy corpus', () => {
  const corpus = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'azure-policy', 'built-in-policies');
  if (!existsSync(corpus)) return; // a clone without ../shared: nothing to compare with
  const { generate, OUTPUT } = require('../../scripts/generate-azure-policy.js') as { generate(corpus: string): string; OUTPUT: string };
  assert.ok(readFileSync(OUTPUT, 'utf8') === generate(corpus), 'src/policy/azure/built-in-definitions.json is out of date: run node scripts/generate-azure-policy.js');
  const data = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'policy', 'azure', 'built-in-definitions.json'), 'utf8'));
  // Every Azure Policy id a rule names is either a mirrored definition or a known other one.
  for (const rule of ruleMap.values()) {
    for (const reference of rule.meta.references) {
      if (reference.source === 'Azure Policy' && reference.id && !(reference.id in data.definitions) && !(reference.id in data.otherDefinitions)) {
        assert.unreachable(`${rule.meta.id} names Azure Policy ${reference.id}, which is not a built-in Kubernetes definition`);
      }
    }
  }
});

test('examples/policy: the exported assignment and the workload it denies, as the "expect:" comments say', async () => {
  const root = resolve(__dirname, '..', '..');
  const text = readFileSync(join(root, 'examples', 'policy', 'azure-workload.yaml'), 'utf8');
  const expected = text.split('\n').flatMap((line, index) => {
    const match = /# expect: (.+)$/.exec(line);
    return match ? match[1].split(',').map((id) => `${index + 1} ${id.trim()}`) : [];
  });
  const config = await loadConfig(ruleMap, { cwd: root, configFile: join(FIXTURES, 'only-policy.yaml'), azurePolicy: 'examples/policy/azure-assignment.json' });
  const findings = lintParsed([parseManifest('examples/policy/azure-workload.yaml', text, DEFAULT_LIMITS)], config, root).findings;
  assert.equal([...new Set(findings.map((finding) => `${finding.line} ${finding.ruleId}`))], expected);
  assert.ok(findings.every((finding) => finding.severity === 'error'));
});

test('the Safeguards initiative\'s own lists (allowedSysctls, reservedTaints, labels) replace the preset lists for their rules', async () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: tuned
      namespace: prod
      labels: {shop.example.com/tier: web}
    spec:
      securityContext:
        sysctls:
          - {name: net.ipv4.tcp_syncookies, value: "1"}
          - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
      tolerations:
        - {key: dedicated, operator: Exists, effect: NoSchedule}
      containers:
        - name: app
          image: shopacr.azurecr.io/app:1.0
  `;
  const { rows, summary } = await lintWithAssignment('safeguards-own-lists.json', text);
  const own = rows.filter(([ruleId]) => ['allowed-sysctls', 'no-system-pool-toleration', 'no-aks-specific-labels'].includes(ruleId as string));
  // ip_local_port_range is in the initiative's default list but not in this assignment's; "dedicated" and the
  // shop.example.com prefix are the assignment's own additions.
  assert.equal(own, [
    ['no-aks-specific-labels', 'error', 6, 12],
    ['allowed-sysctls', 'error', 11, 10],
    ['no-system-pool-toleration', 'error', 13, 8],
  ]);
  assert.equal(summary.notes.filter((note) => /allowedSysctls|reservedTaints|labels/.test(note)), []);
});

test.run();
