// Entry point of the bundle: wires the real process into run().
import { run } from './main';
import { standardStream } from './stdio';

function readStdin(): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

run({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env, stdout: standardStream(1), stderr: standardStream(2), readStdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`kubeguard: internal error: ${error.stack ?? error.message}\nPlease report this bug.\n`);
    process.exitCode = 2;
  },
);
