// Standard output and error for the CLI without creating process.stdout / process.stderr up front: those getters
// load the stream, net and tty modules, 8-20 ms of a ~100 ms start. Writes go straight to the file descriptor
// (synchronously, so nothing is lost at exit); anything beyond `write` and `isTTY`, or a descriptor that would block,
// switches to the real stream for good, so output stays in order.
import { fstatSync, writeSync } from 'node:fs';

type Fd = 1 | 2;

/** Whether `fd` is a terminal. A pipe or a file answers from one fstat; only character devices need a real check. */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  // process.binding('tty_wrap') answers without loading the tty and net modules; it warns only under
  // --pending-deprecation, where the public module is used instead.
  const pending = process.execArgv.includes('--pending-deprecation') || /(^|\s)--pending-deprecation\b/.test(process.env.NODE_OPTIONS ?? '') || process.env.NODE_PENDING_DEPRECATION === '1';
  if (!pending) {
    try {
      const binding = (process as unknown as { binding(name: string): { isTTY?: (fd: number) => boolean } }).binding('tty_wrap');
      if (typeof binding.isTTY === 'function') return binding.isTTY(fd);
    } catch {
      // not available in this Node version: fall through
    }
  }
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** A stand-in for process.stdout (fd 1) or process.stderr (fd 2). */
export function standardStream(fd: Fd): NodeJS.WriteStream {
  let real: NodeJS.WriteStream | undefined;
  let terminal: boolean | undefined;
  const stream = () => (real ??= fd === 1 ? process.stdout : process.stderr);

  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    if (real) return (real.write as (...args: unknown[]) => boolean)(chunk, ...rest);
    const callback = rest.find((arg): arg is (error?: Error | null) => void => typeof arg === 'function');
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8') : chunk;
    while (bytes.length) {
      try {
        bytes = bytes.subarray(writeSync(fd, bytes));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') return stream().write(bytes, callback); // a non-blocking pipe is full: let the stream queue it
        if (code === 'EPIPE') {
          // The reader has gone (`kubeguard | head`): drop the rest quietly, as a shell tool does.
          callback?.();
          return false;
        }
        throw error;
      }
    }
    if (callback) process.nextTick(callback);
    return true;
  };

  return new Proxy({} as NodeJS.WriteStream, {
    get(_target, key) {
      if (key === 'write') return write;
      if (key === 'isTTY') return real ? real.isTTY : (terminal ??= isTerminal(fd));
      if (key === 'fd') return fd;
      const target = stream();
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_target, key, value) {
      return Reflect.set(stream(), key, value);
    },
    has(_target, key) {
      return key === 'write' || key === 'isTTY' || key === 'fd' || Reflect.has(stream(), key);
    },
  });
}
