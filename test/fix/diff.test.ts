// The unified diff of --fix-dry-run: hunk headers, context, merging, missing final newlines; it applies with git.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { splitLines, unifiedDiff } from '../../src/fix/diff';
import { tempDir } from '../helpers';

const lines = (count: number, prefix = 'line') => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}\n`).join('');

test('equal texts give no diff', () => {
  assert.is(unifiedDiff('a.yaml', 'a\nb\n', 'a\nb\n'), '');
});

test('an insertion in the middle: three lines of context, git-style header', () => {
  const before = lines(10);
  const after = before.replace('line 5\n', 'line 5\ninserted\n');
  assert.is(
    unifiedDiff('deploy/web.yaml', before, after),
    '--- a/deploy/web.yaml\n+++ b/deploy/web.yaml\n@@ -3,6 +3,7 @@\n line 3\n line 4\n line 5\n+inserted\n line 6\n line 7\n line 8\n',
  );
});

test('a replacement at the start, an append at the end', () => {
  assert.is(unifiedDiff('f', 'a\nb\n', 'x\nb\n'), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+x\n b\n');
  assert.is(unifiedDiff('f', 'a\n', 'a\nb\n'), '--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+b\n');
});

test('changes close together share a hunk; far apart they get two', () => {
  const before = lines(30);
  const near = before.replace('line 5\n', 'five\n').replace('line 10\n', 'ten\n');
  assert.is(unifiedDiff('f', before, near).match(/^@@/gm)!.length, 1);
  const far = before.replace('line 5\n', 'five\n').replace('line 25\n', 'twenty-five\n');
  const diff = unifiedDiff('f', before, far);
  assert.equal(diff.match(/^@@.*@@$/gm), ['@@ -2,7 +2,7 @@', '@@ -22,7 +22,7 @@']);
});

test('a missing final newline is marked', () => {
  assert.is(unifiedDiff('f', 'a\nb', 'a\nb\nc'), '--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n');
});

test('from and to an empty text', () => {
  assert.is(unifiedDiff('f', '', 'a\n'), '--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n');
  assert.is(unifiedDiff('f', 'a\n', ''), '--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n');
});

test('splitLines keeps line ends, CRLF included', () => {
  assert.equal(splitLines('a\r\nb\nc'), ['a\r\n', 'b\n', 'c']);
  assert.equal(splitLines(''), []);
});

test('random edits: every diff applies with git apply and gives the new text', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const dir = tempDir();
  for (let round = 0; round < 20; round++) {
    const before = Array.from({ length: Math.floor(random() * 25) }, () => `l${Math.floor(random() * 5)}`);
    const after = [...before];
    for (let edit = Math.floor(random() * 5); edit >= 0; edit--) {
      const at = Math.floor(random() * (after.length + 1));
      if (random() < 0.5 && after.length) after.splice(at, 1);
      else after.splice(at, 0, `n${Math.floor(random() * 3)}`);
    }
    const text = (list: string[]) => (list.length ? `${list.join('\n')}${random() < 0.8 ? '\n' : ''}` : '');
    const oldText = text(before);
    const newText = text(after);
    const diff = unifiedDiff('f.txt', oldText, newText);
    if (!diff) {
      assert.is(oldText, newText);
      continue;
    }
    writeFileSync(join(dir, 'f.txt'), oldText);
    writeFileSync(join(dir, 'p.diff'), diff);
    execFileSync('git', ['apply', 'p.diff'], { cwd: dir, stdio: 'pipe' });
    assert.is(readFileSync(join(dir, 'f.txt'), 'utf8'), newText, diff);
  }
});

test.run();
