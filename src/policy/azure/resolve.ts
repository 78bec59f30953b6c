// Resolves an assignment against the built-in Kubernetes definitions and initiatives (built-in-definitions.json):
// the assignment's parameters over the defaults and, for an initiative, through each member's parameter expressions
// (`[parameters('effect')]`), to one set of parameter values per definition.
import type { Assignment } from './assignment';

export interface ParameterSpec {
  type: string;
  default?: unknown;
  allowed?: unknown[];
}

export interface DefinitionData {
  file: string;
  displayName: string;
  /** The kinds its Gatekeeper constraint matches; absent for definitions that judge the cluster's Azure resource. */
  kinds?: string[];
  parameters: Record<string, ParameterSpec>;
}

export interface InitiativeData {
  file: string;
  displayName: string;
  parameters: Record<string, ParameterSpec>;
  members: Array<{ id: string; reference: string; parameters: Record<string, unknown> }>;
}

export interface BuiltIns {
  definitions: Record<string, DefinitionData>;
  /** Definitions no rule needs: display name, and whether they judge Kubernetes objects or the cluster resource. */
  otherDefinitions: Record<string, [string, 'objects' | 'cluster']>;
  initiatives: Record<string, InitiativeData>;
}

export interface EffectiveDefinition {
  id: string;
  displayName: string;
  /** The member's policyDefinitionReferenceId within an initiative. */
  reference?: string;
  data?: DefinitionData;
  /** Parameter values: the definition's defaults under the assignment's (or the initiative's) values. */
  parameters: Record<string, unknown>;
  /** Parameters whose value could not be worked out (an expression kubeguard does not evaluate). */
  unresolved: string[];
}

export interface ResolvedAssignment {
  assignment: Assignment;
  kind: 'definition' | 'initiative' | 'unknown';
  displayName?: string;
  definitions: EffectiveDefinition[];
  /** Assignment parameters the definition or initiative does not declare (Azure would refuse the assignment). */
  undeclared: string[];
  /** For a built-in outside the data: whether it judges Kubernetes objects or the cluster's Azure resource. */
  judges?: 'objects' | 'cluster';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class UnsupportedExpression extends Error {}

/**
 * Evaluates the subset of Azure Policy template expressions the built-in initiatives use: `parameters('x')` (with
 * `.member` access), `if(...)`, `equals(...)` and string, number and boolean literals. A string not starting with
 * `[` (or starting with `[[`, the escape) is a literal.
 */
export function evaluateExpression(value: unknown, parameters: Record<string, unknown>): unknown {
  if (typeof value !== 'string' || !value.startsWith('[') || !value.endsWith(']')) return value;
  if (value.startsWith('[[')) return value.slice(1);
  const source = value.slice(1, -1).trim();
  let index = 0;
  const skipSpace = () => {
    while (/\s/.test(source[index] ?? '')) index++;
  };
  const expect = (character: string) => {
    skipSpace();
    if (source[index] !== character) throw new UnsupportedExpression(`expected "${character}" in ${value}`);
    index++;
  };
  const parse = (): unknown => {
    skipSpace();
    if (source[index] === "'") {
      let text = '';
      index++;
      for (;;) {
        if (index >= source.length) throw new UnsupportedExpression(`unterminated string in ${value}`);
        if (source[index] === "'") {
          if (source[index + 1] === "'") {
            text += "'";
            index += 2;
            continue;
          }
          index++;
          return text;
        }
        text += source[index++];
      }
    }
    const literal = /^(-?\d+(?:\.\d+)?|true|false)/.exec(source.slice(index));
    if (literal) {
      index += literal[0].length;
      return literal[0] === 'true' ? true : literal[0] === 'false' ? false : Number(literal[0]);
    }
    const name = /^[A-Za-z]+/.exec(source.slice(index));
    if (!name) throw new UnsupportedExpression(`cannot read ${value}`);
    index += name[0].length;
    expect('(');
    const args: unknown[] = [];
    skipSpace();
    if (source[index] === ')') index++;
    else {
      for (;;) {
        args.push(parse());
        skipSpace();
        if (source[index] === ',') {
          index++;
          continue;
        }
        expect(')');
        break;
      }
    }
    let result: unknown;
    switch (name[0].toLowerCase()) {
      case 'parameters':
        if (typeof args[0] !== 'string' || !(args[0] in parameters)) throw new UnsupportedExpression(`unknown parameter in ${value}`);
        result = parameters[args[0]];
        break;
      case 'equals':
        result = JSON.stringify(args[0]) === JSON.stringify(args[1]) || (typeof args[0] === 'string' && typeof args[1] === 'string' && args[0].toLowerCase() === args[1].toLowerCase());
        break;
      case 'if':
        result = args[0] === true ? args[1] : args[2];
        break;
      default:
        throw new UnsupportedExpression(`function ${name[0]}() in ${value}`);
    }
    // Member access: `parameters('allowedHostPaths').paths`.
    for (;;) {
      const member = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(index));
      if (!member) break;
      index += member[0].length;
      result = result !== null && typeof result === 'object' ? (result as Record<string, unknown>)[member[1]] : undefined;
    }
    return result;
  };
  const result = parse();
  skipSpace();
  if (index !== source.length) throw new UnsupportedExpression(`cannot read ${value}`);
  return result;
}

