import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';

test('an empty input gives no findings', () => {
  assert.equal(lintText([{ file: 'a.yaml', text: '' }], { preset: 'recommended' }).findings, []);
});

test.run();
