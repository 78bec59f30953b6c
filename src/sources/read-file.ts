// Reads one input file defensively: size limit, binary content and invalid UTF-8 become clear problems, never crashes;
// pipes and devices (`<(helm template ...)`, /dev/stdin) are read up to the size limit, never to an endless end.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

export type ReadOutcome = { text: string } | { problem: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

function overLimit(size: number | string, maxFileSize: number, setting = 'maxFileSize', what = 'file'): ReadOutcome {
  return { problem: `${what} is ${size} bytes, over the limit of ${maxFileSize} (${setting} in the config)` };
}

/** Byte offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const byte = bytes[index];
    if (byte < 0x80) {
      index++;
      continue;
    }
    let length: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) [length, min] = [2, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min] = [3, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min] = [4, 0x10000];
    else return index;
    if (index + length > bytes.length) return index;
    let codePoint = byte & (0xff >> (length + 1));
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      if ((continuation & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset in UTF-8 text that is valid up to that offset. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) [line, lineStart] = [line + 1, index + 1];
  let column = 1;
  for (let index = lineStart; index < offset; index++) if ((bytes[index] & 0xc0) !== 0x80) column++;
  return { line, column };
}

export function decodeManifest(bytes: Uint8Array, maxFileSize: number): ReadOutcome {
  if (bytes.length > maxFileSize) return overLimit(bytes.length, maxFileSize);
  const nul = bytes.subarray(0, 8000).indexOf(0);
  if (nul !== -1) {
    // UTF-16 and UTF-32 files are full of NUL bytes too: name them, since a BOM tells them apart.
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    return { problem: utf16 ? 'file is UTF-16 encoded; save it as UTF-8' : 'binary file (contains NUL bytes), not a manifest' };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    if (offset === -1) return { problem: 'file is not valid UTF-8' };
    const { line, column } = bytePosition(bytes, offset);
    return { problem: `file is not valid UTF-8: byte 0x${bytes[offset].toString(16).padStart(2, '0')} at line ${line}, column ${column}` };
  }
}

/** Reads a pipe or device in chunks, stopping one byte past the limit. */
function readCapped(path: string, maxFileSize: number): Uint8Array | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxFileSize + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxFileSize) return undefined;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOENT') return 'no such file (removed while linting?)';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return (error as Error).message;
}

/**
 * Decodes input read up to one byte past the limit (a pipe, standard input): the same checks as a file, and over the
 * limit the whole size is unknown, so it is said as "more than".
 */
export function decodeCapped(bytes: Uint8Array, maxFileSize: number, setting?: 'maxStdinSize'): ReadOutcome {
  if (bytes.length > maxFileSize) return setting ? overLimit(`more than ${maxFileSize}`, maxFileSize, setting, 'standard input') : overLimit(`more than ${maxFileSize}`, maxFileSize);
  return decodeManifest(bytes, maxFileSize);
}

export function readManifest(path: string, maxFileSize: number): ReadOutcome {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return { problem: 'cannot read file: is a directory' };
    if (stats.isFile()) {
      if (stats.size > maxFileSize) return overLimit(stats.size, maxFileSize);
      return decodeManifest(readFileSync(path), maxFileSize);
    }
    const bytes = readCapped(path, maxFileSize);
    return bytes ? decodeCapped(bytes, maxFileSize) : overLimit(`more than ${maxFileSize}`, maxFileSize);
  } catch (error) {
    return { problem: `cannot read file: ${describeError(error)}` };
  }
}
