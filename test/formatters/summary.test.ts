// The repository-scale summary: problems per rule and per top folder, most errors first; stylish ends with it
// from STYLISH_SUMMARY_MIN_FINDINGS findings on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stylish } from '../../src/formatters/stylish';
import { STYLISH_SUMMARY_MIN_FINDINGS, summary } from '../../src/formatters/summary';
import type { Finding } from '../../src/engine/types';
import { context, kustomize, lintResult, privileged, readOnly } from './result-fixture';

/** `count` copies of a finding, each in its own file under `folder`. */
function spread(finding: Finding, count: number, folder: string): Finding[] {
  return Array.from({ length: count }, (_, index) => ({ ...finding, file: `${folder}/app-${index}.yaml` }));
}

test('summary: one row per rule, most errors first, then warnings; the totals last', () => {
  const output = summary(lintResult([...spread(readOnly, 5, 'deploy'), ...spread(privileged, 2, 'deploy'), kustomize]), context());
  assert.equal(output.split('\n'), [
    'rule                       errors  warnings  infos',
    'no-privileged                   2         0      0',
    'no-host-pid                     1         0      0',
    'read-only-root-filesystem       0         5      0',
    '',
    '✖ 8 problems (3 errors, 5 warnings, 0 infos); 6 files, 7 objects checked',
    '',
  ]);
});

test('summary: the folder table from 10 files with findings on, counted at the file a person edits (the origin)', () => {
  const findings = [...spread(readOnly, 9, 'apps'), ...spread(privileged, 3, 'infra'), kustomize];
  const lines = summary(lintResult(findings), context()).split('\n');
  const folderHeading = lines.indexOf('folder  errors  warnings  infos');
  assert.ok(folderHeading > 0, lines.join('\n'));
  // The Kustomize finding is built from overlays/prod but edited in base/worker.yaml: it counts for base/.
  assert.equal(lines.slice(folderHeading + 1, folderHeading + 4), [
    'infra/       3         0      0',
    'base/        1         0      0',
    'apps/        0         9      0',
  ]);
});

test('summary: no folder table below 10 files, and only the totals line when there is nothing to report', () => {
  const lines = summary(lintResult(spread(readOnly, 9, 'apps')), context()).split('\n');
  assert.not.ok(lines.some((line) => line.startsWith('folder')));
  assert.equal(summary(lintResult([], ['clean.yaml']), context()), '✔ no problems; 1 file, 7 objects checked\n');
});

test('stylish: the per-rule table before the totals from STYLISH_SUMMARY_MIN_FINDINGS findings on, not below', () => {
  const many = stylish(lintResult(spread(readOnly, STYLISH_SUMMARY_MIN_FINDINGS, 'deploy')), context()).split('\n');
  const heading = many.indexOf('rule                       errors  warnings  infos');
  assert.ok(heading > 0);
  assert.equal(many[heading + 1], `read-only-root-filesystem       0        ${STYLISH_SUMMARY_MIN_FINDINGS}      0`);
  assert.match(many[many.length - 2], /^⚠ 10 problems/);
  const few = stylish(lintResult(spread(readOnly, STYLISH_SUMMARY_MIN_FINDINGS - 1, 'deploy')), context());
  assert.not.match(few, /^rule /m);
});

test.run();
