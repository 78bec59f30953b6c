// Standard input gets the same limits and checks as a file: maxFileSize (read no further than one byte past it),
// binary content, and invalid UTF-8 with its position.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../helpers';

const config = 'extends: []\nrules:\n  no-privileged: error\nmaxFileSize: 200\n';
const privileged = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext: {privileged: true}\n';

function lintStdin(input: Buffer | string) {
  const cwd = tempDir({ '.kubeguardrc.yaml': config });
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

test('over maxFileSize: a parse error, not a parse', () => {
  const result = lintStdin(`${privileged}# ${'x'.repeat(300)}\n`);
  assert.is(result.code, 1);
  assert.equal(result.findings, ['<stdin>:1:1 parse-error file is more than 200 bytes, over the limit of 200 (maxFileSize in the config)']);
});

test('binary input (NUL bytes) is named as such', () => {
  const result = lintStdin(Buffer.from([0x61, 0x3a, 0x00, 0x31]));
  assert.equal(result.findings, ['<stdin>:1:1 parse-error binary file (contains NUL bytes), not a manifest']);
});

test.run();
