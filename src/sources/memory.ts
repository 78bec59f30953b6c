// A full garbage collection between builds. Each build output is parsed, linted and dropped (collect.ts), but V8 keeps
// the last build's garbage until the next build's allocations fill a heap grown for it: a run over several overlays
// then peaked near two builds' memory instead of one (bench/builds). One collection before each further build costs
// a few tens of milliseconds.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  if (!collect) {
    // `gc` is exposed to contexts created after the flag is set: a new context's `gc` collects the whole isolate.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
