// sarif: valid SARIF 2.1.0 (checked against the official schema), with what GitHub code scanning reads: rules with
// help and level, results with region and fingerprints that do not depend on line numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from '../../src/api';
import { FINGERPRINT_KEY, pascalCase, sarif, SARIF_SCHEMA } from '../../src/formatters/sarif';
import { yaml } from '../helpers';
import { awkward, context, everything, helm, kustomize, lintResult, privileged } from './result-fixture';

// The official schema (test/fixtures, verbatim) has two defects a strict validator trips on: `region` lists `anyOf`
// inside `properties`, and two `language` patterns use the `(?i)` inline flag that JavaScript lacks. So the schema
// itself is not meta-validated, unknown keywords are tolerated, and `(?i)` becomes the `i` flag.
function validator() {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif-2.1.0.schema.json'), 'utf8'));
  const regExp = Object.assign(
    (pattern: string, flags: string) => (pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags)),
    { code: 'new RegExp' },
  );
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, code: { regExp } });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = validator();

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> }; logicalLocations?: Array<Record<string, string>> }>;
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{ tool: { driver: Record<string, any> }; originalUriBaseIds: unknown; columnKind: string; results: Result[] }>;
}

function assertValid(text: string): SarifLog {
  const valid = validate(JSON.parse(text));
  assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  return JSON.parse(text) as SarifLog;
}

function run(log: SarifLog) {
  return log.runs[0];
}

test('the validator is live: it rejects a broken log', () => {
  assert.not.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {}, level: 'fatal' }] }] }));
  assert.not.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b.yaml' }, region: { startLine: 0 } } }] }] }] }));
  assert.not.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r', helpUri: 'no uri' }] } } }] }));
});

test('valid against the official SARIF 2.1.0 schema: every finding kind, and an empty run', () => {
  const log = assertValid(sarif(everything(), context()));
  assert.is(log.$schema, SARIF_SCHEMA);
  assert.is(log.version, '2.1.0');
  const empty = assertValid(sarif(lintResult([], ['clean.yaml']), context()));
  assert.equal(run(empty).results, []);
  assert.equal(run(empty).tool.driver.rules, []);
});

test('valid for a real run: every rule of the strict preset over the examples', () => {
  const directory = join(__dirname, '..', '..', 'examples', 'insecure');
  const inputs = readdirSync(directory).map((name) => ({ file: `examples/insecure/${name}`, text: readFileSync(join(directory, name), 'utf8') }));
  const result = lintText(inputs, { preset: 'strict' });
  assert.ok(result.findings.length > 10);
  const log = assertValid(sarif(result, context()));
  assert.is(run(log).results.length, result.findings.length);
});

test('the driver: name, version, the rules that fired (sorted) with help, docs link, level and tags', () => {
  const log = assertValid(sarif(everything(), context()));
  const { driver } = run(log).tool;
  assert.is(driver.name, 'kubeguard');
  assert.is(driver.version, '1.2.3');
  assert.is(driver.semanticVersion, '1.2.3');
  assert.equal(
    driver.rules.map((rule: Record<string, any>) => rule.id),
    ['image-digest', 'no-host-network', 'no-host-pid', 'no-privileged', 'parse-error', 'read-only-root-filesystem'],
  );
  const rule = driver.rules.find((candidate: Record<string, any>) => candidate.id === 'no-privileged');
  const meta = context().rules.get('no-privileged')!;
  assert.is(rule.name, 'NoPrivileged');
  assert.equal(rule.shortDescription, { text: meta.description });
  assert.equal(rule.fullDescription, { text: meta.rationale });
  assert.is(rule.helpUri, 'https://docs.example.test/rules/no-privileged.md');
  assert.ok(rule.help.text.startsWith(`${meta.description}\n\n${meta.rationale}`));
  assert.ok(rule.help.text.includes('References:\n- '));
  assert.ok(rule.help.markdown.includes('[Documentation of no-privileged](https://docs.example.test/rules/no-privileged.md)'));
  assert.equal(rule.defaultConfiguration, { level: 'error' });
  assert.equal(rule.properties, { tags: ['kubernetes', 'security', 'pss-baseline'], 'security-severity': '8.0' });
  // Warning-level and info-level rules: their level, and no security-severity.
  const warning = driver.rules.find((candidate: Record<string, any>) => candidate.id === 'read-only-root-filesystem');
  assert.equal(warning.defaultConfiguration, { level: 'warning' });
  assert.is(warning.properties['security-severity'], undefined);
  const info = driver.rules.find((candidate: Record<string, any>) => candidate.id === 'image-digest');
  assert.equal(info.defaultConfiguration, { level: 'note' });
  // The engine's own ids have a description but no docs page.
  const parse = driver.rules.find((candidate: Record<string, any>) => candidate.id === 'parse-error');
  assert.is(parse.helpUri, undefined);
  assert.equal(parse.defaultConfiguration, { level: 'error' });
  assert.ok(parse.shortDescription.text.length > 10);
});

