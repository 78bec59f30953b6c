// Resource quantities as the library's Rego canonifies them (canonify_cpu, canonify_mem): cpu in millicores, memory
// in millibytes; a value the Rego cannot parse is itself a violation there, so `undefined` is reported, not skipped.

export function canonicalCpu(value: unknown): number | undefined {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string') return undefined;
  if (value.endsWith('m')) {
    const number = Number(value.slice(0, -1));
    return value.length > 1 && Number.isFinite(number) ? number : undefined;
  }
  return /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) * 1000 : undefined;
}

const MEMORY_MULTIPLES: Record<string, number> = {
  E: 1e21, P: 1e18, T: 1e15, G: 1e12, M: 1e9, k: 1e6, '': 1e3, m: 1,
  Ki: 1024e3, Mi: 1048576e3, Gi: 1073741824e3, Ti: 1099511627776e3, Pi: 1125899906842624e3, Ei: 1152921504606846976e3,
};

export function canonicalMemory(value: unknown): number | undefined {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string') return undefined;
  const suffix = [value.slice(-2), value.slice(-1)].find((candidate) => candidate !== '' && candidate in MEMORY_MULTIPLES && value.endsWith(candidate)) ?? '';
  const raw = value.slice(0, value.length - suffix.length);
  return /^[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) * MEMORY_MULTIPLES[suffix] : undefined;
}

/** `resources[section][name]` is absent or "" (the Rego's `missing`). */
export function missingResource(resources: unknown, section: 'limits' | 'requests', name: string): boolean {
  const values = typeof resources === 'object' && resources !== null ? (resources as Record<string, unknown>)[section] : undefined;
  if (typeof values !== 'object' || values === null) return true;
  const value = (values as Record<string, unknown>)[name];
  return value === undefined || value === null || value === '' || value === false;
}
