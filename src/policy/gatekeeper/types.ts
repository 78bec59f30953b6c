// Gatekeeper constraints as plain data: the config carries them to the engine and to worker threads.
import type { Severity } from '../../engine/types';

export type EnforcementAction = 'deny' | 'warn' | 'dryrun';

export const SEVERITY_OF_ACTION: Record<EnforcementAction, Severity> = { deny: 'error', warn: 'warning', dryrun: 'info' };

/** One Constraint of a kind kubeguard evaluates. */
export interface ConstraintData {
  kind: string;
  name: string;
  /** The file it was read from (relative to the working directory). */
  file: string;
  enforcementAction: EnforcementAction;
  parameters: Record<string, unknown>;
  match: Record<string, unknown>;
}

/** A Constraint or ConstraintTemplate kubeguard cannot evaluate (custom Rego, or a kind it does not know). */
export interface UnsupportedConstraint {
  /** `<Kind>/<name>` of a Constraint, `ConstraintTemplate/<name>` of a template. */
  id: string;
  file: string;
  /** Why, when it is not simply a kind kubeguard does not know (custom Rego). */
  reason?: string;
}

export interface ConstraintSet {
  constraints: ConstraintData[];
  unsupported: UnsupportedConstraint[];
}

export function constraintId(constraint: { kind: string; name: string }): string {
  return `${constraint.kind}/${constraint.name}`;
}