test('PascalCase names', () => {
  assert.is(pascalCase('no-host-pid'), 'NoHostPid');
  assert.is(pascalCase('parse-error'), 'ParseError');
  assert.is(pascalCase('a'), 'A');
});

test('results: ruleId, ruleIndex, level, message, region with start and end, URI relative to %SRCROOT%', () => {
  const log = assertValid(sarif(lintResult([privileged, awkward]), context({ cwd: '/work/my repo' })));
  const { results, tool } = run(log);
  assert.equal(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/my%20repo/' } });
  assert.is(log.runs[0].columnKind, 'utf16CodeUnits');
  const [odd, web] = results;
  assert.is(web.ruleId, 'no-privileged');
  assert.is(tool.driver.rules[web.ruleIndex].id, 'no-privileged');
  assert.is(web.level, 'error');
  assert.equal(web.message, { text: 'Container "web" runs privileged.' });
  assert.equal(web.locations[0].physicalLocation, {
    artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 12, startColumn: 13, endLine: 12, endColumn: 23 },
  });
  assert.equal(web.locations[0].logicalLocations, [{ name: 'web', fullyQualifiedName: 'Deployment/prod/web', kind: 'resource' }]);
  assert.equal(web.properties, { path: 'spec.template.spec.containers[0].securityContext.privileged' });
  // Spaces, commas and % are percent-encoded in the URI; info is a note; a cluster-scoped name has no namespace.
  assert.is(odd.locations[0].physicalLocation.artifactLocation.uri, 'deploy/odd%20name%2C%2050%25.yaml');
  assert.is(odd.level, 'note');
  assert.is(odd.message.text, awkward.message);
  assert.is(odd.locations[0].logicalLocations![0].fullyQualifiedName, 'Pod/odd');
});

