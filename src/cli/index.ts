// Entry point of the bundle: wires the real process into run().
import { run } from './main';
import { standardStream } from './stdio';
import { runLintWorker, WORKER_ENV } from '../sources/parallel';

/** Standard input as bytes, read up to one byte past `maxBytes` (never to the end of an endless pipe). */
function readStdin(maxBytes = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > maxBytes) {
        process.stdin.destroy();
        resolvePromise(Buffer.concat(chunks, total));
      }
    });
    process.stdin.on('end', () => resolvePromise(Buffer.concat(chunks, total)));
    process.stdin.on('error', reject);
  });
}

// A worker thread of a large run (src/sources/parallel.ts) loads this same bundle, and serves instead.
const isLintWorker = process.env[WORKER_ENV] === '1' && !(require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;
if (isLintWorker) runLintWorker();
else runCli();

function runCli(): void {
  run({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env, stdout: standardStream(1), stderr: standardStream(2), readStdin }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`kubeguard: internal error: ${error.stack ?? error.message}\nPlease report this bug.\n`);
      process.exitCode = 2;
    },
  );
}
