// compact: `file:line:col: severity message [rule-id]`, one finding per line, at the source file of built objects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compact } from '../../src/formatters/compact';
import { awkward, context, everything, helm, kustomize, lintResult, privileged } from './result-fixture';

test('byte-exact: sorted by source file and position; a summary line after a blank line', () => {
  assert.is(
    compact(everything(), context()),
    [
      'base/worker.yaml:21:7: error Pod template of Deployment "worker" shares the host PID namespace. [no-host-pid]',
      'broken.yaml:3:1: error Implicit keys need to be on a single line [parse-error]',
      'charts/api/templates/deployment.yaml:1:1: error Pod template of Deployment "api" uses the host network. (Deployment/prod/api spec.template.spec.hostNetwork) [no-host-network]',
      'deploy/odd name, 50%.yaml:3:5: info Image "a<b>&c" is 100%: mutable, "pinned" never second line\uFFFD [image-digest]',
      'deploy/web.yaml:10:11: warning Container "web" does not set readOnlyRootFilesystem: true. [read-only-root-filesystem]',
      'deploy/web.yaml:12:13: error Container "web" runs privileged. [no-privileged]',
      '',
      '6 problems (4 errors, 1 warning, 1 info)',
      '',
    ].join('\n'),
  );
});

test('no findings: no output at all', () => {
  assert.is(compact(lintResult([], ['clean.yaml']), context()), '');
});

test('a message never breaks the line, and terminal control characters are neutralised', () => {
  const out = compact(lintResult([{ ...privileged, message: 'one\r\n  two\n\nthree \u001b[31mred\u001b[0m' }]), context());
  assert.is(out.split('\n')[0], 'deploy/web.yaml:12:13: error one two three \uFFFD[31mred\uFFFD[0m [no-privileged]');
});

test('origins: a Kustomize base position is used as is; a Helm template without a line points at 1:1 and names the field', () => {
  const out = compact(lintResult([kustomize, helm]), context()).split('\n');
  assert.is(out[0], 'base/worker.yaml:21:7: error Pod template of Deployment "worker" shares the host PID namespace. [no-host-pid]');
  assert.ok(out[1].startsWith('charts/api/templates/deployment.yaml:1:1: error '));
  assert.ok(out[1].endsWith('(Deployment/prod/api spec.template.spec.hostNetwork) [no-host-network]'));
  // An origin with a line but no column starts at column 1.
  const lineOnly = compact(lintResult([{ ...kustomize, origin: { file: 'base/worker.yaml', line: 30, via: 'kustomize' } }]), context());
  assert.ok(lineOnly.startsWith('base/worker.yaml:30:1: error Pod template'));
});

test('the VS Code problem matcher in docs/editor.md reads every finding line and nothing else', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'editor.md'), 'utf8');
  const block = /```jsonc?\n((?:(?!```)[\s\S])*"problemMatcher"(?:(?!```)[\s\S])*)```/.exec(doc);
  assert.ok(block, 'docs/editor.md has a tasks.json block with a problemMatcher');
  const json = block![1].replace(/^\s*\/\/.*$/gm, '');
  const tasks = JSON.parse(json) as { tasks: Array<{ problemMatcher: { pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number } } }> };
  const { pattern } = tasks.tasks[0].problemMatcher;
  const regexp = new RegExp(pattern.regexp);
  const lines = compact(everything(), context()).split('\n');
  const matched = lines.map((line) => regexp.exec(line)).filter((match): match is RegExpExecArray => match !== null);
  assert.is(matched.length, 6);
  const first = matched[3];
  assert.equal(
    [first[pattern.file], first[pattern.line], first[pattern.column], first[pattern.severity], first[pattern.message], first[pattern.code]],
    ['deploy/odd name, 50%.yaml', '3', '5', 'info', 'Image "a<b>&c" is 100%: mutable, "pinned" never second line\uFFFD', 'image-digest'],
  );
  assert.is(matched[5][pattern.code], 'no-privileged');
  assert.is(matched.filter((match) => match[pattern.file] === awkward.file).length, 1);
});

test.run();
