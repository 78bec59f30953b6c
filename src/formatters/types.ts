import type { Finding, LintResult, RuleMeta } from '../engine/types';

export interface FormatterContext {
  cwd: string;
  color: boolean;
  version: string;
  /** Metadata of every rule, for formats that describe rules (SARIF). */
  rules: ReadonlyMap<string, RuleMeta<any>>;
  /** Docs URL of a rule id. */
  docsUrl(ruleId: string): string;
}

/** A formatter is a pure function of the results. */
export type Formatter = (result: LintResult, context: FormatterContext) => string;

export type { Finding, LintResult };
