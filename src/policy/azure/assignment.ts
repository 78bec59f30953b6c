// Reads Azure Policy assignments as `az policy assignment show` (one object) or `az policy assignment list` (a list)
// print them. Only the members kubeguard uses are read; a file that is not such JSON is a config error with its line.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config/validate';
import { isRecord } from '../../model/pod-spec';

export interface Assignment {
  /** `name` (a GUID or the name given at creation), else displayName. */
  name: string;
  displayName?: string;
  policyDefinitionId: string;
  /** `parameters: { <name>: { value } }`, unwrapped. */
  parameters: Record<string, unknown>;
  /** Default or DoNotEnforce (Azure's "audit only": nothing is denied at admission). */
  enforcementMode: 'Default' | 'DoNotEnforce';
  /** `overrides` of kind policyEffect: a new effect for the members named (all when neither list is given). */
  effectOverrides?: Array<{ effect: string; in?: string[]; notIn?: string[] }>;
  /** What the assignment holds that kubeguard does not evaluate (resourceSelectors, other override kinds). */
  ignored?: string[];
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** The assignment's `overrides` (https://learn.microsoft.com/azure/governance/policy/concepts/assignment-structure#overrides). */
function effectOverrides(raw: unknown, ignored: string[]): Assignment['effectOverrides'] {
  if (!Array.isArray(raw) || !raw.length) return undefined;
  const overrides: NonNullable<Assignment['effectOverrides']> = [];
  for (const override of raw) {
    if (!isRecord(override) || override.kind !== 'policyEffect' || typeof override.value !== 'string') {
      ignored.push(`an override of kind ${JSON.stringify(isRecord(override) ? override.kind : override)}`);
      continue;
    }
    const entry: { effect: string; in?: string[]; notIn?: string[] } = { effect: override.value };
    for (const selector of Array.isArray(override.selectors) ? override.selectors : []) {
      if (!isRecord(selector) || selector.kind !== 'policyDefinitionReferenceId') {
        ignored.push(`an override selector of kind ${JSON.stringify(isRecord(selector) ? selector.kind : selector)}`);
        continue;
      }
      if (strings(selector.in)) entry.in = strings(selector.in);
      if (strings(selector.notIn)) entry.notIn = strings(selector.notIn);
    }
    overrides.push(entry);
  }
  return overrides;
}

/** Line and column of a character offset, for JSON errors. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

function jsonError(text: string, error: Error): string {
  const offset = /position (\d+)/.exec(error.message);
  const where = offset ? ` at ${position(text, Number(offset[1]))}` : '';
  return `not valid JSON${where} (${error.message.split('\n')[0]}); export the assignment with "az policy assignment show --name <name> --scope <scope> > assignment.json"`;
}

/** Some tools print `properties: {...}` (the REST shape); `az` prints the members at the top level. Both are read. */
function members(raw: Record<string, unknown>): Record<string, unknown> {
  return isRecord(raw.properties) ? { ...raw.properties, name: raw.name, id: raw.id } : raw;
}

export function parseAssignments(file: string, text: string): Assignment[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(file, '', jsonError(text, error as Error));
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.length) throw new ConfigError(file, '', 'the file holds an empty list: no assignment to mirror');
  return list.map((item, index) => {
    const key = Array.isArray(raw) ? `[${index}]` : '';
    if (!isRecord(item)) throw new ConfigError(file, key, 'expected an assignment object (az policy assignment show)');
    const assignment = members(item);
    const definitionId = assignment.policyDefinitionId;
    if (typeof definitionId !== 'string' || !definitionId) {
      throw new ConfigError(file, `${key}${key ? '.' : ''}policyDefinitionId`, 'missing: is this the output of "az policy assignment show"?');
    }
    const parameters: Record<string, unknown> = {};
    if (assignment.parameters !== undefined && assignment.parameters !== null) {
      if (!isRecord(assignment.parameters)) throw new ConfigError(file, `${key}${key ? '.' : ''}parameters`, 'expected { <name>: { value } }');
      for (const [name, entry] of Object.entries(assignment.parameters)) {
        if (!isRecord(entry) || !('value' in entry)) throw new ConfigError(file, `${key}${key ? '.' : ''}parameters.${name}`, 'expected { value: ... }');
        parameters[name] = entry.value;
      }
    }
    const mode = assignment.enforcementMode;
    if (mode !== undefined && mode !== null && mode !== 'Default' && mode !== 'DoNotEnforce') {
      throw new ConfigError(file, `${key}${key ? '.' : ''}enforcementMode`, `expected Default or DoNotEnforce, got ${JSON.stringify(mode)}`);
    }
    const displayName = typeof assignment.displayName === 'string' ? assignment.displayName : undefined;
    const ignored: string[] = [];
    // Resource selectors pick clusters by location or type: kubeguard lints for the cluster the file was exported for.
    if (Array.isArray(assignment.resourceSelectors) && assignment.resourceSelectors.length) ignored.push('resourceSelectors (the assignment is taken to apply)');
    const overrides = effectOverrides(assignment.overrides, ignored);
    return {
      ...(overrides ? { effectOverrides: overrides } : {}),
      ...(ignored.length ? { ignored } : {}),
      name: typeof assignment.name === 'string' && assignment.name ? assignment.name : (displayName ?? `#${index + 1}`),
      displayName,
      policyDefinitionId: definitionId,
      parameters,
      enforcementMode: mode === 'DoNotEnforce' ? 'DoNotEnforce' : 'Default',
    };
  });
}

export function readAssignments(file: string, shown: string): Assignment[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(shown, '', `cannot read the Azure Policy assignment: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseAssignments(shown, text);
}
