import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { containerLabel } from '../../src/rules/utils/container-label';
import { objectLabel } from '../../src/rules/utils/object-label';

test('objectLabel: the name, the generateName prefix, or "unnamed", never Kind ""', () => {
  assert.is(objectLabel({ kind: 'Job', metadata: { name: 'pi' } }), 'Job "pi"');
  assert.is(objectLabel({ kind: 'Job', metadata: { generateName: 'pi-' } }), 'Job generated from "pi-"');
  assert.is(objectLabel({ kind: 'Pod', metadata: { name: '', generateName: '' } }), 'unnamed Pod');
  assert.is(objectLabel({ kind: 'Pod' }), 'unnamed Pod');
  assert.is(objectLabel({ metadata: { name: 7 as unknown as string } }), 'unnamed Object');
});

test('containerLabel: a quoted name, or an unquoted position', () => {
  assert.is(containerLabel({ value: { name: 'web' }, list: 'containers', index: 0 }), 'Container "web"');
  assert.is(containerLabel({ value: { name: '' }, list: 'containers', index: 0 }), 'Container #1');
  assert.is(containerLabel({ value: {} as { name: string }, list: 'initContainers', index: 1 }), 'Init container #2');
  assert.is(containerLabel({ value: { name: 'debug' }, list: 'ephemeralContainers', index: 0 }), 'Ephemeral container "debug"');
});

test.run();
