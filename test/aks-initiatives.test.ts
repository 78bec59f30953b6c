// The aks preset accounts for every definition of the AKS Deployment Safeguards and pod security restricted
// initiatives (issue 15): mirrored by a rule (its Azure Policy reference), or listed in docs/aks.md as not offline.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { rules } from '../src/rules';

const root = resolve(__dirname, '..');
const initiatives = resolve(root, '..', 'shared', 'corpus', 'azure-policy', 'built-in-policies', 'policySetDefinitions', 'Kubernetes');
const docs = readFileSync(join(root, 'docs', 'aks.md'), 'utf8');
const aksRules = Object.keys(parse(readFileSync(join(root, 'rulesets', 'aks.yaml'), 'utf8')).rules);

/** The definition GUIDs an initiative file lists. */
function members(file: string): string[] {
  const initiative = JSON.parse(readFileSync(join(initiatives, file), 'utf8'));
  return initiative.properties.policyDefinitions.map((member: { policyDefinitionId: string }) => member.policyDefinitionId.split('/').pop()!.toLowerCase());
}

/** Definition id -> the aks rules whose references name it. */
function mirrored(): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const rule of rules) {
    if (!aksRules.includes(rule.meta.id)) continue;
    for (const reference of rule.meta.references) {
      if (reference.source !== 'Azure Policy' || !reference.id) continue;
      const id = reference.id.toLowerCase();
      result.set(id, [...(result.get(id) ?? []), rule.meta.id]);
    }
  }
  return result;
}

/** Rows of the "Not checked offline" table: id -> reason. */
function notOffline(): Map<string, string> {
  const section = docs.split('\n## Not checked offline\n')[1] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\| `([0-9a-f-]{36})` \| ([^|]+) \| ([^|]*) \|$/.exec(line);
    if (match) rows.set(match[1], match[3].trim());
  }
  return rows;
}

const safeguards = members('AKS_Safeguards.json');

test('the aks preset sets allowed-sysctls to the initiative\'s allowedSysctls default', () => {
  const initiative = JSON.parse(readFileSync(join(initiatives, 'AKS_Safeguards.json'), 'utf8'));
  const entry = parse(readFileSync(join(root, 'rulesets', 'aks.yaml'), 'utf8')).rules['allowed-sysctls'];
  assert.equal(entry[1].allowedSysctls, initiative.properties.parameters.allowedSysctls.defaultValue);
});
const restricted = members('PSPRestrictedStandard.json');

test('the initiatives are read: Deployment Safeguards and the restricted pod security set', () => {
  assert.ok(safeguards.length >= 25, `AKS_Safeguards.json members: ${safeguards.length}`);
  assert.ok(restricted.length >= 8, `PSPRestrictedStandard.json members: ${restricted.length}`);
  assert.ok(notOffline().size > 0, 'docs/aks.md has a "Not checked offline" table');
});

test('every member definition is mirrored by an aks rule or listed as not checked offline, with a reason', () => {
  const byRule = mirrored();
  const listed = notOffline();
  const unaccounted = [...new Set([...safeguards, ...restricted])].filter((id) => !byRule.has(id) && !listed.get(id));
  assert.equal(unaccounted, []);
});

test('no definition is both mirrored and listed as not offline, and the table lists only members', () => {
  const byRule = mirrored();
  for (const id of notOffline().keys()) {
    assert.not.ok(byRule.has(id), `${id} is mirrored by ${byRule.get(id)}`);
    assert.ok(safeguards.includes(id) || restricted.includes(id), `${id} is a member of an initiative`);
  }
});

test('docs/aks.md names each mirrored definition id in the row of a rule that mirrors it', () => {
  const byRule = mirrored();
  for (const id of [...new Set([...safeguards, ...restricted])]) {
    const ruleIds = byRule.get(id);
    if (!ruleIds) continue;
    const rows = docs.split('\n').filter((line) => ruleIds.some((ruleId) => line.startsWith(`| [${ruleId}](rules/${ruleId}.md) |`)));
    assert.ok(rows.some((row) => row.includes(`\`${id}\``)), `docs/aks.md row of ${ruleIds.join(' or ')} names ${id}`);
  }
});

test('every Azure Policy reference of a rule names a built-in Kubernetes definition by its id', () => {
  const definitions = resolve(initiatives, '..', '..', 'policyDefinitions', 'Kubernetes');
  const ids = new Set(readdirSync(definitions).map((file) => String(JSON.parse(readFileSync(join(definitions, file), 'utf8')).name).toLowerCase()));
  assert.ok(ids.size > 50, `definitions read: ${ids.size}`);
  const unknown = rules.flatMap((rule) => rule.meta.references.filter((reference) => reference.source === 'Azure Policy' && !ids.has(String(reference.id).toLowerCase())).map((reference) => `${rule.meta.id}: ${reference.id}`));
  assert.equal(unknown, []);
});

test.run();
