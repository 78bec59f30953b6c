// Standard input gets the same checks as a file: binary content, invalid UTF-8 with its position, and a size limit
// (read no further than one byte past it). The limit is maxStdinSize (default 256 MiB), not maxFileSize: standard
// input carries build output (`kustomize build DIR | kubeguard -`), not a file a person writes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers';

const config = 'extends: []\nrules:\n  no-privileged: error\nmaxFileSize: 200\nmaxStdinSize: 400\n';
const privileged = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext: {privileged: true}\n';

function lintStdin(input: Buffer | string, configText = config) {
  const cwd = tempDir({ '.kubeguardrc.yaml': configText });
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const result = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'kubeguard.js'), '-', '--format', 'json'], { cwd, env, input, encoding: 'utf8' });
  const findings = (JSON.parse(result.stdout).results as Array<{ file: string; line: number; column: number; ruleId: string; message: string }>).map(
    (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`,
  );
  return { code: result.status, findings };
}

test('valid input is linted with positions', () => {
  const result = lintStdin(privileged);
  assert.is(result.code, 1);
  assert.equal(result.findings, ['<stdin>:8:25 no-privileged Container "web" runs privileged: remove securityContext.privileged or set it to false.']);
});

test('invalid UTF-8 is a parse error at the byte, not replacement characters', () => {
  const result = lintStdin(Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata: {name: '), Buffer.from([0xff]), Buffer.from('}\n')]));
  assert.is(result.code, 1);
  assert.equal(result.findings, ['<stdin>:1:1 parse-error file is not valid UTF-8: byte 0xff at line 3, column 18']);
});

test('over maxStdinSize: a parse error, not a parse; maxFileSize does not apply to standard input', () => {
  const result = lintStdin(`${privileged}# ${'x'.repeat(500)}\n`);
  assert.is(result.code, 1);
  assert.equal(result.findings, ['<stdin>:1:1 parse-error standard input is more than 400 bytes, over the limit of 400 (maxStdinSize in the config)']);
  const overFileSize = lintStdin(`${privileged}# ${'x'.repeat(100)}\n`);
  assert.equal(overFileSize.findings, ['<stdin>:8:25 no-privileged Container "web" runs privileged: remove securityContext.privileged or set it to false.']);
});

test('a build output over 10 MB piped to standard input is linted (the default maxStdinSize is 256 MiB)', () => {
  const pods: string[] = [];
  for (let index = 0; pods.join('').length < 11 * 1024 * 1024; index++) {
    pods.push(`---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${index}\ndata:\n  payload: "${'x'.repeat(2000)}"\n`);
  }
  const input = `${pods.join('')}---\n${privileged}`;
  assert.ok(input.length > 10 * 1024 * 1024);
  const lines = input.split('\n').length - 1;
  const result = lintStdin(input, 'extends: []\nrules:\n  no-privileged: error\n');
  assert.is(result.code, 1);
  assert.equal(result.findings, [`<stdin>:${lines}:25 no-privileged Container "web" runs privileged: remove securityContext.privileged or set it to false.`]);
});

test('binary input (NUL bytes) is named as such', () => {
  const result = lintStdin(Buffer.from([0x61, 0x3a, 0x00, 0x31]));
  assert.equal(result.findings, ['<stdin>:1:1 parse-error binary file (contains NUL bytes), not a manifest']);
});

test.run();
