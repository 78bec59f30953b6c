// Finds Gatekeeper Constraint files in a repository, for `kubeguard init` to offer them as `constraints`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIPPED = new Set(['.git', 'node_modules', 'vendor', 'dist', 'build']);
const CONSTRAINT = /^apiVersion:\s*["']?constraints\.gatekeeper\.sh\//m;
// A bounded walk: init must answer at once even in a large monorepo.
const MAX_FILES = 20_000;
const MAX_BYTES = 1024 * 1024;

/** The directories (relative, `/`-separated) holding YAML files with Gatekeeper Constraints, with their file counts. */
export function findConstraintDirectories(cwd: string): Array<{ directory: string; files: number }> {
  const found = new Map<string, number>();
  let seen = 0;
  const walk = (directory: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (seen >= MAX_FILES) return;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.')) walk(path);
        continue;
      }
      if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
      seen++;
      try {
        if (statSync(path).size > MAX_BYTES || !CONSTRAINT.test(readFileSync(path, 'utf8'))) continue;
      } catch {
        continue;
      }
      const key = relative(cwd, directory).split('\\').join('/') || '.';
      found.set(key, (found.get(key) ?? 0) + 1);
    }
  };
  walk(cwd);
  return [...found].map(([directory, files]) => ({ directory, files })).sort((a, b) => (a.directory < b.directory ? -1 : 1));
}
