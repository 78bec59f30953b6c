// The runner of external tools: PATH lookup, a bounded pool that keeps task order, wall-clock tool time that does not
// double count concurrent builds, the offline environment and one-line error messages.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findExecutable, offlineEnv, runPool, runTool, ToolClock, toolMessage } from '../../src/sources/external-tool';
import { lintSources, KUSTOMIZE_FIXTURES as K } from './build-helpers';

test('findExecutable: on PATH, by path, never a directory or a file that cannot run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeguard-bin-'));
  try {
    writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'tool'), 0o755);
    writeFileSync(join(dir, 'plain'), 'not executable');
    assert.equal(findExecutable('tool', { PATH: `/nonexistent:${dir}` }, '/'), join(dir, 'tool'));
    assert.equal(findExecutable('plain', { PATH: dir }, '/'), undefined);
    assert.equal(findExecutable('tool', { PATH: '' }, '/'), undefined);
    assert.equal(findExecutable('./tool', { PATH: '' }, dir), join(dir, 'tool'));
    assert.equal(findExecutable(dir, { PATH: '' }, '/'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runPool: at most `limit` tasks at once, results in task order', async () => {
  let running = 0;
  let most = 0;
  const tasks = [30, 5, 20, 1, 10].map((delay, index) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, delay));
    running--;
    return index;
  });
  assert.equal(await runPool(tasks, 2), [0, 1, 2, 3, 4]);
  assert.equal(most, 2);
  assert.equal(await runPool([], 4), []);
});

test('ToolClock: overlapping runs count once', () => {
  const clock = new ToolClock();
  assert.equal(clock.milliseconds, 0);
  clock.start();
  clock.start();
  clock.stop();
  clock.stop();
  const first = clock.milliseconds;
  assert.ok(first >= 0);
  assert.equal(clock.milliseconds, first, 'stopped: no time passes');
});

test('runTool: exit code, output, and the offline environment the tool sees', async () => {
  const run = await runTool(process.execPath, ['-e', 'process.stdout.write(process.env.HTTPS_PROXY + " " + process.env.GIT_TERMINAL_PROMPT); process.exit(3)'], { cwd: tmpdir(), env: offlineEnv({ PATH: '' }), timeoutMs: 30_000 });
  assert.equal(run.code, 3);
  assert.equal(run.stdout, 'http://127.0.0.1:9 0');
  const missing = await runTool('/nonexistent/tool', [], { cwd: tmpdir(), env: {}, timeoutMs: 1000 });
  assert.equal(missing.code, null);
  assert.ok(missing.error);
});

test('toolMessage: one line without klog prefixes or kustomize deprecation warnings', () => {
  const message = toolMessage({
    code: 1,
    stdout: '',
    stderr: "# Warning: 'commonLabels' is deprecated.\nE1123 18:17:57.410885   12687 run.go:72] \"command failed\" err=\"accumulating resources\"\n\n  details\n",
  });
  assert.equal(message, '"command failed" err="accumulating resources" details');
  assert.equal(toolMessage({ code: 2, stdout: '', stderr: '' }), 'exit code 2');
});

test('each root is built once per run, however often it is named', async () => {
  const { collected } = await lintSources([`${K}/shop/overlays/prod`, `${K}/shop/overlays/prod/`, `${K}/shop/overlays/prod/sidecar.yaml`, `${K}/shop/overlays/../overlays/prod`]);
  assert.equal(
    collected.files.map((file) => file.file),
    [`${K}/shop/overlays/prod (kustomize build)`],
  );
});

test.run();
