// Gatekeeper constraints through the real engine: ids, severities from enforcementAction, positions, spec.match,
// workloads judged as the pods they create, suppressions and overrides by constraint id.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { lintText } from '../../src/api';
import type { Finding } from '../../src/engine/types';
import { constraintSetOf } from '../../src/policy/gatekeeper/load';
import { yaml } from '../helpers';

function lint(source: string, constraints: string, options: { others?: Record<string, string>; rules?: Record<string, unknown> } = {}): Finding[] {
  const objects = parseAllDocuments(constraints).map((document) => ({ object: document.toJS(), file: 'constraints.yaml' }));
  const result = lintText([{ file: 'test.yaml', text: source }, ...Object.entries(options.others ?? {}).map(([file, text]) => ({ file, text }))], {
    rules: options.rules ?? {},
    constraints: objects,
  });
  const broken = result.findings.find((finding) => finding.ruleId === 'parse-error');
  if (broken) throw new Error(broken.message);
  return result.findings.filter((finding) => finding.file === 'test.yaml');
}

function constraint(kind: string, name: string, spec: string): string {
  return `apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
}

const CAPABILITIES = constraint(
  'K8sPSPCapabilities',
  'capabilities-restricted',
  yaml`
    match:
      kinds:
        - apiGroups: [""]
          kinds: ["Pod"]
      excludedNamespaces: ["kube-*"]
    parameters:
      allowedCapabilities: ["NET_BIND_SERVICE"]
  `,
);

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
            add: ["NET_BIND_SERVICE", "SYS_ADMIN"]
`;

const DEPLOYMENT = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: prod
  spec:
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              capabilities:
                add: ["SYS_ADMIN"]
`;

function brief(findings: Finding[]): Array<[string, string, number, number]> {
  return findings.map((finding) => [finding.ruleId, finding.severity, finding.line, finding.column]);
}

test('a Pod adding a capability the constraint does not allow: id, severity, position, message, constraint member', () => {
  const findings = lint(POD, CAPABILITIES);
  assert.equal(brief(findings), [['K8sPSPCapabilities/capabilities-restricted', 'error', 12, 37]]);
  assert.is(findings[0].message, 'Container "web" adds capability SYS_ADMIN; K8sPSPCapabilities/capabilities-restricted allows only NET_BIND_SERVICE.');
  assert.equal(findings[0].constraint, { kind: 'K8sPSPCapabilities', name: 'capabilities-restricted', enforcementAction: 'deny' });
  assert.is(findings[0].path, 'spec.containers[0].securityContext.capabilities.add[1]');
});

test('a Deployment is judged as the pods it creates, at the template path', () => {
  const findings = lint(DEPLOYMENT, CAPABILITIES);
  assert.equal(brief(findings), [['K8sPSPCapabilities/capabilities-restricted', 'error', 18, 21]]);
  assert.is(findings[0].path, 'spec.template.spec.containers[0].securityContext.capabilities.add[0]');
});

test('enforcementAction: warn is a warning, dryrun an info, scoped takes the admission enforcement point', () => {
  const withAction = (action: string) => CAPABILITIES.replace('spec:\n', `spec:\n  ${action}\n`);
  assert.equal(brief(lint(POD, withAction('enforcementAction: warn'))), [['K8sPSPCapabilities/capabilities-restricted', 'warning', 12, 37]]);
  assert.equal(brief(lint(POD, withAction('enforcementAction: dryrun'))), [['K8sPSPCapabilities/capabilities-restricted', 'info', 12, 37]]);
  const scoped = withAction(
    'enforcementAction: scoped\n  scopedEnforcementActions:\n    - action: warn\n      enforcementPoints: [{name: "validation.gatekeeper.sh"}]\n    - action: deny\n      enforcementPoints: [{name: "audit.gatekeeper.sh"}]',
  );
  const findings = lint(POD, scoped);
  assert.equal(brief(findings), [['K8sPSPCapabilities/capabilities-restricted', 'warning', 12, 37]]);
  assert.is(findings[0].constraint?.enforcementAction, 'warn');
  const auditOnly = withAction('enforcementAction: scoped\n  scopedEnforcementActions:\n    - action: warn\n      enforcementPoints: [{name: "audit.gatekeeper.sh"}]');
  assert.equal(brief(lint(POD, auditOnly)), [['K8sPSPCapabilities/capabilities-restricted', 'error', 12, 37]]);
  assert.equal(brief(lint(POD, withAction('enforcementAction: Warn'))), [['K8sPSPCapabilities/capabilities-restricted', 'warning', 12, 37]]);
  const unknown = constraintSetOf(parseAllDocuments(withAction('enforcementAction: block')).map((document) => ({ object: document.toJS(), file: 'c.yaml' })));
  assert.equal(unknown.unsupported, [{ id: 'K8sPSPCapabilities/capabilities-restricted', file: 'c.yaml', reason: 'enforcementAction "block" is none of deny, warn, dryrun, scoped' }]);
});

test('match: excludedNamespaces with a prefix glob, namespaces, kinds with apiGroups, scope, name, labelSelector', () => {
  assert.equal(lint(POD.replace('namespace: prod', 'namespace: kube-public'), CAPABILITIES), []);
  const onlyStaging = CAPABILITIES.replace('excludedNamespaces: ["kube-*"]', 'namespaces: ["staging", "*-test"]');
  assert.equal(lint(POD, onlyStaging), []);
  assert.is(lint(POD.replace('namespace: prod', 'namespace: web-test'), onlyStaging).length, 1);
  // No namespace in the manifest: the namespace it lands in without -n, "default".
  assert.equal(lint(POD.replace('  namespace: prod\n', ''), CAPABILITIES.replace('excludedNamespaces: ["kube-*"]', 'excludedNamespaces: ["default"]')), []);
  const appsGroup = CAPABILITIES.replace('apiGroups: [""]', 'apiGroups: ["apps"]');
  assert.equal(lint(POD, appsGroup), []);
  const named = (name: string) => CAPABILITIES.replace('excludedNamespaces: ["kube-*"]', `name: "${name}"`);
  assert.is(lint(POD, named('we*')).length, 1);
  assert.equal(lint(POD, named('api')), []);
  // The pods a workload creates have generated names starting with "<workload>-": a prefix glob can select them.
  assert.equal(lint(DEPLOYMENT, named('web')), []);
  assert.is(lint(DEPLOYMENT, named('web-*')).length, 1);
  assert.is(lint(DEPLOYMENT, named('*eb*')).length, 1);
  assert.equal(lint(DEPLOYMENT, named('api-*')), []);
  assert.equal(lint(DEPLOYMENT, named('web-7d9*')), [], 'the hash part is unknown: no guess');
  const generated = POD.replace('  name: web\n', '  generateName: web-\n');
  assert.is(lint(generated, named('web-*')).length, 1);
  assert.equal(lint(generated, named('web-')), []);
  assert.equal(lint(POD, CAPABILITIES.replace('excludedNamespaces: ["kube-*"]', 'scope: Cluster')), []);
  const labelled = CAPABILITIES.replace('excludedNamespaces: ["kube-*"]', 'labelSelector:\n      matchLabels: {app: web}');
  assert.equal(lint(POD, labelled), []);
  assert.is(lint(DEPLOYMENT, labelled).length, 1, 'the template labels are the pod labels');
});

test('match: namespaceSelector uses the Namespace object of the lint set, and selects nothing without it', () => {
  const selected = CAPABILITIES.replace('excludedNamespaces: ["kube-*"]', 'namespaceSelector:\n      matchLabels: {env: prod}');
  const namespace = (labels: string) => yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: prod
      labels: ${labels}
  `;
  assert.is(lint(POD, selected, { others: { 'namespace.yaml': namespace('{env: prod}') } }).length, 1);
  assert.equal(lint(POD, selected, { others: { 'namespace.yaml': namespace('{env: dev}') } }), []);
  assert.equal(lint(POD, selected), []);
});

