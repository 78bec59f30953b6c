// Reads one input file defensively: size limit, binary content and invalid UTF-8 become clear problems.
import { readFileSync, statSync } from 'node:fs';

export type ReadOutcome = { text: string } | { problem: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeManifest(bytes: Uint8Array, maxFileSize: number): ReadOutcome {
  if (bytes.length > maxFileSize) return { problem: `file is ${bytes.length} bytes, over the limit of ${maxFileSize} (maxFileSize)` };
  if (bytes.subarray(0, 8000).includes(0)) return { problem: 'binary file (contains NUL bytes), not a manifest' };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { problem: 'file is not valid UTF-8' };
  }
}

export function readManifest(path: string, maxFileSize: number): ReadOutcome {
  try {
    const size = statSync(path).size;
    if (size > maxFileSize) return { problem: `file is ${size} bytes, over the limit of ${maxFileSize} (maxFileSize)` };
    return decodeManifest(readFileSync(path), maxFileSize);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `cannot read file: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}` };
  }
}
