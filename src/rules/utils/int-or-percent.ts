// IntOrString fields that hold a count or a percentage of a total (maxSurge, maxUnavailable, minAvailable), resolved
// as apimachinery's intstr.GetScaledValueFromIntOrPercent does.

/** True for an integer or a "N%" string; the API server rejects other strings. */
export function isIntOrPercent(value: unknown): value is number | string {
  return Number.isInteger(value) || (typeof value === 'string' && /^[0-9]+%$/.test(value));
}

/** The percentage in a "N%" string, or undefined. */
export function percentOf(value: unknown): number | undefined {
  return typeof value === 'string' && /^[0-9]+%$/.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/**
 * The count `value` stands for out of `total`: an integer as is, a percentage of `total` rounded up or down
 * (maxSurge rounds up, maxUnavailable down). Undefined when `value` is not an int or a percentage.
 */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (Number.isInteger(value)) return value as number;
  const percent = percentOf(value);
  if (percent === undefined) return undefined;
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
