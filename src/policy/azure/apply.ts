// Turns Azure Policy assignments into rule settings: the rules mirroring each assigned definition (found through the
// rules' `Azure Policy` references) get the severity of its effect, the scope of its namespace, label, container and
// image parameters, and the options of its own parameters. What kubeguard cannot mirror is named, never dropped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '../../config/resolve';
import { isScopeOption, scopeOptionError } from '../../engine/rule-scope';
import type { Rule, SeverityOrOff } from '../../engine/types';
import { readAssignments, type Assignment } from './assignment';
import { DEFINITION_PARAMETERS } from './parameters';
import { resolveAssignment, type BuiltIns, type EffectiveDefinition } from './resolve';

export interface AzurePolicySummary {
  file: string;
  /** The assignments read; `definition` is the display name of the built-in definition or initiative they assign. */
  assignments: Array<{ name: string; displayName?: string; policyDefinitionId: string; definition?: string; enforcementMode: Assignment['enforcementMode'] }>;
  /** The rules the assignments set, with the definitions they mirror. */
  rules: Array<{ ruleId: string; severity: SeverityOrOff; definitions: string[] }>;
  /** Assigned definitions (or whole assignments) no rule mirrors, with the reason. */
  notMirrored: Array<{ id: string; displayName: string; reason: string }>;
  /** Further limits of the mirror: parameters not carried over, rules left as configured. */
  notes: string[];
}

declare const __KUBEGUARD_VERSION__: string | undefined; // defined in the bundle only (scripts/build.js)

let builtIns: BuiltIns | undefined;

/**
 * The generated definitions, read when an assignment is used: a file beside the bundle (scripts/build.js copies it to
 * dist/), so that runs without --azure-policy neither load nor parse its 56 KB.
 */
function loadBuiltIns(): BuiltIns {
  const file = typeof __KUBEGUARD_VERSION__ === 'string' ? join(__dirname, 'azure-policy-definitions.json') : join(__dirname, 'built-in-definitions.json');
  return (builtIns ??= JSON.parse(readFileSync(file, 'utf8')) as BuiltIns);
}

const SEVERITY_RANK: Record<SeverityOrOff, number> = { off: 0, info: 1, warning: 2, error: 3 };

/** Effects kubeguard mirrors; others (Mutate, DeployIfNotExists, AuditIfNotExists...) change or judge no manifest. */
function severityOf(effect: unknown): SeverityOrOff | undefined {
  switch (typeof effect === 'string' ? effect.toLowerCase() : undefined) {
    case 'deny':
      return 'error';
    case 'audit':
      return 'warning';
    case 'disabled':
      return 'off';
    default:
      return undefined;
  }
}

/** Definition id -> the rules whose references name it. */
export function rulesByDefinition(rules: Iterable<Rule<any>>): Map<string, string[]> {
  const byDefinition = new Map<string, string[]>();
  for (const rule of rules) {
    for (const reference of rule.meta.references) {
      if (reference.source !== 'Azure Policy' || !reference.id) continue;
      const id = reference.id.toLowerCase();
      byDefinition.set(id, [...(byDefinition.get(id) ?? []), rule.meta.id]);
    }
  }
  return byDefinition;
}

interface Contribution {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
  definition: string;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function label(definition: EffectiveDefinition): string {
  return `"${definition.displayName}" (${definition.id})`;
}

/** The scope options carried by the definition's namespace, label, container and image parameters. */
function scopeOptions(definition: EffectiveDefinition, notes: string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(definition.parameters)) {
    if (!isScopeOption(name) || value === undefined || value === null) continue;
    // Empty lists and selectors are Azure's "no restriction": nothing to set.
    if ((Array.isArray(value) && !value.length && name !== 'excludedNamespaces') || (name === 'labelSelector' && same(value, {}))) continue;
    const error = scopeOptionError(name, value);
    if (error) {
      notes.push(`${label(definition)}: parameter ${name} not mirrored: ${error}.`);
      continue;
    }
    options[name] = value;
  }
  return options;
}