test('suppressions: an inline directive with the constraint id, the annotation with <Kind>.<name>', () => {
  const beforeAdd = (comment: string) => POD.replace(/^( *)add:/m, `$1# ${comment}\n$1add:`);
  assert.equal(lint(beforeAdd('kubeguard-disable-next-line K8sPSPCapabilities/capabilities-restricted -- reviewed with the platform team'), CAPABILITIES), []);
  const annotated = POD.replace('  namespace: prod\n', '  namespace: prod\n  annotations:\n    ignore.kubeguard.dev/K8sPSPCapabilities.capabilities-restricted: "needs SYS_ADMIN for FUSE"\n');
  assert.equal(lint(annotated, CAPABILITIES), []);
  assert.equal(
    lint(beforeAdd('kubeguard-disable-next-line K8sPSPCapabilities/capabilities-relaxed -- typo'), CAPABILITIES).map((finding) => [finding.ruleId, finding.line, finding.message]),
    [
      ['invalid-suppression', 12, 'kubeguard-disable-next-line names unknown rule "K8sPSPCapabilities/capabilities-relaxed".'],
      ['K8sPSPCapabilities/capabilities-restricted', 13, 'Container "web" adds capability SYS_ADMIN; K8sPSPCapabilities/capabilities-restricted allows only NET_BIND_SERVICE.'],
    ],
  );
});

