// Puts a loaded constraint set into a resolved config: each constraint becomes a rule setting (its enforcementAction's
// severity, unless the config sets that id), and every constraint id the config names must be a loaded constraint.
import type { ResolvedConfig } from '../../config/resolve';
import { ConfigError, isConstraintId } from '../../config/validate';
import { didYouMean } from '../../model/suggest';
import { constraintId, SEVERITY_OF_ACTION, type ConstraintSet } from './types';

export function applyConstraints(config: ResolvedConfig, set: ConstraintSet, source: string): ResolvedConfig {
  const ids = new Set(set.constraints.map(constraintId));
  const configFile = config.file ?? source;
  const named = [
    ...[...config.rules.keys()].map((id) => ({ id, file: configFile, key: `rules.${id}` })),
    ...config.overrides.flatMap((override, index) => Object.keys(override.rules).map((id) => ({ id, file: configFile, key: `overrides[${index}].rules.${id}` }))),
    ...Object.keys(config.cliRules).map((id) => ({ id, file: 'command line', key: `--rule ${id}` })),
  ];
  for (const { id, file, key } of named) {
    if (isConstraintId(id) && !ids.has(id) && !set.unsupported.some((entry) => entry.id === id)) {
      throw new ConfigError(file, key, `no loaded Gatekeeper constraint is "${id}"${didYouMean(id, ids)}`);
    }
  }
  for (const constraint of set.constraints) {
    const id = constraintId(constraint);
    if (!config.rules.has(id)) config.rules.set(id, { severity: SEVERITY_OF_ACTION[constraint.enforcementAction], options: {} });
  }
  config.constraints = set;
  return config;
}

/** The one note naming what kubeguard does not evaluate, with why, or undefined when it evaluates everything. */
export function unsupportedNote(set: ConstraintSet): string | undefined {
  if (!set.unsupported.length) return undefined;
  const names = set.unsupported.map((entry) => `${entry.id} (${entry.file}: ${entry.reason ?? 'custom Rego, a kind outside the Gatekeeper library'})`).join(', ');
  return `Gatekeeper constraints not evaluated: ${names}`;
}

export function constraintSummary(set: ConstraintSet): { evaluated: string[]; unsupported: string[] } {
  return { evaluated: set.constraints.map(constraintId), unsupported: set.unsupported.map((entry) => entry.id) };
}
