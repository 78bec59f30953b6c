import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { isPlaceholder, isPlaceholderText, isTemplateKey, isTemplateMapping } from '../../src/rules/utils/placeholder';

test('placeholder text: templates, variables, replace tokens, masks, prose and padded markers', () => {
  for (const value of [
    '{{ .Values.image.pullPolicy }}', '{{HF_TOKEN}}', 'prefix-{{ .Release.Name }}', '}}', '${REPLICAS}', '${REPLICAS:-1}',
    '$(DB_PASSWORD)', '$DB_PASSWORD', 'HELMSUBST_deployment_replicas', 'x-HELMSUBST_abc', '<password>', '[your key]',
    '#{DbPassword}#', '__DbPassword__', '@db.password@', '%DB_PASSWORD%', '****', 'xxxxxxxx', 'REDACTED',
    '...base64 encoded data...', '…', 'CHANGEME00000000', 'changeme-xxxx', 'REPLACE_ME_0000',
  ]) {
    assert.ok(isPlaceholderText(value), value);
    assert.ok(isPlaceholder(value), value);
  }
  for (const value of ['*', '**', 'x', 'abc', 'changeme', 'CHANGEME', 'hunter2', 'Always', '3', 'a...b', 'https://example.com', '$', '$5']) {
    assert.not.ok(isPlaceholderText(value), value);
  }
});

test('an unquoted template action read by YAML 1.2 as a flow mapping is a placeholder', () => {
  const parsed = parse('a: {{HF_TOKEN}}\nb: {{ .Values.x | quote }}\nc: {key: value}\nd: {}\n', { logLevel: 'error' }) as Record<string, unknown>;
  assert.ok(isTemplateMapping(parsed.a));
  assert.ok(isPlaceholder(parsed.b));
  assert.not.ok(isPlaceholder(parsed.c));
  assert.not.ok(isPlaceholder(parsed.d));
  assert.not.ok(isPlaceholder(null));
  assert.not.ok(isPlaceholder(42));
  assert.ok(isTemplateKey('{ toYaml .Values.resources }'));
  assert.ok(isTemplateKey('{{- include "x" . }}'));
  assert.not.ok(isTemplateKey('resources'));
});

test.run();
