import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  effectiveNamespace,
  isEmptyLabelSelector,
  labelSelectorError,
  matchesLabelSelector,
  matchesServiceSelector,
  toLabels,
} from '../../src/rules/utils/label-selector';

const web = { app: 'web', tier: 'frontend', env: 'prod' };

test('LabelSelector: {} and empty parts select everything; null and absent select nothing', () => {
  assert.ok(matchesLabelSelector({}, web));
  assert.ok(matchesLabelSelector({}, undefined));
  assert.ok(matchesLabelSelector({ matchLabels: {}, matchExpressions: [] }, web));
  assert.ok(matchesLabelSelector({ matchLabels: null }, web));
  assert.not.ok(matchesLabelSelector(null, web));
  assert.not.ok(matchesLabelSelector(undefined, web));
  assert.ok(isEmptyLabelSelector({}));
  assert.ok(isEmptyLabelSelector({ matchLabels: {} }));
  assert.not.ok(isEmptyLabelSelector(null));
  assert.not.ok(isEmptyLabelSelector({ matchLabels: { app: 'web' } }));
});

test('LabelSelector: matchLabels needs every pair', () => {
  assert.ok(matchesLabelSelector({ matchLabels: { app: 'web' } }, web));
  assert.ok(matchesLabelSelector({ matchLabels: { app: 'web', tier: 'frontend' } }, web));
  assert.not.ok(matchesLabelSelector({ matchLabels: { app: 'web', tier: 'backend' } }, web));
  assert.not.ok(matchesLabelSelector({ matchLabels: { app: 'web' } }, {}));
  assert.not.ok(matchesLabelSelector({ matchLabels: { app: 'Web' } }, web), 'values are case-sensitive');
});

test('LabelSelector: In, NotIn, Exists, DoesNotExist', () => {
  const expression = (operator: string, values?: string[]) => ({ matchExpressions: [{ key: 'tier', operator, values }] });
  assert.ok(matchesLabelSelector(expression('In', ['frontend', 'backend']), web));
  assert.not.ok(matchesLabelSelector(expression('In', ['backend']), web));
  assert.not.ok(matchesLabelSelector(expression('In', ['frontend']), { app: 'web' }), 'In needs the key');
  assert.ok(matchesLabelSelector(expression('NotIn', ['backend']), web));
  assert.not.ok(matchesLabelSelector(expression('NotIn', ['frontend']), web));
  assert.ok(matchesLabelSelector(expression('NotIn', ['frontend']), { app: 'web' }), 'NotIn matches an absent key');
  assert.ok(matchesLabelSelector(expression('Exists'), web));
  assert.not.ok(matchesLabelSelector(expression('Exists'), { app: 'web' }));
  assert.ok(matchesLabelSelector(expression('DoesNotExist'), { app: 'web' }));
  assert.not.ok(matchesLabelSelector(expression('DoesNotExist'), web));
  assert.ok(matchesLabelSelector(expression('Exists', []), web), 'an empty values list is allowed for Exists');
});

test('LabelSelector: matchLabels AND matchExpressions', () => {
  const selector = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod', 'staging'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };
  assert.ok(matchesLabelSelector(selector, web));
  assert.not.ok(matchesLabelSelector(selector, { ...web, canary: 'true' }));
  assert.not.ok(matchesLabelSelector(selector, { ...web, app: 'api' }));
  assert.not.ok(matchesLabelSelector(selector, { ...web, env: 'dev' }));
});

test('LabelSelector: invalid selectors select nothing and say why', () => {
  const invalid: unknown[] = [
    'app=web',
    ['app'],
    { matchLabels: 'app=web' },
    { matchLabels: { app: { nested: true } } },
    { matchExpressions: { key: 'app' } },
    { matchExpressions: [{ key: 'tier', operator: 'In' }] },
    { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] },
    { matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['x'] }] },
    { matchExpressions: [{ key: 'tier', operator: 'in', values: ['frontend'] }] },
    { matchExpressions: [{ operator: 'Exists' }] },
    { matchExpressions: ['tier'] },
  ];
  for (const selector of invalid) {
    assert.not.ok(matchesLabelSelector(selector, web), JSON.stringify(selector));
    assert.type(labelSelectorError(selector), 'string', JSON.stringify(selector));
  }
  assert.is(labelSelectorError({ matchLabels: { app: 'web' } }), undefined);
  assert.is(labelSelectorError(null), undefined);
});

test('LabelSelector: scalar values typed by YAML compare as text; malformed labels are ignored', () => {
  assert.ok(matchesLabelSelector({ matchLabels: { enabled: 'true', port: '80' } }, { enabled: true, port: 80 }));
  assert.ok(matchesLabelSelector({ matchLabels: { enabled: true } }, { enabled: 'true' }));
  assert.not.ok(matchesLabelSelector({ matchLabels: { app: 'web' } }, 'app=web'));
  assert.not.ok(matchesLabelSelector({ matchLabels: { app: 'web' } }, [{ app: 'web' }]));
  assert.equal([...toLabels({ a: 'x', b: null, c: { d: 1 }, e: 2 })], [['a', 'x'], ['e', '2']]);
});

test('Service selector: every pair must match; empty or absent selects nothing', () => {
  assert.ok(matchesServiceSelector({ app: 'web' }, web));
  assert.ok(matchesServiceSelector({ app: 'web', env: 'prod' }, web));
  assert.not.ok(matchesServiceSelector({ app: 'web', env: 'dev' }, web));
  assert.not.ok(matchesServiceSelector({}, web));
  assert.not.ok(matchesServiceSelector(undefined, web));
  assert.not.ok(matchesServiceSelector(null, web));
  assert.not.ok(matchesServiceSelector('app=web', web));
  assert.not.ok(matchesServiceSelector({ app: ['web'] }, web));
  assert.not.ok(matchesServiceSelector({ matchLabels: { app: 'web' } }, web), 'a LabelSelector shape is not a Service selector');
});

test('effectiveNamespace: metadata.namespace, else default', () => {
  assert.is(effectiveNamespace({ metadata: { namespace: 'prod' } }), 'prod');
  assert.is(effectiveNamespace({ metadata: { name: 'x' } }), 'default');
  assert.is(effectiveNamespace({ metadata: { namespace: '' } }), 'default');
  assert.is(effectiveNamespace({ metadata: { namespace: 42 } }), 'default');
  assert.is(effectiveNamespace({ metadata: null }), 'default');
  assert.is(effectiveNamespace(null), 'default');
});

test.run();