test('config rules set a constraint\'s severity; an unknown constraint id is a config error with a suggestion', () => {
  assert.equal(brief(lint(POD, CAPABILITIES, { rules: { 'K8sPSPCapabilities/capabilities-restricted': 'warning' } })), [['K8sPSPCapabilities/capabilities-restricted', 'warning', 12, 37]]);
  assert.equal(lint(POD, CAPABILITIES, { rules: { 'K8sPSPCapabilities/capabilities-restricted': 'off' } }), []);
  assert.throws(() => lint(POD, CAPABILITIES, { rules: { 'K8sPSPCapabilities/capabilities-restricte': 'off' } }), /no loaded Gatekeeper constraint is "K8sPSPCapabilities\/capabilities-restricte"; did you mean "K8sPSPCapabilities\/capabilities-restricted"\?/);
});

test('unsupported kinds and custom templates are listed, evaluated ones are rules', () => {
  const set = constraintSetOf(
    parseAllDocuments(
      CAPABILITIES +
        '---\n' +
        constraint('K8sCustomRule', 'mine', 'match: {}') +
        '---\napiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata:\n  name: k8scustomrule\nspec:\n  crd:\n    spec:\n      names:\n        kind: K8sCustomRule\n' +
        '---\napiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata:\n  name: k8spspcapabilities\n  annotations:\n    metadata.gatekeeper.sh/title: Capabilities\nspec:\n  crd:\n    spec:\n      names:\n        kind: K8sPSPCapabilities\n',
    ).map((document) => ({ object: document.toJS(), file: 'policy.yaml' })),
  );
  assert.equal(set.constraints.map((entry) => `${entry.kind}/${entry.name}`), ['K8sPSPCapabilities/capabilities-restricted']);
  assert.equal(constraintSetOf([{ object: parseAllDocuments(constraint('NoUpdateServiceAccount', 'no-update-kube-system-service-account', 'match: {}'))[0].toJS(), file: 'l.yaml' }]).unsupported, [
    { id: 'NoUpdateServiceAccount/no-update-kube-system-service-account', file: 'l.yaml', reason: "it judges who updates a ServiceAccount (the request's user and groups), which a manifest does not say" },
  ]);
  assert.equal(set.unsupported, [
    { id: 'K8sCustomRule/mine', file: 'policy.yaml' },
    { id: 'ConstraintTemplate/k8scustomrule', file: 'policy.yaml' },
  ]);
});