function withDefaults(declared: Record<string, ParameterSpec>, given: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) if ('default' in spec) values[name] = spec.default;
  for (const [name, value] of Object.entries(given)) if (name in declared) values[name] = value;
  return values;
}

/** Gatekeeper plumbing kubeguard leaves out of the data (scripts/generate-azure-policy.js): accepted, not mirrored. */
const PLUMBING = new Set(['source', 'warn']);

function undeclared(declared: Record<string, ParameterSpec>, given: Record<string, unknown>): string[] {
  return Object.keys(given).filter((name) => !(name in declared) && !PLUMBING.has(name));
}

/** The effect an assignment `overrides` entry gives the member (the last matching entry wins), if any. */
function overriddenEffect(assignment: Assignment, reference: string | undefined): string | undefined {
  let effect: string | undefined;
  for (const override of assignment.effectOverrides ?? []) {
    if (override.in && !(reference !== undefined && override.in.includes(reference))) continue;
    if (override.notIn && reference !== undefined && override.notIn.includes(reference)) continue;
    effect = override.effect;
  }
  return effect;
}

export function resolveAssignment(assignment: Assignment, builtIns: BuiltIns): ResolvedAssignment {
  const match = /\/providers\/Microsoft\.Authorization\/(policyDefinitions|policySetDefinitions)\/([^/]+)$/i.exec(assignment.policyDefinitionId);
  const id = match?.[2]?.toLowerCase();
  const initiative = id && match![1].toLowerCase() === 'policysetdefinitions' ? builtIns.initiatives[id] : undefined;
  if (initiative) {
    const values = withDefaults(initiative.parameters, assignment.parameters);
    const definitions = initiative.members.map((member): EffectiveDefinition => {
      const data = builtIns.definitions[member.id];
      const given: Record<string, unknown> = {};
      const unresolved: string[] = [];
      for (const [name, expression] of Object.entries(member.parameters)) {
        try {
          const value = evaluateExpression(expression, values);
          // An initiative parameter without a default that the assignment leaves out passes nothing on.
          if (value !== undefined) given[name] = value;
        } catch (error) {
          if (!(error instanceof UnsupportedExpression)) throw error;
          unresolved.push(name);
        }
      }
      const overridden = overriddenEffect(assignment, member.reference);
      if (overridden !== undefined) given.effect = overridden;
      return {
        id: member.id,
        reference: member.reference,
        displayName: data?.displayName ?? builtIns.otherDefinitions[member.id]?.[0] ?? member.id,
        data,
        parameters: data ? withDefaults(data.parameters, given) : given,
        unresolved,
      };
    });
    return { assignment, kind: 'initiative', displayName: initiative.displayName, definitions, undeclared: undeclared(initiative.parameters, assignment.parameters) };
  }
  const data = id && match![1].toLowerCase() === 'policydefinitions' ? builtIns.definitions[id] : undefined;
  if (data) {
    const definition: EffectiveDefinition = { id: id!, displayName: data.displayName, data, parameters: withDefaults(data.parameters, assignment.parameters), unresolved: [] };
    const overridden = overriddenEffect(assignment, undefined);
    if (overridden !== undefined) definition.parameters.effect = overridden;
    return { assignment, kind: 'definition', displayName: data.displayName, definitions: [definition], undeclared: undeclared(data.parameters, assignment.parameters) };
  }
  // A built-in outside the mirrored set is still named; a custom definition (a subscription's own id) is not built in.
  const other = id && GUID.test(id) ? builtIns.otherDefinitions[id] : undefined;
  return { assignment, kind: 'unknown', displayName: other?.[0], judges: other?.[1], definitions: [], undeclared: [] };
}
