import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/** The kubeguard package directory (holds rulesets/ and docs/), from the bundle in dist/ or the sources in src/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'kubeguard') return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the kubeguard package directory');
    dir = parent;
  }
}