test('a List as `kubectl get constraints -o yaml` prints it: its items are the constraints', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n${CAPABILITIES.replace(/^/gm, '    ').replace(/^    apiVersion/, '  - apiVersion')}`;
  const set = constraintSetOf(parseAllDocuments(list).map((document) => ({ object: document.toJS(), file: 'cluster.yaml' })));
  assert.equal(set.constraints.map((entry) => `${entry.kind}/${entry.name}`), ['K8sPSPCapabilities/capabilities-restricted']);
  assert.equal(brief(lint(POD, list)), [['K8sPSPCapabilities/capabilities-restricted', 'error', 12, 37]]);
});

test('a library kind with parameters outside the library\'s schema is unsupported, with the reason', () => {
  const oldStyle = constraint('K8sRequiredLabels', 'ns-must-have-owner', 'match:\n  kinds: [{apiGroups: [""], kinds: ["Namespace"]}]\nparameters:\n  labels: ["owner"]');
  const numeric = constraint('K8sContainerLimits', 'limits', 'parameters:\n  cpu: 2\n  memory: 1Gi');
  const extra = constraint('K8sPSPPrivilegedContainer', 'privileged', 'parameters:\n  allowedImages: ["a"]');
  const set = constraintSetOf(parseAllDocuments([oldStyle, numeric, extra].join('---\n')).map((document) => ({ object: document.toJS(), file: 'c.yaml' })));
  assert.equal(set.constraints, []);
  assert.equal(set.unsupported, [
    { id: 'K8sRequiredLabels/ns-must-have-owner', file: 'c.yaml', reason: 'parameter "labels" is not a list of objects as the library\'s K8sRequiredLabels declares: a custom template of the same name?' },
    { id: 'K8sContainerLimits/limits', file: 'c.yaml', reason: 'parameter "cpu" is not a string as the library\'s K8sContainerLimits declares: a custom template of the same name?' },
    { id: 'K8sPSPPrivilegedContainer/privileged', file: 'c.yaml', reason: 'parameter "allowedImages" is not one of the library\'s K8sPSPPrivilegedContainer parameters (exemptImages): a custom template of the same name?' },
  ]);
});

test('a constraint without a name, and a second constraint of the same kind and name, are named, not evaluated', () => {
  const unnamed = 'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sPSPPrivilegedContainer\nmetadata: {}\nspec: {}\n';
  const set = constraintSetOf([
    ...parseAllDocuments(CAPABILITIES).map((document) => ({ object: document.toJS(), file: 'a.yaml' })),
    ...parseAllDocuments(CAPABILITIES + '---\n' + unnamed).map((document) => ({ object: document.toJS(), file: 'b.yaml' })),
  ]);
  assert.equal(set.constraints.map((entry) => [entry.kind, entry.name, entry.file]), [['K8sPSPCapabilities', 'capabilities-restricted', 'a.yaml']]);
  assert.equal(set.unsupported, [
    { id: 'K8sPSPCapabilities/capabilities-restricted', file: 'b.yaml', reason: 'defined again; the one in a.yaml is evaluated' },
    { id: 'K8sPSPPrivilegedContainer/', file: 'b.yaml', reason: 'it has no metadata.name' },
  ]);
});

test('a library kind whose ConstraintTemplate in the set is not the library\'s is named, not evaluated', () => {
  const template = 'apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata:\n  name: k8scontainerlimits\nspec:\n  crd:\n    spec:\n      names:\n        kind: K8sContainerLimits\n';
  const limits = constraint('K8sContainerLimits', 'must-have-limits', 'match:\n  kinds: [{apiGroups: [""], kinds: ["Pod"]}]');
  const set = constraintSetOf(parseAllDocuments(`${template}---\n${limits}`).map((document) => ({ object: document.toJS(), file: 'team.yaml' })));
  assert.equal(set.constraints, []);
  assert.equal(set.unsupported, [
    { id: 'K8sContainerLimits/must-have-limits', file: 'team.yaml', reason: "its ConstraintTemplate (team.yaml) is not the library's (no metadata.gatekeeper.sh/title annotation), so its Rego may differ" },
  ]);
});

test('K8sAllowedRepos, K8sContainerLimits and K8sPSPPrivilegedContainer on a Deployment: positions and messages', () => {
  const constraints = [
    constraint('K8sAllowedRepos', 'repo-is-acr', 'match:\n  kinds: [{apiGroups: [""], kinds: ["Pod"]}]\nparameters:\n  repos: ["myacr.azurecr.io/"]'),
    constraint('K8sContainerLimits', 'container-limits', 'enforcementAction: warn\nmatch:\n  kinds: [{apiGroups: [""], kinds: ["Pod"]}]\nparameters:\n  cpu: "500m"\n  memory: "1Gi"'),
    constraint('K8sPSPPrivilegedContainer', 'no-privileged', 'match:\n  kinds: [{apiGroups: [""], kinds: ["Pod"]}]'),
  ].join('---\n');
  const source = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      selector: {matchLabels: {app: api}}
      template:
        metadata: {labels: {app: api}}
        spec:
          containers:
            - name: api
              image: docker.io/library/nginx:1.27
              securityContext:
                privileged: true
              resources:
                limits:
                  cpu: "2"
                  memory: 512Mi
  `;
  const findings = lint(source, constraints);
  assert.equal(
    findings.map((finding) => [finding.ruleId, finding.severity, finding.line, finding.column, finding.message]),
    [
      ['K8sAllowedRepos/repo-is-acr', 'error', 11, 11, 'Container "api" uses image "docker.io/library/nginx:1.27"; K8sAllowedRepos/repo-is-acr allows only images starting with myacr.azurecr.io/.'],
      ['K8sPSPPrivilegedContainer/no-privileged', 'error', 13, 13, 'Container "api" runs privileged; K8sPSPPrivilegedContainer/no-privileged allows no privileged container.'],
      ['K8sContainerLimits/container-limits', 'warning', 16, 15, 'Container "api" cpu limit 2 is above 500m, the most K8sContainerLimits/container-limits allows.'],
    ],
  );
});