const GENERAL_PARAMETERS = new Set(['effect', 'excludedNamespaces', 'namespaces', 'labelSelector', 'excludedContainers', 'excludedImages']);

export function mirrorAssignments(
  assignments: readonly Assignment[],
  rules: ReadonlyMap<string, Rule<any>>,
  file: string,
  /** Whether the config switches the rule on: a rule the assignment leaves alone is only worth a note then. */
  isEnabled: (ruleId: string) => boolean = () => true,
): { summary: AzurePolicySummary; settings: Map<string, { severity: SeverityOrOff; options: Record<string, unknown> }> } {
  const builtIns = loadBuiltIns();
  const byDefinition = rulesByDefinition(rules.values());
  const summary: AzurePolicySummary = { file, assignments: [], rules: [], notMirrored: [], notes: [] };
  const contributions = new Map<string, Contribution[]>();
  const notMirrored = (definition: { id: string; displayName: string }, reason: string) => {
    if (!summary.notMirrored.some((entry) => entry.id === definition.id && entry.reason === reason)) summary.notMirrored.push({ id: definition.id, displayName: definition.displayName, reason });
  };

  for (const assignment of assignments) {
    const resolved = resolveAssignment(assignment, builtIns);
    summary.assignments.push({
      name: assignment.name,
      ...(assignment.displayName ? { displayName: assignment.displayName } : {}),
      policyDefinitionId: assignment.policyDefinitionId,
      ...(resolved.displayName ? { definition: resolved.displayName } : {}),
      enforcementMode: assignment.enforcementMode,
    });
    if (resolved.kind === 'unknown') {
      const id = assignment.policyDefinitionId.split('/').pop() ?? assignment.policyDefinitionId;
      const reason =
        resolved.judges === 'cluster'
          ? 'it judges the cluster\'s Azure resource, not manifests'
          : resolved.judges === 'objects'
            ? 'no kubeguard rule mirrors it'
            : // Built-ins live under /providers/Microsoft.Authorization; custom ones under a subscription or management group.
              /^\/providers\/Microsoft\.Authorization\//i.test(assignment.policyDefinitionId)
              ? 'a built-in outside the Kubernetes category'
              : 'a custom definition or initiative (kubeguard has no evaluator for custom policy)';
      notMirrored({ id, displayName: resolved.displayName ?? assignment.displayName ?? assignment.name }, reason);
      continue;
    }
    if (assignment.ignored?.length) summary.notes.push(`assignment ${assignment.name}: not evaluated: ${assignment.ignored.join(', ')}.`);
    if (resolved.undeclared.length) summary.notes.push(`assignment ${assignment.name}: parameters ${resolved.undeclared.join(', ')} are not declared by "${resolved.displayName}" and are ignored.`);
    for (const definition of resolved.definitions) {
      const ruleIds = byDefinition.get(definition.id) ?? [];
      let severity = severityOf(definition.parameters.effect);
      const inCluster = definition.data?.kinds !== undefined;
      // A disabled definition that no rule mirrors enforces nothing: there is nothing to name.
      if (severity === 'off' && (!ruleIds.length || !inCluster)) continue;
      if (severity === undefined) {
        notMirrored(definition, `its effect ${JSON.stringify(definition.parameters.effect)} is not Deny, Audit or Disabled`);
        continue;
      }
      if (!inCluster) {
        notMirrored(definition, definition.data ? 'it judges the cluster\'s Azure resource, not manifests' : 'no kubeguard rule mirrors it');
        continue;
      }
      if (!ruleIds.length) {
        notMirrored(definition, 'no kubeguard rule mirrors it');
        continue;
      }
      // DoNotEnforce: Azure reports non-compliance but denies nothing at admission.
      if (assignment.enforcementMode === 'DoNotEnforce' && severity === 'error') severity = 'warning';
      if (definition.unresolved.length) summary.notes.push(`${label(definition)}: parameters ${definition.unresolved.join(', ')} use expressions kubeguard does not evaluate; their defaults apply.`);
      const translator = DEFINITION_PARAMETERS[definition.id];
      if (severity !== 'off') {
        const unmirrored = Object.entries(definition.parameters)
          .filter(([name, value]) => {
            if (GENERAL_PARAMETERS.has(name) || translator?.handled.includes(name)) return false;
            const declared = definition.data!.parameters[name];
            return !(declared && 'default' in declared && same(declared.default, value));
          })
          .map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
        if (unmirrored.length) summary.notes.push(`${label(definition)}: not mirrored: ${unmirrored.join(', ')}; the rules keep their own check.`);
      }
      const scope = severity === 'off' ? {} : scopeOptions(definition, summary.notes);
      for (const ruleId of ruleIds) {
        const translation = severity === 'off' ? {} : (translator?.translate(definition.parameters, ruleId) ?? {});
        if (translation.skip) {
          if (isEnabled(ruleId)) summary.notes.push(`${ruleId} left as configured: ${label(definition)} does not enforce it here (${translation.skip}).`);
          continue;
        }
        if (translation.note) summary.notes.push(`${ruleId}: ${label(definition)}: ${translation.note}.`);
        const list = contributions.get(ruleId) ?? [];
        list.push({ severity, options: { ...scope, ...translation.options }, definition: definition.id });
        contributions.set(ruleId, list);
      }
    }
  }

  // A rule mirroring several assigned definitions takes the strictest severity; the strictest one's options win.
  const settings = new Map<string, { severity: SeverityOrOff; options: Record<string, unknown> }>();
  for (const [ruleId, list] of contributions) {
    const ordered = [...list].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    const strongest = ordered[ordered.length - 1].severity;
    const options = Object.assign({}, ...ordered.filter((entry) => entry.severity === strongest).map((entry) => entry.options));
    settings.set(ruleId, { severity: strongest, options });
    summary.rules.push({ ruleId, severity: strongest, definitions: [...new Set(list.map((entry) => entry.definition))] });
  }
  summary.rules.sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
  return { summary, settings };
}

