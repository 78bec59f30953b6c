// Kubernetes label selector semantics, as apimachinery's metav1.LabelSelectorAsSelector and labels.SelectorFromSet
// implement them (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors).
// Inputs come straight from manifests, so every function accepts `unknown` and never throws.
import { isRecord } from '../../model/pod-spec';

/** A label value as the API server would store it; scalars YAML typed as numbers/booleans are compared as text. */
function labelValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The labels of a map such as `metadata.labels`; entries that are not scalars are dropped. */
export function toLabels(labels: unknown): Map<string, string> {
  const result = new Map<string, string>();
  if (!isRecord(labels)) return result;
  for (const [key, value] of Object.entries(labels)) {
    const text = labelValue(value);
    if (text !== undefined) result.set(key, text);
  }
  return result;
}

/**
 * Why a LabelSelector is invalid (the API server would reject the object), or undefined when it is valid.
 * null/absent is valid here (it selects nothing); callers for whom the field is required check that themselves.
 */
export function labelSelectorError(selector: unknown): string | undefined {
  if (selector === null || selector === undefined) return undefined;
  if (!isRecord(selector)) return 'the selector is not a map';
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== null && matchLabels !== undefined) {
    if (!isRecord(matchLabels)) return 'matchLabels is not a map';
    for (const [key, value] of Object.entries(matchLabels)) {
      if (labelValue(value) === undefined) return `matchLabels "${key}" is not a string`;
    }
  }
  if (matchExpressions !== null && matchExpressions !== undefined) {
    if (!Array.isArray(matchExpressions)) return 'matchExpressions is not a list';
    for (const [index, requirement] of matchExpressions.entries()) {
      const error = requirementError(requirement);
      if (error) return `matchExpressions[${index}] ${error}`;
    }
  }
  return undefined;
}

function requirementError(requirement: unknown): string | undefined {
  if (!isRecord(requirement)) return 'is not a map';
  if (typeof requirement.key !== 'string' || requirement.key === '') return 'has no key';
  const values = requirement.values;
  if (values !== null && values !== undefined) {
    if (!Array.isArray(values)) return 'values is not a list';
    if (values.some((value) => labelValue(value) === undefined)) return 'values holds a non-string';
  }
  const count = Array.isArray(values) ? values.length : 0;
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      return count === 0 ? `operator ${requirement.operator} needs values` : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return count > 0 ? `operator ${requirement.operator} takes no values` : undefined;
    default:
      return `has unknown operator "${String(requirement.operator)}"`;
  }
}

/** True when the LabelSelector has no requirement at all (`{}`): it selects every object. */
export function isEmptyLabelSelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  const { matchLabels, matchExpressions } = selector;
  const labelCount = isRecord(matchLabels) ? Object.keys(matchLabels).length : 0;
  const expressionCount = Array.isArray(matchExpressions) ? matchExpressions.length : 0;
  return labelCount === 0 && expressionCount === 0 && labelSelectorError(selector) === undefined;
}

export type LabelMatcher = (labels: ReadonlyMap<string, string>) => boolean;

const NOTHING: LabelMatcher = () => false;

/**
 * metav1.LabelSelector semantics, compiled once for matching many label sets (see `toLabels`): matchLabels AND every
 * matchExpressions requirement (In, NotIn, Exists, DoesNotExist; NotIn and DoesNotExist match an absent key).
 * `{}` selects everything; null/absent selects nothing; an invalid selector (unknown operator, In without
 * values...) selects nothing.
 */
export function compileLabelSelector(selector: unknown): LabelMatcher {
  if (!isRecord(selector) || labelSelectorError(selector) !== undefined) return NOTHING;
  const tests: LabelMatcher[] = [];
  if (isRecord(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const expected = labelValue(value);
      tests.push((labels) => labels.get(key) === expected);
    }
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const requirement of selector.matchExpressions as Array<Record<string, unknown>>) {
      const key = requirement.key as string;
      const values = new Set(Array.isArray(requirement.values) ? requirement.values.map(labelValue) : []);
      switch (requirement.operator) {
        case 'In':
          tests.push((labels) => labels.has(key) && values.has(labels.get(key)));
          break;
        case 'NotIn':
          tests.push((labels) => !labels.has(key) || !values.has(labels.get(key)));
          break;
        case 'Exists':
          tests.push((labels) => labels.has(key));
          break;
        case 'DoesNotExist':
          tests.push((labels) => !labels.has(key));
          break;
      }
    }
  }
  return (labels) => tests.every((check) => check(labels));
}

/** metav1.LabelSelector semantics for one label set: see `compileLabelSelector`. */
export function matchesLabelSelector(selector: unknown, labels: unknown): boolean {
  return compileLabelSelector(selector)(toLabels(labels));
}

/**
 * Service `spec.selector` semantics (labels.SelectorFromSet): every key must be present with an equal value.
 * An absent or empty selector selects nothing: such a Service gets no endpoints from the controllers
 * (its Endpoints are managed by hand), so it matches no pod.
 */
export function matchesServiceSelector(selector: unknown, labels: unknown): boolean {
  if (!isRecord(selector)) return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  const podLabels = toLabels(labels);
  for (const [key, value] of entries) {
    const expected = labelValue(value);
    if (expected === undefined || podLabels.get(key) !== expected) return false;
  }
  return true;
}

/** The namespace an object lands in when applied without `-n`: `metadata.namespace`, or `default` when absent. */
export function effectiveNamespace(object: unknown): string {
  const metadata = isRecord(object) ? object.metadata : undefined;
  const namespace = isRecord(metadata) ? metadata.namespace : undefined;
  return typeof namespace === 'string' && namespace !== '' ? namespace : 'default';
}
