// Atomic file writes: a temp file in the same directory, then rename, so readers never see half a report.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function writeOutput(cwd: string, file: string, content: string): void {
  writeFileAtomic(resolve(cwd, file), content);
}
