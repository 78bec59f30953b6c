// Compares a manifest's objects before and after --fix: every value that existed keeps it; new paths appear only
// under the security fields fixes write; a scalar may change only by case or quoting (`all` to `ALL`, `"false"` to
// false) inside those fields. Returns the differences that break that promise, one line each.
import { isRecord } from '../../src/model/pod-spec';

const SECURITY_FIELDS = new Set(['securityContext', 'automountServiceAccountToken']);

function withinSecurityField(path: ReadonlyArray<string | number>): boolean {
  return path.some((segment) => typeof segment === 'string' && SECURITY_FIELDS.has(segment));
}

function show(path: ReadonlyArray<string | number>): string {
  return path.map(String).join('.');
}

export function unsafeChanges(before: unknown, after: unknown, path: Array<string | number> = []): string[] {
  if (isRecord(before)) {
    if (!isRecord(after)) return [`${show(path)}: a map became ${JSON.stringify(after)}`];
    const problems: string[] = [];
    for (const key of Object.keys(before)) {
      if (!(key in after)) problems.push(`${show([...path, key])}: removed`);
      else problems.push(...unsafeChanges(before[key], after[key], [...path, key]));
    }
    for (const key of Object.keys(after)) {
      if (!(key in before) && !withinSecurityField([...path, key])) problems.push(`${show([...path, key])}: added outside a security field`);
    }
    return problems;
  }
  if (Array.isArray(before)) {
    if (!Array.isArray(after)) return [`${show(path)}: a list became ${JSON.stringify(after)}`];
    const problems: string[] = [];
    before.forEach((item, index) => problems.push(...(index < after.length ? unsafeChanges(item, after[index], [...path, index]) : [`${show([...path, index])}: removed`])));
    if (after.length > before.length && !(withinSecurityField(path) && path[path.length - 1] === 'drop')) problems.push(`${show(path)}: items added outside capabilities.drop`);
    return problems;
  }
  if (Object.is(before, after)) return [];
  const sameWords = before !== null && after !== null && String(before).toLowerCase() === String(after).toLowerCase();
  return sameWords && withinSecurityField(path) ? [] : [`${show(path)}: ${JSON.stringify(before)} became ${JSON.stringify(after)}`];
}
