// The REST resource name of a kind, as client-go's meta.UnsafeGuessKindToResource guesses it (kubectl does the same
// when it has no discovery): lower-case, then "s", "es" after a final s, "ies" for a final y.

export function guessResource(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular === 'endpoints') return singular;
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}
