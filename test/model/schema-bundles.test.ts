// The schema bundles of dist/schemas (scripts/build-schemas.js, built by `npm test` first) must give exactly the
// results of the kubernetes-models modules they are built from, and their code caches must be accepted by V8: a
// rejected cache costs start-up silently, so it is checked here as a fact, not timed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { loadValidator, runSchemaBundle, type SchemaValidator } from '../../src/model/schema/load';

const root = join(__dirname, '..', '..');
const directory = join(root, 'dist', 'schemas');
const index = JSON.parse(readFileSync(join(directory, 'index.json'), 'utf8')) as Record<string, string>;
const { bundledKinds, topLevelKinds } = require('../../scripts/build-schemas.js') as {
  bundledKinds(kinds: Record<string, string>): Record<string, string>;
  topLevelKinds(): Record<string, string>;
};

function exampleObjects(): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const folder of ['secure', 'insecure']) {
    const dir = join(root, 'examples', folder);
    for (const name of readdirSync(dir).filter((file) => /\.ya?ml$/.test(file))) {
      for (const document of parseAllDocuments(readFileSync(join(dir, name), 'utf8'))) {
        const value = document.toJS() as Record<string, unknown> | null;
        if (value && typeof value.kind === 'string') objects.push(value);
      }
    }
  }
  return objects;
}

function outcome(validate: SchemaValidator, object: unknown): { valid: boolean; errors: string[] } {
  const valid = validate(object);
  return { valid, errors: (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`) };
}

test('the index holds the current built-in kinds: no List kinds, no beta version of a kind that has a GA one', () => {
  const kinds = Object.keys(index);
  assert.ok(kinds.includes('apps/v1/Deployment'));
  assert.ok(kinds.includes('autoscaling/v1/HorizontalPodAutoscaler'), 'a GA version stays beside a newer GA one');
  assert.ok(kinds.includes('flowcontrol.apiserver.k8s.io/v1/FlowSchema'));
  assert.not.ok(kinds.includes('apps/v1beta2/Deployment'));
  assert.not.ok(kinds.some((kind) => kind.endsWith('List')));
  assert.equal(kinds.sort(), Object.keys(bundledKinds(topLevelKinds())).sort());
});

test('every bundle loads with its code cache accepted and validates as the kubernetes-models modules do', () => {
  const examples = exampleObjects();
  let compared = 0;
  for (const [key, name] of Object.entries(index)) {
    const parts = key.split('/');
    const kind = parts.pop()!;
    const apiVersion = parts.join('/');
    const { exports, script } = runSchemaBundle(join(directory, `${name}.js`));
    assert.is(script.cachedDataRejected, false, `${key}: code cache rejected`);
    const bundled = (exports as { validate: SchemaValidator }).validate;
    const fromModules = loadValidator(apiVersion, kind); // from sources: the kubernetes-models modules
    assert.ok(fromModules, `${key}: no kubernetes-models validator`);
    const samples: unknown[] = [
      { apiVersion, kind, metadata: { name: 'x', labels: { app: 'x' } } },
      { apiVersion, kind, metadata: { name: 5, creationTimestamp: 'yesterday', generation: 1.5 }, spec: 'text' },
      { kind },
      ...examples.filter((object) => object.apiVersion === apiVersion && object.kind === kind),
    ];
    for (const sample of samples) {
      assert.equal(outcome(bundled, sample), outcome(fromModules!, sample), `${key}: ${JSON.stringify(sample).slice(0, 120)}`);
      compared++;
    }
  }
  assert.ok(compared > 3 * Object.keys(index).length - 1, `compared ${compared} objects`);
});

test('a stale code cache is rejected by V8 and the bundle still works', () => {
  const file = join(directory, `${index['v1/Service']}.js`);
  const { exports, script } = runSchemaBundle(file, Buffer.from('not a code cache'));
  assert.is(script.cachedDataRejected, true);
  const validate = (exports as { validate: SchemaValidator }).validate;
  assert.is(validate({ apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 'http' }] } }), false);
  assert.equal(validate.errors?.map((error) => error.instancePath), ['/spec/ports/0/port']);
});

test.run();
