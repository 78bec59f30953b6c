// Writes a fixed manifest atomically: a temporary file beside the real one (symlinks followed), with the original's
// permission bits and, where allowed, its owner, flushed to disk and renamed over it. Any failure removes the
// temporary file and leaves the original untouched.
import { chmodSync, chownSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface WriteHooks {
  /** Test seam: runs after the temporary file is complete, before the rename. */
  beforeRename?: (temporary: string) => void;
}

export function replaceFileAtomic(path: string, content: string | Uint8Array, hooks: WriteHooks = {}): void {
  const target = realpathSync(path);
  const stats = statSync(target);
  const mode = stats.mode & 0o7777;
  const temporary = join(dirname(target), `.${basename(target)}.kubeguard-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(temporary, 'wx', mode);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    chmodSync(temporary, mode); // the umask may have narrowed the mode given to open
    try {
      chownSync(temporary, stats.uid, stats.gid);
    } catch {
      // Only root may give a file away; everyone else keeps their own files, which is the usual case.
    }
    hooks.beforeRename?.(temporary);
    renameSync(temporary, target);
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
}
