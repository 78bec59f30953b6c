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
    return {
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
