// stylish with built objects: the source position first, the built position beside it, the source line as the frame
// when the origin has one (else the built line).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stylish } from '../../src/formatters/stylish';
import { context, helm, kustomize, lintResult, privileged } from './result-fixture';

function withSources(result: ReturnType<typeof lintResult>, sources: Record<string, string>) {
  return { ...result, sources: new Map([...result.sources, ...Object.entries(sources)]) };
}

const built = Array.from({ length: 80 }, (_, index) => `line ${index + 1}`);
built[76] = '        hostPID: true';
const base = Array.from({ length: 25 }, () => '');
base[20] = '      hostPID: true';

test('a Kustomize origin with a position: source first, built beside, the base line in the frame', () => {
  const output = stylish(withSources(lintResult([kustomize]), { 'overlays/prod': built.join('\n'), 'base/worker.yaml': base.join('\n') }), context());
  const lines = output.split('\n');
  assert.equal(lines[0], 'overlays/prod');
  assert.equal(lines[1], '  base/worker.yaml:21:7 error    Pod template of Deployment "worker" shares the host PID namespace.  no-host-pid  (built 77:9, via kustomize)');
  assert.equal(lines[2], '           21 |       hostPID: true');
  assert.equal(lines[3], '              |       ^^^^^^^');
});

test('a Helm origin without a line: the template file first, the rendered line in the frame', () => {
  const rendered = Array.from({ length: 45 }, (_, index) => `line ${index + 1}`);
  rendered[39] = '          hostNetwork: true';
  const output = stylish(withSources(lintResult([helm]), { 'rendered.yaml': rendered.join('\n') }), context());
  const lines = output.split('\n');
  assert.equal(lines[1], '  charts/api/templates/deployment.yaml error    Pod template of Deployment "api" uses the host network.  no-host-network  (built 40:11, via helm)');
  assert.equal(lines[2], '           40 |           hostNetwork: true');
});

test('an origin file that is not in the sources: the built frame', () => {
  const output = stylish(withSources(lintResult([kustomize]), { 'overlays/prod': built.join('\n') }), context());
  assert.equal(output.split('\n')[2], '           77 |         hostPID: true');
});

test('plain findings keep the built position only', () => {
  const output = stylish(lintResult([privileged]), context());
  assert.match(output.split('\n')[1], /^ {2}12:13 {4}error {4}Container "web" runs privileged\. {2}no-privileged$/);
});

test.run();
