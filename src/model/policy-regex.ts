// Regular expressions written for Gatekeeper's Rego `re_match` (Go RE2 syntax), as Azure Policy parameters carry them
// (allowedContainerImagesRegex), run with JavaScript's RegExp. The common subset is the same; Go's leading inline
// flags `(?i)`, `(?s)`, `(?m)` become RegExp flags, as JavaScript before Node 23 has no inline modifiers.

const compiled = new Map<string, RegExp>();

/** The pattern compiled (once), or throws a SyntaxError saying why it does not compile. */
export function compilePolicyRegex(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    const flags = /^\(\?([ism]+)\)/.exec(source);
    regex = flags ? new RegExp(source.slice(flags[0].length), [...new Set(flags[1])].join('')) : new RegExp(source);
    compiled.set(source, regex);
  }
  return regex;
}

/** Why `source` does not compile, or undefined. */
export function policyRegexError(source: string): string | undefined {
  try {
    compilePolicyRegex(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