test('a file outside the working directory is an absolute file: URI', () => {
  const log = assertValid(sarif(lintResult([{ ...privileged, file: '/elsewhere/x y.yaml' }]), context()));
  assert.equal(run(log).results[0].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/x%20y.yaml' });
});

test('origins: results sit at the source file; a Helm template without a line starts at line 1 and names the field', () => {
  const log = assertValid(sarif(lintResult([kustomize, helm]), context()));
  const [worker, api] = run(log).results;
  assert.equal(worker.locations[0].physicalLocation, {
    artifactLocation: { uri: 'base/worker.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 21, startColumn: 7, endLine: 21, endColumn: 15 },
  });
  assert.equal(worker.properties!.rendered, { file: 'overlays/prod', line: 77, column: 9, via: 'kustomize' });
  assert.equal(api.locations[0].physicalLocation, { artifactLocation: { uri: 'charts/api/templates/deployment.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  assert.is(api.message.text, 'Pod template of Deployment "api" uses the host network. (Deployment/prod/api spec.template.spec.hostNetwork)');
});

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: prod
  spec:
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              privileged: true
          - name: sidecar
            image: busybox:1.36
            securityContext:
              privileged: true
`;

function fingerprints(text: string): Array<[string, string, number, string]> {
  const result = lintText([{ file: 'deploy/web.yaml', text }], { rules: { 'no-privileged': 'error' } });
  const log = assertValid(sarif(result, context()));
  return run(log).results.map((entry) => [entry.ruleId, String(entry.properties!.path), entry.locations[0].physicalLocation.region.startLine, entry.partialFingerprints[FINGERPRINT_KEY]]);
}

test('fingerprints survive lines inserted above a finding, and differ between containers', () => {
  const before = fingerprints(deployment);
  const shifted = fingerprints(`# a comment\n# another\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: unrelated}\n---\n${deployment}`);
  assert.is(before.length, 2);
  assert.is(shifted[0][2], before[0][2] + 6);
  assert.equal(
    shifted.map(([ruleId, path, , fingerprint]) => [ruleId, path, fingerprint]),
    before.map(([ruleId, path, , fingerprint]) => [ruleId, path, fingerprint]),
  );
  assert.is.not(before[0][3], before[1][3]);
  assert.match(before[0][3], /^[0-9a-f]{32}:1$/);
});

test('identical keys get distinct fingerprints by occurrence; another object or file changes the fingerprint', () => {
  const twice = sarif(lintResult([privileged, { ...privileged, line: 30 }]), context());
  const [first, second] = run(JSON.parse(twice) as SarifLog).results.map((entry) => entry.partialFingerprints[FINGERPRINT_KEY]);
  assert.is(first.split(':')[0], second.split(':')[0]);
  assert.equal([first.split(':')[1], second.split(':')[1]], ['1', '2']);
  const other = (finding: typeof privileged) => run(JSON.parse(sarif(lintResult([finding]), context())) as SarifLog).results[0].partialFingerprints[FINGERPRINT_KEY];
  assert.is.not(other({ ...privileged, object: { ...privileged.object!, name: 'api' } }), first);
  assert.is.not(other({ ...privileged, file: 'deploy/api.yaml' }), first);
  assert.is(other({ ...privileged, line: 99, column: 1, endLine: 99, endColumn: 4, message: 'reworded' }), first);
});

test('roots and charts not built: build findings with their engine descriptors, and one notification each in the invocation', () => {
  const skipped = { file: 'chart/Chart.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, ruleId: 'build-skipped', severity: 'warning' as const, message: 'not rendered: helm is not on PATH.' };
  const broken = { file: 'base/kustomization.yaml', line: 5, column: 5, endLine: 5, endColumn: 6, ruleId: 'build-error', severity: 'error' as const, message: '"missing.yaml" does not exist.' };
  const result = lintResult([skipped, broken], []);
  result.summary.notBuilt = [
    { path: 'chart', tool: 'helm', status: 'skipped', reason: skipped.message, file: skipped.file, line: 1 },
    { path: 'overlays/prod', tool: 'kustomize', status: 'error', reason: broken.message, file: broken.file, line: 5 },
    { path: 'overlays/remote', tool: 'kustomize', status: 'partial', reason: 'Remote resource "https://example.com/x" is not fetched.', file: 'overlays/remote/kustomization.yaml', line: 4 },
  ];
  const log = assertValid(sarif(result, context()));
  const descriptors = run(log).tool.driver.rules.map((rule: { id: string; defaultConfiguration: { level: string } }) => [rule.id, rule.defaultConfiguration.level]);
  assert.equal(descriptors, [['build-error', 'error'], ['build-skipped', 'warning']]);
  const notifications = (run(log) as unknown as { invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }).invocations[0];
  assert.equal(notifications.executionSuccessful, true);
  assert.equal(
    notifications.toolExecutionNotifications.map((entry) => [entry.level, entry.message.text]),
    [
      ['warning', 'Helm chart chart not built: not rendered: helm is not on PATH.'],
      ['error', 'Kustomize root overlays/prod not built: "missing.yaml" does not exist.'],
      ['note', 'Kustomize root overlays/remote built without its remote entries: Remote resource "https://example.com/x" is not fetched.'],
    ],
  );
  assert.not.ok('invocations' in run(assertValid(sarif(lintResult([skipped], []), context()))), 'no invocation when every build ran');
});

test.run();
