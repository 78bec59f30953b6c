// No network: the built CLI lints the whole corpus with a preload that makes every socket, DNS, HTTP and fetch call
// fail (test/fixtures/robustness/no-network.js). External tools the CLI may spawn (kubectl kustomize) are separate
// processes the preload cannot see; the corpus builds offline.
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CORPUS, FIXTURES, cleanEnv, kubeguard, openTempDir, removeTempDirs } from './cli';

const PRELOAD = join(FIXTURES, 'no-network.js');
const MARK = /NETWORK ACCESS ATTEMPTED/;

test('the preload catches each kind of network use (so the test below can fail)', () => {
  const attempts: Record<string, string> = {
    dns: "require('dns').lookup('example.com', () => {})",
    'dns.promises': "require('dns').promises.resolve4('example.com').catch(() => {})",
    net: "require('net').connect(80, 'example.com')",
    'net.Socket': "new (require('net').Socket)().connect(80, '127.0.0.1')",
    tls: "require('tls').connect(443, 'example.com')",
    http: "require('http').get('http://example.com')",
    https: "require('https').request('https://example.com')",
    fetch: "fetch('https://example.com')",
    dgram: "require('dgram').createSocket('udp4')",
  };
  for (const [api, code] of Object.entries(attempts)) {
    const run = spawnSync(process.execPath, ['--require', PRELOAD, '-e', code], { encoding: 'utf8', env: cleanEnv(), timeout: 30_000 });
    assert.match(run.stderr, MARK, `${api} was not caught`);
    assert.not.equal(run.status, 0, api);
  }
});

test('a full lint of the corpus makes no network call', () => {
  const cwd = openTempDir('kubeguard-offline-');
  const all = kubeguard(['--format', 'json', '--preset', 'strict', '--no-build', join(CORPUS, 'real'), join(CORPUS, 'helm-rendered'), join(CORPUS, 'kustomize')], { cwd, nodeArgs: ['--require', PRELOAD] });
  assert.not.match(all.stderr, MARK, all.stderr.slice(0, 2000));
  assert.ok(all.code === 0 || all.code === 1, `exit ${all.code}: ${all.stderr.slice(0, 2000)}`);
  const summary = (JSON.parse(all.stdout) as { summary: { files: number; objects: number } }).summary;
  assert.ok(summary.files > 400 && summary.objects > 900, JSON.stringify(summary));
  // With the default settings too: Kustomize directories are built where a kustomize (or kubectl) is installed.
  const built = kubeguard(['--format', 'json', join(CORPUS, 'real')], { cwd, nodeArgs: ['--require', PRELOAD] });
  assert.not.match(built.stderr, MARK, built.stderr.slice(0, 2000));
  assert.ok(built.code === 0 || built.code === 1 || built.code === 2, `exit ${built.code}: ${built.stderr.slice(0, 2000)}`);
  JSON.parse(built.stdout);
});

test.after(removeTempDirs);

test.run();
