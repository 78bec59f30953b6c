// An object with only a status (kuttl/chainsaw assertions: the state a test expects) is not a manifest: it is not
// linted, not part of the lint set that cross-object rules compare, and the result says it was left out.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { isPartialObject, parseManifest } from '../../src/sources/yaml-loader';
import { yaml } from '../helpers';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: prod}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
        - name: web
          image: nginx:1.27
          securityContext: {privileged: true}
`;
const assertion = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: prod}
  status:
    readyReplicas: 1
  ---
  apiVersion: v1
  kind: List
  items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: web-0, namespace: prod}
    status: {phase: Running}
`;

test('status without spec or other content is partial; status beside spec or data is not', () => {
  assert.ok(isPartialObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Running' } }));
  assert.not.ok(isPartialObject({ apiVersion: 'v1', kind: 'Pod', spec: {}, status: {} }));
  assert.not.ok(isPartialObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } }));
  assert.not.ok(isPartialObject({ apiVersion: 'v1', kind: 'Secret', data: {}, status: {} }));
});

test('assertions are not linted nor compared with the objects they assert; the result lists them at their lines', () => {
  const result = lintText(
    [
      { file: 'deploy.yaml', text: deployment },
      { file: '00-assert.yaml', text: assertion },
    ],
    { rules: { 'no-privileged': 'error', 'duplicate-object': 'error', schema: 'error' } },
  );
  assert.equal(result.findings.map((finding) => [finding.file, finding.ruleId, finding.line]), [['deploy.yaml', 'no-privileged', 12]]);
  assert.equal(result.summary.objects, 1);
  assert.equal(result.skipped, [
    { file: '00-assert.yaml:1', reason: 'a partial object (status without spec): the expected state of a test, not linted' },
    { file: '00-assert.yaml:10', reason: 'a partial object (status without spec): the expected state of a test, not linted' },
  ]);
  assert.equal(parseManifest('00-assert.yaml', assertion).partials?.length, 2);
});

test.run();
