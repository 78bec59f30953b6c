// Memory between builds (src/sources/memory.ts): a large heap of garbage is collected, a small one is left to V8.
import { getHeapStatistics } from 'node:v8';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { releaseBuildMemory } from '../../src/sources/memory';

test('a heap holding a dropped build (here 100+ MB of garbage) is collected before the next build is parsed', () => {
  let build: unknown[] | undefined = Array.from({ length: 1_200_000 }, (_, index) => ({ index, text: `line ${index}` }));
  const before = getHeapStatistics().used_heap_size;
  assert.ok((build as unknown[]).length > 0 && before > 64 * 1024 * 1024, `heap ${before}`);
  build = undefined;
  releaseBuildMemory();
  const after = getHeapStatistics().used_heap_size;
  assert.ok(after < before - 50 * 1024 * 1024, `heap ${before} -> ${after}`);
});

test.run();
