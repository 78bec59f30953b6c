// What counts as a template action for --fix: only what makes the file a template for another tool, not the `{{ }}`
// and `${}` that Kubernetes objects carry as data (Prometheus rules, shell scripts, CSI parameters).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { findTemplateAction } from '../../src/fix/template-actions';

function find(text: string) {
  const found = findTemplateAction(parseAllDocuments(text, { version: '1.1' }), text);
  return found && { line: text.slice(0, found.offset).split('\n').length, text: found.text, reason: found.reason };
}

test('unquoted {{ }} as a value or a key, in any document of the stream', () => {
  assert.equal(find('kind: Kustomization\nmetadata:\n  namespace: {{ .fluxns }}\n'), { line: 3, text: '{{ .fluxns }}', reason: 'an unquoted template action, which YAML reads as a flow mapping' });
  assert.equal(find('a: 1\n---\nstringData:\n  {{HF_TOKEN}}: x\n')?.line, 4);
  assert.equal(find('stringData:\n  hf_api_token: {{HF_TOKEN}}\n')?.text, '{{HF_TOKEN}}');
});

test('a mapping key that is a mapping or a list (go-yaml rejects it)', () => {
  assert.equal(find('? [a, b]\n: 1\n')?.reason, 'a mapping key that is itself a mapping or list, which go-yaml rejects');
  assert.equal(find('{a: 1}: x\n')?.reason, 'a mapping key that is itself a mapping or list, which go-yaml rejects');
});

test('one-token ${VAR} slots (envsubst, Flux post-build), plain or quoted', () => {
  assert.equal(find('metadata:\n  namespace: ${CLUSTER_NS}\n')?.text, '${CLUSTER_NS}');
  assert.equal(find('spec:\n  host: "app.${domain:=example.com}"\n')?.text, '${domain:=example.com}');
});

test('not template actions: quoted and block-scalar {{ }}, comments, shell commands, CSI ${pvc.name}', () => {
  assert.is(find('annotations:\n  description: "{{ $labels.instance }} is down"\n'), undefined);
  assert.is(find('expr: |\n  up == 0 # {{ .x }}\nsummary: Instance {{ $labels.instance }} down\n'), undefined);
  assert.is(find('# namespace: {{ .fluxns }}\nkind: Pod\n'), undefined);
  assert.is(find('args: ["sh", "-c", "echo ${HOME} && sleep 1"]\n'), undefined);
  assert.is(find('script: |\n  HOST="${HOST_MOUNT_DIR:-/host}"\n'), undefined);
  assert.is(find('parameters:\n  csi.storage.k8s.io/node-stage-secret-name: ${pvc.name}\n'), undefined);
});

test.run();
