// Conformance with the Gatekeeper policy library's own suites (../shared/corpus/gatekeeper-library): for every suite
// of a kind kubeguard evaluates, every case gives the suite's answer (violations yes/no; a count means yes exactly when
// it is at least 1), with `inventory:` objects in the lint set. AdmissionReview update cases are skipped with a reason:
// kubeguard judges manifests, not updates of live objects.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { lintText } from '../src/api';
import { CONSTRAINT_KINDS } from '../src/policy/gatekeeper/kinds/index';

const LIBRARY = path.resolve(__dirname, '../../shared/corpus/gatekeeper-library/library');

/** Suites kubeguard does not evaluate, with the reason (docs/admission-policy.md lists the same). */
const UNSUPPORTED: Record<string, string> = {
  'general/noupdateserviceaccount': 'judges who sends an UPDATE of a ServiceAccount (the request\'s user and groups): a manifest has no requester',
};

/**
 * Cases where kubeguard answers differently on purpose, with the reason; the test asserts the different answer, so
 * a change of behaviour shows here.
 */
const DEVIATIONS: Record<string, string> = {
  'general/storageclass storageclass example-disallowed-pvc-badname':
    'no StorageClass in the lint set: the cluster\'s classes are unknown offline, so a class name is judged only against allowedStorageClasses (this constraint has none)',
  'general/storageclass storageclass example-disallowed-ssvct-badnamename':
    'no StorageClass in the lint set: the cluster\'s classes are unknown offline, so a class name is judged only against allowedStorageClasses (this constraint has none)',
};

interface Assertion {
  violations: 'yes' | 'no' | number | boolean;
  message?: string;
}
interface Case {
  name: string;
  object: string;
  inventory?: string[];
  assertions: Assertion[];
}

function suites(): string[] {
  const found: string[] = [];
  for (const group of ['general', 'pod-security-policy']) {
    for (const name of readdirSync(path.join(LIBRARY, group)).sort()) {
      if (existsSync(path.join(LIBRARY, group, name, 'suite.yaml'))) found.push(`${group}/${name}`);
    }
  }
  return found;
}

function count(value: Assertion['violations']): number | 'yes' {
  if (value === 'yes' || value === true) return 'yes';
  if (value === 'no' || value === false) return 0;
  return Number(value);
}

/** The suite's answer for the whole case, or undefined when its assertions only count messages kubeguard words differently. */
function expectedViolation(assertions: readonly Assertion[]): boolean | undefined {
  if (assertions.some((assertion) => count(assertion.violations) === 'yes' || (count(assertion.violations) as number) >= 1)) return true;
  if (assertions.some((assertion) => assertion.message === undefined && count(assertion.violations) === 0)) return false;
  return undefined;
}

function documents(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS()).filter((object) => object !== null);
}

function lineHoldsKey(text: string, line: number, findingPath: string): boolean {
  const keys = findingPath.match(/[A-Za-z_][\w-]*|\[\d+\]/g) ?? [];
  const content = text.split('\n')[line - 1] ?? '';
  // The finding's line holds one of its path's keys (a missing field points at its nearest existing parent) or an item.
  return keys.some((key) => content.includes(key.replace(/[[\]]/g, ''))) || content.trimStart().startsWith('-') || /^(apiVersion|kind):/.test(content);
}

const all = suites();
let skippedUpdates = 0;
let judged = 0;
let deviations = 0;

test('the library holds 49 suites; every suite is supported or listed as unsupported with a reason', () => {
  assert.is(all.length, 49);
  for (const suite of all) {
    const suiteFile = parse(readFileSync(path.join(LIBRARY, suite, 'suite.yaml'), 'utf8'));
    for (const entry of suiteFile.tests) {
      const kind = parse(readFileSync(path.join(LIBRARY, suite, entry.constraint), 'utf8')).kind;
      assert.ok(CONSTRAINT_KINDS.has(kind) !== suite in UNSUPPORTED, `${suite} (${kind}): ${CONSTRAINT_KINDS.has(kind) ? 'supported and listed as unsupported' : 'neither supported nor listed'}`);
    }
  }
});

for (const suite of all) {
  const directory = path.join(LIBRARY, suite);
  const suiteFile = parse(readFileSync(path.join(directory, 'suite.yaml'), 'utf8'));
  for (const entry of suiteFile.tests) {
    const constraintFile = path.join(directory, entry.constraint);
    const constraint = parse(readFileSync(constraintFile, 'utf8'));
    if (!CONSTRAINT_KINDS.has(constraint.kind)) continue;
    const id = `${constraint.kind}/${constraint.metadata.name}`;
    test(`${suite}: ${entry.name} (${id})`, () => {
      for (const testCase of entry.cases as Case[]) {
        const objectFile = path.join(directory, testCase.object);
        const objects = documents(objectFile);
        if (objects.some((object: any) => object?.kind === 'AdmissionReview')) {
          skippedUpdates++;
          console.log(`  skipped ${suite} ${entry.name} ${testCase.name}: an AdmissionReview of an UPDATE; kubeguard judges manifests, not changes to live objects`);
          continue;
        }
        let expected = expectedViolation(testCase.assertions);
        if (expected === undefined) throw new Error(`${suite} ${testCase.name}: no assertion kubeguard can check`);
        const deviation = DEVIATIONS[`${suite} ${entry.name} ${testCase.name}`];
        if (deviation) {
          console.log(`  deviation ${suite} ${entry.name} ${testCase.name}: ${deviation}`);
          deviations++;
          expected = !expected;
        }
        const text = readFileSync(objectFile, 'utf8');
        const inventory = (testCase.inventory ?? []).map((file, index) => ({ file: `inventory-${index}.yaml`, text: readFileSync(path.join(directory, file), 'utf8') }));
        const result = lintText([{ file: 'object.yaml', text }, ...inventory], {
          rules: {},
          excludedNamespaces: [],
          constraints: [{ object: constraint, file: entry.constraint }],
        });
        const broken = result.findings.find((finding) => finding.ruleId === 'parse-error');
        if (broken) throw new Error(`${suite} ${testCase.name}: ${broken.message}`);
        const findings = result.findings.filter((finding) => finding.file === 'object.yaml' && finding.ruleId === id);
        const label = `${suite} ${entry.name} ${testCase.name}: expected ${expected ? 'a violation' : 'none'}, got ${findings.map((finding) => `${finding.line}:${finding.column} ${finding.message}`).join(' | ') || 'none'}`;
        assert.is(findings.length > 0, expected, label);
        for (const finding of findings) {
          assert.is(finding.severity, constraint.spec?.enforcementAction === 'warn' ? 'warning' : constraint.spec?.enforcementAction === 'dryrun' ? 'info' : 'error', label);
          assert.equal(finding.constraint, { kind: constraint.kind, name: constraint.metadata.name, enforcementAction: constraint.spec?.enforcementAction ?? 'deny' }, label);
          assert.ok(lineHoldsKey(text, finding.line, finding.path ?? ''), `${label}: line ${finding.line} does not hold ${finding.path}`);
        }
        judged++;
      }
    });
  }
}

test('cases were judged and update cases skipped with a reason', () => {
  console.log(`  gatekeeper-library: ${judged} cases judged (${deviations} deviations), ${skippedUpdates} AdmissionReview update cases skipped, ${Object.keys(UNSUPPORTED).length} suites unsupported`);
  assert.ok(judged > 0);
  assert.is(deviations, Object.keys(DEVIATIONS).length, 'every listed deviation was met');
});

test.run();
