import type { Rule } from '../../engine/types';

/** Identity helper that gives a rule module its types (as ESLint's createRule does). */
export function defineRule<Options extends object = Record<string, never>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}
