// Issue 16: --fix never breaks a workload. Each case is a shape found in public repositories: a Kustomize base that
// opts into the API token with a strategic-merge patch beside it, templates for other tools, a controller bound to
// its ClusterRole, a Knative Service, a lower-case `drop: [all]`, and an explicit value the author wrote.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { run } from '../../src/cli/main';
import { tempDir, yaml } from '../helpers';
import { unsafeChanges } from './additions';

async function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const stream = (append: (text: string) => void) => ({ write: (chunk: string) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run({ argv, cwd, env: { PATH: process.env.PATH }, stdout: stream((text) => (stdout += text)), stderr: stream((text) => (stderr += text)), readStdin: async () => '' });
  return { code, stdout, stderr };
}

function build(dir: string): Record<string, unknown> {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  const objects: Record<string, unknown> = {};
  for (const document of parseAllDocuments(text)) {
    const object = document.toJS() as { kind: string; metadata: { name: string; namespace?: string } };
    objects[`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`] = object;
  }
  return objects;
}

const CONFIG = 'extends: []\nrules:\n  no-privilege-escalation: error\n  drop-all-capabilities: warning\n  automount-service-account-token: warning\n';

const kustomizeFiles = {
  '.kubeguardrc.yaml': CONFIG,
  'config/manager/manager.yaml': yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: controller-manager
      namespace: system
    spec:
      selector:
        matchLabels: {control-plane: controller-manager}
      template:
        metadata:
          labels: {control-plane: controller-manager}
        spec:
          automountServiceAccountToken: true
          containers:
            - name: manager
              image: example.com/manager:1.0
            - name: legacy
              image: example.com/legacy:1.0
  `,
  'config/manager/kustomization.yaml': 'resources:\n  - manager.yaml\n',
  'config/default/kustomization.yaml': yaml`
    namespace: operator-system
    resources:
      - ../manager
    patches:
      - path: manager_audit_patch.yaml
      - target: {kind: Deployment, name: controller-manager}
        patch: |-
          - op: add
            path: /spec/template/spec/containers/1/securityContext
            value: {runAsUser: 1000}
  `,
  // A strategic-merge patch: it looks like a Deployment without automountServiceAccountToken, but it is not one.
  'config/default/manager_audit_patch.yaml': yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: controller-manager
      namespace: system
    spec:
      template:
        spec:
          containers:
            - name: manager
              args: ["--audit-log=/tmp/audit.log"]
  `,
};

test('Kustomize build: fixes go into the resource file, never the patch; the build output only gains security fields', async () => {
  const dir = tempDir(kustomizeFiles);
  const before = build(join(dir, 'config/default'));
  const patch = readFileSync(join(dir, 'config/default/manager_audit_patch.yaml'), 'utf8');
  const result = await cli(['--fix', '--format', 'json', 'config/default'], dir);

  assert.is(readFileSync(join(dir, 'config/default/manager_audit_patch.yaml'), 'utf8'), patch);
  const manager = parse(readFileSync(join(dir, 'config/manager/manager.yaml'), 'utf8'));
  const spec = manager.spec.template.spec;
  assert.is(spec.automountServiceAccountToken, true, 'an explicit true is never flipped');
  assert.equal(spec.containers[0].securityContext, { capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false });
  // The JSON 6902 patch replaces the legacy container's securityContext: a field added in the base would be lost.
  assert.is(spec.containers[1].securityContext, undefined);
  assert.match(result.stderr, /config\/default\/kustomization\.yaml:\d+:\d+: no-privilege-escalation: fix not applied: the patch config\/default\/kustomization\.yaml sets that part of the object\./);

  const after = build(join(dir, 'config/default'));
  assert.equal(Object.keys(after), Object.keys(before));
  for (const key of Object.keys(before)) assert.equal(unsafeChanges(before[key], after[key]), [], key);
  const deployment = after['Deployment/operator-system/controller-manager'] as { spec: { template: { spec: { automountServiceAccountToken: boolean } } } };
  assert.is(deployment.spec.template.spec.automountServiceAccountToken, true);

  // What remains: the explicit true, and the legacy container, whose findings say why they were not fixed.
  const results = JSON.parse(result.stdout).results as Array<{ ruleId: string; fix?: { applied: boolean; reason: string } }>;
  assert.equal(results.map((finding) => finding.ruleId).sort(), ['automount-service-account-token', 'drop-all-capabilities', 'no-privilege-escalation']);
  const refused = results.filter((finding) => finding.fix);
  assert.equal(refused.map((finding) => finding.fix!.applied), [false, false]);
  assert.match(refused[0].fix!.reason, 'the patch config/default/kustomization.yaml sets that part of the object');
});

test('Kustomize with --no-build: patch files and unlisted files are neither linted nor fixed (a note names them); the resource is fixed, and the build keeps true', async () => {
  const dir = tempDir({
    ...kustomizeFiles,
    'config/default/leftover.yaml': yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: leftover}
      spec:
        containers: [{name: app, image: example.com/app:1.0}]
    `,
  });
  const before = build(join(dir, 'config/default'));
  const untouched = ['config/default/manager_audit_patch.yaml', 'config/default/leftover.yaml'].map((file) => [file, readFileSync(join(dir, file), 'utf8')]);
  const result = await cli(['--no-build', '--fix', 'config'], dir);
  for (const [file, text] of untouched) assert.is(readFileSync(join(dir, file), 'utf8'), text, file);
  // With builds off, patches and unlisted files are partial objects: not linted, so never fixed; a note names them.
  assert.match(result.stderr, /kubeguard: 1 Kustomize patch file not linted with builds off \(.*\): config\/default\/manager_audit_patch\.yaml/);
  assert.match(result.stderr, /kubeguard: 1 file in Kustomize directories is named by no kustomization, so not linted \(.*\): config\/default\/leftover\.yaml/);
  assert.match(readFileSync(join(dir, 'config/manager/manager.yaml'), 'utf8'), /allowPrivilegeEscalation: false/);

  const after = build(join(dir, 'config/default'));
  for (const key of Object.keys(before)) assert.equal(unsafeChanges(before[key], after[key]), [], key);
  const deployment = after['Deployment/operator-system/controller-manager'] as { spec: { template: { spec: { automountServiceAccountToken: boolean } } } };
  assert.is(deployment.spec.template.spec.automountServiceAccountToken, true);
});

test('templates for other tools are not written: unquoted {{ }} keys and values, ${VAR} slots; quoted ones are fixed', async () => {
  const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n${extra}spec:\n  containers:\n    - name: web\n      image: nginx:1.27\n`;
  const files = {
    'flux.yaml': pod('  annotations:\n    kustomize.toolkit.fluxcd.io/namespace: {{ .fluxns }}\n'),
    'key.yaml': pod('  labels:\n    {{ .x }}: enabled\n'),
    'envsubst.yaml': pod('  namespace: ${CLUSTER_NAMESPACE}\n'),
    'quoted.yaml': pod('  annotations:\n    description: "rendered by {{ .tool }} with ${HOME} left as is"\n'),
  };
  const dir = tempDir({ ...files, '.kubeguardrc.yaml': CONFIG });
  const result = await cli(['--fix', '--format', 'json', '.'], dir);
  for (const file of ['flux.yaml', 'key.yaml', 'envsubst.yaml']) assert.is(readFileSync(join(dir, file), 'utf8'), files[file as keyof typeof files], file);
  assert.match(result.stderr, /kubeguard: flux\.yaml: not fixed: it holds template actions \(an unquoted template action, which YAML reads as a flow mapping: `\{\{ \.fluxns \}\}` at line 6\)/);
  assert.match(result.stderr, /kubeguard: key\.yaml: not fixed: it holds template actions \(an unquoted template action, which YAML reads as a flow mapping: `\{\{ \.x \}\}` at line 6\)/);
  assert.match(result.stderr, /kubeguard: envsubst\.yaml: not fixed: it holds template actions \(a \$\{VAR\} substitution slot \(envsubst, Flux post-build\): `\$\{CLUSTER_NAMESPACE\}` at line 5\)/);
  assert.match(readFileSync(join(dir, 'quoted.yaml'), 'utf8'), /allowPrivilegeEscalation: false/);
  const results = JSON.parse(result.stdout).results as Array<{ file: string; fix?: { applied: boolean; reason: string } }>;
  const flux = results.filter((finding) => finding.file === 'flux.yaml');
  assert.is(flux.length, 3);
  for (const finding of flux) assert.match(finding.fix!.reason, /^it holds template actions/);
  assert.ok(results.filter((finding) => finding.file === 'quoted.yaml').every((finding) => !finding.fix));
});

test('a controller whose ServiceAccount a ClusterRoleBinding names keeps its token; another pod gets false', async () => {
  const files = {
    '.kubeguardrc.yaml': CONFIG,
    'controller.yaml': yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: controller, namespace: knative-serving}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: knative-serving-controller-admin}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: knative-serving-admin}
      subjects:
        - kind: ServiceAccount
          name: controller
          namespace: knative-serving
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: controller, namespace: knative-serving}
      spec:
        template:
          spec:
            serviceAccountName: controller
            containers:
              - name: controller
                image: example.com/controller:1.0
                securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: knative-serving}
      spec:
        template:
          spec:
            containers:
              - name: web
                image: example.com/web:1.0
                securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
    `,
  };
  const dir = tempDir(files);
  await cli(['--fix', 'controller.yaml'], dir);
  const [, , controller, web] = parseAllDocuments(readFileSync(join(dir, 'controller.yaml'), 'utf8')).map((document) => document.toJS());
  assert.is(controller.spec.template.spec.automountServiceAccountToken, undefined);
  assert.is(web.spec.template.spec.automountServiceAccountToken, false);
});

test('a Knative Service (strict) gets container-level security fields only, never a pod-level securityContext', async () => {
  const service = yaml`
    apiVersion: serving.knative.dev/v1
    kind: Service
    metadata: {name: hello, namespace: default}
    spec:
      template:
        spec:
          containers:
            - image: example.com/hello:1.0
              ports: [{containerPort: 8080}]
  `;
  const dir = tempDir({ 'service.yaml': service });
  await cli(['--preset', 'strict', '--fix', 'service.yaml'], dir);
  const fixed = parse(readFileSync(join(dir, 'service.yaml'), 'utf8'));
  const spec = fixed.spec.template.spec;
  assert.is(spec.securityContext, undefined);
  assert.is(spec.containers[0].securityContext.seccompProfile.type, 'RuntimeDefault');
  assert.is(spec.containers[0].securityContext.allowPrivilegeEscalation, false);
  assert.equal(spec.containers[0].securityContext.capabilities.drop, ['ALL']);
  assert.equal(unsafeChanges(parse(service), fixed), []);
});

test('drop: [all] becomes [ALL], allowPrivilegeEscalation: true stays true', async () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      automountServiceAccountToken: false
      containers:
        - name: a
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: true
            capabilities:
              drop: [all]
  `;
  const dir = tempDir({ 'pod.yaml': pod, '.kubeguardrc.yaml': CONFIG });
  const result = await cli(['--fix', 'pod.yaml'], dir);
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod.replace('drop: [all]', 'drop: [ALL]'));
  assert.match(result.stderr, /Fixed 1 problem in 1 file\./);
  assert.is(result.code, 1, 'the explicit true is still reported');
});

test.run();
