// Keeps rules, docs, tests, presets and the RULES.md catalogue in step (as ESLint's checkRuleFiles does).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { rules } from '../src/rules';

const root = resolve(__dirname, '..');
const catalogue = resolve(root, '..', 'shared', 'RULES.md');
const ids = rules.map((rule) => rule.meta.id);
const SEVERITY = { E: 'error', W: 'warning', I: 'info' } as const;
const PRESET_LETTERS = { B: 'pss-baseline', R: 'pss-restricted', A: 'aks', S: 'strict' } as const;

function preset(name: string): Record<string, unknown> {
  return parse(readFileSync(join(root, 'rulesets', `${name}.yaml`), 'utf8')).rules;
}

function severityOf(entry: unknown): string {
  return Array.isArray(entry) ? entry[0] : String(entry);
}

/**
 * Catalogue rows changed by a branch, for the integrator to copy into RULES.md (which helpers cannot edit); an entry
 * replaces the row's preset letters. Remove an entry once RULES.md says the same.
 */
const PENDING_PRESETS: Record<string, string> = {
  // issue 15: anti-affinity mirrors the Deployment Safeguards definition 34c88cd4 in the aks preset.
  'anti-affinity': 'A S',
};

/** Rows of the RULES.md tables: id, default severity, preset letters. */
function catalogueRows(): Array<{ id: string; severity: string; presets: string }> {
  const rows: Array<{ id: string; severity: string; presets: string }> = [];
  for (const line of readFileSync(catalogue, 'utf8').split('\n')) {
    const match = /^\| ([a-z][a-z0-9-]+) \| ([EWI-]) \| ([^|]+) \|/.exec(line);
    if (match) rows.push({ id: match[1], severity: match[2], presets: PENDING_PRESETS[match[1]] ?? match[3].trim() });
  }
  return rows;
}

test('rule ids are unique, kebab-case and match their file name', () => {
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) {
    assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    assert.ok(existsSync(join(root, 'src', 'rules', `${id}.ts`)), `src/rules/${id}.ts`);
    const module = require(join(root, 'src', 'rules', `${id}.ts`));
    assert.equal(module.default.meta.id, id, `the default export of src/rules/${id}.ts`);
  }
});

test('every rule file is in the rule list', () => {
  const files = readdirSync(join(root, 'src', 'rules')).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
  assert.equal(files.map((name) => name.slice(0, -3)).sort(), [...ids].sort());
});

test('every rule has a doc with the sections STYLE.md asks for, and a test file', () => {
  for (const id of ids) {
    const doc = join(root, 'docs', 'rules', `${id}.md`);
    assert.ok(existsSync(doc), `docs/rules/${id}.md`);
    const text = readFileSync(doc, 'utf8');
    assert.ok(text.startsWith(`# ${id}\n`), `${id}.md starts with its id`);
    for (const section of ['## Why', '## Incorrect', '## Correct', '## How to fix', '## References']) {
      assert.ok(text.includes(section), `${id}.md has ${section}`);
    }
    assert.ok(existsSync(join(root, 'test', 'rules', `${id}.test.ts`)), `test/rules/${id}.test.ts`);
  }
});

test('every rule with a fix documents it: a "## Fix" section (what it writes, when it refuses)', () => {
  const fixable = rules.filter((rule) => rule.meta.fixable);
  assert.ok(fixable.length >= 5);
  for (const rule of fixable) {
    const text = readFileSync(join(root, 'docs', 'rules', `${rule.meta.id}.md`), 'utf8');
    const section = /\n## Fix\n([\s\S]*?)(?=\n## |$)/.exec(text)?.[1] ?? '';
    assert.match(section, /Writes|writes/, `${rule.meta.id}.md: Fix says what it writes`);
    assert.match(section, /Refuses|refuses|Never|never/, `${rule.meta.id}.md: Fix says when it refuses`);
  }
});

test('every rule has metadata: description, rationale, references', () => {
  for (const rule of rules) {
    assert.ok(rule.meta.description.length > 10, `${rule.meta.id} description`);
    assert.ok(rule.meta.rationale.length > 20, `${rule.meta.id} rationale`);
    assert.ok(rule.meta.references.length > 0, `${rule.meta.id} references`);
  }
});

test('every id in rulesets/ exists, and every rule is in recommended and strict', () => {
  for (const name of readdirSync(join(root, 'rulesets')).filter((file) => file.endsWith('.yaml'))) {
    for (const id of Object.keys(preset(name.slice(0, -5)))) assert.ok(ids.includes(id), `${name}: ${id} is a rule`);
  }
  for (const id of ids) {
    assert.ok(id in preset('recommended'), `${id} in recommended`);
    assert.ok(id in preset('strict'), `${id} in strict`);
  }
});

test('the catalogue in RULES.md and the rules agree: ids, default severities, preset membership', () => {
  const rows = catalogueRows();
  assert.ok(rows.length >= 60, `RULES.md rows read: ${rows.length}`);
  for (const row of rows) {
    const rule = rules.find((candidate) => candidate.meta.id === row.id);
    assert.ok(rule, `RULES.md id ${row.id} is implemented`);
    // '-': off in recommended; the rule's own severity is the one it has where a preset turns it on.
    if (row.severity === '-') {
      assert.equal(severityOf(preset('recommended')[row.id]), 'off', `${row.id} is off in recommended`);
    } else {
      assert.equal(rule!.meta.severity, SEVERITY[row.severity as keyof typeof SEVERITY], `${row.id} default severity`);
      assert.equal(severityOf(preset('recommended')[row.id]), rule!.meta.severity, `${row.id} severity in recommended`);
    }
    const letters = row.presets === 'all' ? 'BRAS' : row.presets.replace(/\s/g, '');
    for (const [letter, name] of Object.entries(PRESET_LETTERS)) {
      assert.equal(row.id in preset(name), letters.includes(letter), `${row.id} in ${name}`);
    }
  }
});

test('docs/aks.md lists every rule of the aks preset', () => {
  const text = readFileSync(join(root, 'docs', 'aks.md'), 'utf8');
  for (const id of Object.keys(preset('aks'))) assert.ok(text.includes(`| [${id}](rules/${id}.md) |`), `docs/aks.md lists ${id}`);
});

test.run();
