// A full garbage collection between builds. Each build output is parsed, linted and dropped (collect.ts), but V8 keeps
// the last build's garbage until the next build's allocations fill a heap grown for it: a run over several overlays
// of a multi-MB base then peaked near two builds' memory instead of one (bench/builds). Small heaps (most
// repositories' builds) are left to V8: a collection costs tens of milliseconds.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const WORTH_COLLECTING = 64 * 1024 * 1024;

let collect: (() => void) | undefined;

export function releaseBuildMemory(): void {
  if (getHeapStatistics().used_heap_size < WORTH_COLLECTING) return;
  if (!collect) {
    // `gc` is exposed to contexts created after the flag is set: a new context's `gc` collects the whole isolate.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