test('K8sRequiredLabels judges a workload\'s own labels when it matches the workload, its pods\' labels when it matches Pods', () => {
  const labels = (kinds: string) => constraint('K8sRequiredLabels', 'owner', `match:\n  kinds: [{apiGroups: ["*"], kinds: [${kinds}]}]\nparameters:\n  labels: [{key: owner}]`);
  assert.equal(brief(lint(DEPLOYMENT, labels('"Deployment"'))), [['K8sRequiredLabels/owner', 'error', 3, 1]]);
  const onPods = lint(DEPLOYMENT, labels('"Pod"'));
  assert.equal(brief(onPods), [['K8sRequiredLabels/owner', 'error', 11, 7]]);
  assert.is(onPods[0].path, 'spec.template.metadata.labels');
  assert.is(onPods[0].message, 'The pods of Deployment "web" have no label owner; K8sRequiredLabels/owner requires it.');
  assert.equal(brief(lint(DEPLOYMENT, labels('"Deployment", "Pod"'))), [
    ['K8sRequiredLabels/owner', 'error', 3, 1],
    ['K8sRequiredLabels/owner', 'error', 11, 7],
  ]);
});

test('referential kinds see the whole lint set: unique Ingress hosts', () => {
  const ingress = (name: string) => yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: ${name}, namespace: web}
    spec:
      rules:
        - host: shop.example.com
  `;
  const unique = constraint('K8sUniqueIngressHost', 'unique-hosts', 'match:\n  kinds: [{apiGroups: ["networking.k8s.io"], kinds: ["Ingress"]}]');
  assert.equal(lint(ingress('a'), unique), []);
  const findings = lint(ingress('a'), unique, { others: { 'other.yaml': ingress('b') } });
  assert.equal(brief(findings), [['K8sUniqueIngressHost/unique-hosts', 'error', 6, 7]]);
  assert.match(findings[0].message, /also used by Ingress "b" \(other\.yaml\)/);
});

test.run();