/**
 * Reads the assignments in `file` and sets the mirrored rules of `config` (over its presets and `rules`; `overrides`
 * and `--rule` still apply on top). `shown` names the file in messages.
 */
export function applyAzurePolicy(config: ResolvedConfig, rules: ReadonlyMap<string, Rule<any>>, file: string, shown: string): AzurePolicySummary {
  const isEnabled = (ruleId: string) => (config.rules.get(ruleId)?.severity ?? 'off') !== 'off';
  const { summary, settings } = mirrorAssignments(readAssignments(file, shown), rules, shown, isEnabled);
  // Each assigned definition denies on its own at admission, so each mirroring rule keeps its finding (as in the aks preset).
  config.oneFindingPerProblem = false;
  for (const [ruleId, setting] of settings) {
    const previous = config.rules.get(ruleId);
    // The scope options of an earlier setting are the config's; the assignment's replace them all.
    const kept = Object.fromEntries(Object.entries(previous?.options ?? {}).filter(([name]) => !isScopeOption(name)));
    config.rules.set(ruleId, { severity: setting.severity, options: setting.severity === 'off' ? (previous?.options ?? {}) : { ...kept, ...setting.options } });
  }
  return summary;
}

/** The lines the CLI prints to standard error: one naming what is not mirrored, then the other limits. */
export function azurePolicyNotes(summary: AzurePolicySummary): string[] {
  const lines: string[] = [];
  if (summary.notMirrored.length) {
    lines.push(
      `Azure Policy (${summary.file}): not mirrored: ${summary.notMirrored.map((entry) => `"${entry.displayName}" (${entry.id}: ${entry.reason})`).join('; ')}.`,
    );
  }
  for (const note of summary.notes) lines.push(`Azure Policy (${summary.file}): ${note}`);
  return lines;
}
