// Builds that fail or cannot run, with the real `kubectl kustomize`: a build-error once at the entry that breaks it
// (however many overlays use it), nothing dropped (the resources of a failed root linted as plain files, its bases
// built on their own), kustomize's innermost error, and YAML no kustomization names not linted as whole objects.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { innermostKustomizeError } from '../../src/sources/kustomize';
import { runCli } from '../helpers';
import { KUSTOMIZE_FIXTURES as K, lintSources, rows } from './build-helpers';

const F = `${K}/failing`;
const RULES = { 'no-host-pid': 'error', 'no-host-ipc': 'error', 'no-node-port': 'warning', 'no-privileged': 'error' };

test('failing roots lose nothing: build-errors at their entries (once), resources linted plainly, a base whose consumers fail built as itself', async () => {
  const { result, collected } = await lintSources([F], { rules: RULES });
  assert.equal(rows(result.findings), [
    // base: every overlay over it fails, so it is built on its own (and linted once, not also as a plain file).
    ['no-host-pid', `${F}/base (kustomize build)`, 17, `${F}/base/deployment.yaml`, 14, 7],
    // overlays/dev: the gitignored generator input is missing; its own resource is linted as a plain file.
    ['build-error', `${F}/overlays/dev/kustomization.yaml`, 9, undefined, undefined, undefined],
    ['no-node-port', `${F}/overlays/dev/service.yaml`, 6, undefined, undefined, undefined],
    // overlays/restricted: kustomize's load restrictor, at the entry its message names.
    ['build-error', `${F}/overlays/restricted/kustomization.yaml`, 4, undefined, undefined, undefined],
    // shared: the missing file of a base used by apps/one and apps/two, reported once, at its resources entry.
    ['build-error', `${F}/shared/kustomization.yaml`, 5, undefined, undefined, undefined],
    ['no-host-ipc', `${F}/shared/pod.yaml`, 6, undefined, undefined, undefined],
  ]);
  const [, dev, , restricted, shared] = result.findings;
  assert.equal([dev.column, restricted.column, shared.column], [9, 5, 5]);
  assert.equal(shared.message, '"missing.yaml" does not exist (test/fixtures/kustomize/failing/shared/missing.yaml): kustomize cannot build this kustomization. Commit the file or remove the entry; a generated or gitignored file must be created before linting.');
  assert.match(dev.message, /^"params\.env" does not exist/);
  assert.equal(
    restricted.message,
    "kustomize build of test/fixtures/kustomize/failing/overlays/restricted failed here: resource '../../base/deployment.yaml': security; file 'test/fixtures/kustomize/failing/base/deployment.yaml' is not in or below 'test/fixtures/kustomize/failing/overlays/restricted'",
  );
  assert.equal(
    result.summary.notBuilt?.map((entry) => [entry.path, entry.status, entry.file, entry.line]),
    [
      [`${F}/apps/one`, 'error', `${F}/shared/kustomization.yaml`, 5],
      [`${F}/apps/two`, 'error', `${F}/shared/kustomization.yaml`, 5],
      [`${F}/overlays/dev`, 'error', `${F}/overlays/dev/kustomization.yaml`, 9],
      [`${F}/overlays/restricted`, 'error', `${F}/overlays/restricted/kustomization.yaml`, 4],
      [`${F}/shared`, 'error', `${F}/shared/kustomization.yaml`, 5],
    ],
  );
  assert.equal(collected.builds?.map((file) => file.file), [`${F}/base (kustomize build)`]);
  // The unreferenced patch is not linted as a whole object (no no-privileged), and a note names it.
  assert.equal(collected.notes, [
    `1 file in Kustomize directories is named by no kustomization, so not linted (partial objects such as unused patches; name a file to lint it): ${F}/overlays/dev/unused-patch.yaml`,
  ]);
});

test('a file no kustomization names is linted when named on the command line', async () => {
  const { result, collected } = await lintSources([`${F}/overlays/dev/unused-patch.yaml`], { rules: RULES });
  assert.equal(collected.notes, []);
  assert.equal(rows(result.findings), [['no-privileged', `${F}/overlays/dev/unused-patch.yaml`, 12, undefined, undefined, undefined]]);
});

test('the CLI: build-errors are findings (exit 1, nothing on stderr but the note), SARIF lists each root not built', () => {
  const run = runCli(['--rule', 'no-host-pid=off', '-f', 'sarif', '--preset', 'pss-baseline', F]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^kubeguard: 1 file in Kustomize directories is named by no kustomization/);
  const sarif = JSON.parse(run.stdout);
  const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications as Array<{ descriptor: { id: string }; level: string; message: { text: string }; locations: unknown }>;
  assert.equal(notifications.map((entry) => [entry.descriptor.id, entry.level]), Array(5).fill(['build-error', 'error']));
  assert.match(notifications[0].message.text, /^Kustomize root test\/fixtures\/kustomize\/failing\/apps\/one not built: "missing\.yaml" does not exist/);
  assert.equal(notifications[0].locations, [{ physicalLocation: { artifactLocation: { uri: `${F}/shared/kustomization.yaml`, uriBaseId: '%SRCROOT%' }, region: { startLine: 5 } } }]);
  const buildErrors = sarif.runs[0].results.filter((entry: { ruleId: string }) => entry.ruleId === 'build-error');
  assert.equal(buildErrors.length, 3);
  const rule = sarif.runs[0].tool.driver.rules.find((entry: { id: string }) => entry.id === 'build-error');
  assert.equal(rule.defaultConfiguration.level, 'error');
});

test('innermostKustomizeError: the cause without the frames each base adds', () => {
  const message =
    "\"command failed\" err=\"accumulating resources: accumulation err='accumulating resources from '../base': '/r/base' must resolve to a file': recursed accumulation of path '/r/base': accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on '/r/base/missing.yaml' : lstat /r/base/missing.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/r/base/missing.yaml' : lstat /r/base/missing.yaml: no such file or directory\"";
  assert.equal(innermostKustomizeError(message), "resource 'missing.yaml': evalsymlink failure on '/r/base/missing.yaml' : lstat /r/base/missing.yaml: no such file or directory");
  assert.equal(innermostKustomizeError('"command failed" err="no matches for Id Deployment.v1.apps/web.[noNs]; failed to find unique target for patch"'), 'no matches for Id Deployment.v1.apps/web.[noNs]; failed to find unique target for patch');
});

test.run();
