// --fix over test/fixtures/fix/<case>/input.* must give expected.* byte for byte; fixing again changes nothing; the
// --fix-dry-run diff applied with `git apply` gives the same bytes.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../src/cli/main';
import { tempDir } from '../helpers';

const FIXTURES = join(__dirname, '..', 'fixtures', 'fix');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], cwd: string, input = ''): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (text: string) => void) => ({ write: (chunk: string) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run({
    argv,
    cwd,
    env: { PATH: process.env.PATH },
    stdout: stream((text) => (stdout += text)),
    stderr: stream((text) => (stderr += text)),
    readStdin: async () => input,
  });
  return { code, stdout, stderr };
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

test('every fixture case has an input and an expected file', () => {
  assert.ok(cases.length >= 15, `only ${cases.length} cases`);
  for (const name of cases) {
    const files = readdirSync(join(FIXTURES, name));
    const input = files.find((file) => file.startsWith('input.'));
    assert.ok(input, `${name} has no input`);
    assert.ok(files.includes(input.replace('input.', 'expected.')), `${name} has no expected file`);
  }
});

for (const name of cases) {
  test(`fix fixture: ${name}`, async () => {
    const dir = join(FIXTURES, name);
    const input = readdirSync(dir).find((file) => file.startsWith('input.'))!;
    const extension = input.slice('input.'.length);
    const expected = readFileSync(join(dir, `expected.${extension}`));
    const config = existsSync(join(dir, 'config.yaml')) ? join(dir, 'config.yaml') : join(FIXTURES, 'config.yaml');
    const work = tempDir();
    const target = join(work, `manifest.${extension}`);
    copyFileSync(join(dir, input), target);

    // Dry run first: prints a diff, writes nothing, and the diff applies to give the expected bytes.
    const dry = await cli(['--config', config, '--fix-dry-run', `manifest.${extension}`], work);
    assert.equal(readFileSync(target), readFileSync(join(dir, input)), 'dry run wrote the file');
    const changes = !expected.equals(readFileSync(join(dir, input)));
    assert.is(dry.stdout.length > 0, changes, dry.stdout);
    if (changes) {
      writeFileSync(join(work, 'fix.patch'), dry.stdout);
      const copy = join(work, 'copy');
      execFileSync('mkdir', [copy]);
      copyFileSync(join(dir, input), join(copy, `manifest.${extension}`));
      execFileSync('git', ['apply', '--whitespace=nowarn', join(work, 'fix.patch')], { cwd: copy, stdio: 'pipe' });
      assert.equal(readFileSync(join(copy, `manifest.${extension}`)).toString('latin1'), expected.toString('latin1'), 'the dry-run diff does not give the expected file');
    }

    const fixed = await cli(['--config', config, '--fix', `manifest.${extension}`], work);
    assert.not.match(fixed.stderr, /internal error/);
    assert.equal(readFileSync(target).toString('latin1'), expected.toString('latin1'));

    // Fixing the fixed file is a no-op: no diff, no write, and the same fixes refused for the same reasons.
    const again = await cli(['--config', config, '--fix-dry-run', `manifest.${extension}`], work);
    assert.is(again.stdout, '');
    assert.not.match(again.stderr, /Would fix/);
    const refusals = (text: string) => (text.match(/fix not applied: .*/g) ?? []).sort();
    assert.equal(refusals(again.stderr), refusals(fixed.stderr));
    await cli(['--config', config, '--fix', `manifest.${extension}`], work);
    assert.equal(readFileSync(target), expected);
  });
}

test('the fixtures fixed as expected: anchors are refused with a reason', async () => {
  const work = tempDir();
  copyFileSync(join(FIXTURES, 'anchors', 'input.yaml'), join(work, 'a.yaml'));
  const result = await cli(['--config', join(FIXTURES, 'config.yaml'), '--fix', 'a.yaml'], work);
  assert.match(result.stderr, /a\.yaml:15:9: no-privilege-escalation: fix not applied: the value is anchored as &shared and reused through aliases; fix it by hand\./);
  assert.match(result.stderr, /a\.yaml:20:7: no-privilege-escalation: fix not applied: the value comes from the alias \*shared; fix the anchored value by hand\./);
  assert.match(result.stderr, /Fixed 4 problems in 1 file\./);
  assert.is(result.code, 1);
});

test('JSON fixtures stay valid JSON', () => {
  for (const name of cases) {
    for (const file of readdirSync(join(FIXTURES, name)).filter((entry) => entry.endsWith('.json'))) {
      assert.not.throws(() => JSON.parse(readFileSync(join(FIXTURES, name, file), 'utf8')), `${name}/${file}`);
    }
  }
});

test.run();
