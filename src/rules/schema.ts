import { nonCoreApiVersionOf } from '../model/reference/api-resources';
import { validateObject } from '../model/schema/validate';
import { isRecord } from '../model/pod-spec';
import type { Path } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { isPlaceholder, isTemplateKey } from './utils/placeholder';

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isRecord(value)) value = value[String(key)];
    else return undefined;
  }
  return value;
}

/** A template slot (`\${REPLICAS:-1}`, `{{ .Values.x }}`, `HELMSUBST_...`): its type and value come later. */
function aboutPlaceholder(object: Record<string, unknown>, path: Path, kind: string): boolean {
  if (kind === 'unknown-field') {
    const field = path[path.length - 1];
    return typeof field === 'string' && isTemplateKey(field);
  }
  if (kind === 'required') return false;
  return isPlaceholder(valueAt(object, path));
}

export default defineRule({
  meta: {
    id: 'schema',
    severity: 'error',
    category: 'reliability',
    description: 'Built-in objects must match the Kubernetes API schema: field types, known fields, allowed values and required fields.',
    rationale:
      'The API server rejects an object with a wrong type (`replicas: "3"`) or a missing required field, and with strict field validation (the kubectl default) an unknown field. Worse, a misspelt optional field (`securityContex`) is silently dropped when validation is lax, so a security setting the author believes in is not there. Catching these in review is cheaper than a failed deployment.',
    references: [
      { source: 'Kubernetes', title: 'API reference', url: 'https://kubernetes.io/docs/reference/kubernetes-api/' },
      { source: 'Kubernetes', title: 'Field validation', url: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation' },
      { source: 'kubernetes-models', title: 'Generated models and validators', url: 'https://github.com/tommy351/kubernetes-models-ts' },
    ],
  },
  check(object, ctx) {
    // Custom resources and unknown kinds have no schema here: validateObject returns undefined for them.
    // A built-in kind under the core `v1` (deprecated-api-version reports it) is judged by its own group's schema.
    const servedBy = typeof object.kind === 'string' && typeof object.apiVersion === 'string' && object.apiVersion.trim() === 'v1' ? nonCoreApiVersionOf(object.kind) : undefined;
    const issues = validateObject((servedBy ? { ...object, apiVersion: servedBy } : object) as Record<string, unknown>);
    if (!issues) return;
    for (const issue of issues) {
      if (aboutPlaceholder(object as Record<string, unknown>, issue.path, issue.kind)) continue;
      ctx.report({ path: issue.path, message: issue.message });
    }
  },
});
