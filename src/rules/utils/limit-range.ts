// Container defaults that a LimitRange of the lint set applies at admission (the LimitRanger plugin), so that a
// container without its own requests or limits still gets them. Defaulting as in SetDefaults_LimitRangeItem
// (kubernetes/pkg/apis/core/v1/defaults.go): default limit <- default, else max; default request <- defaultRequest,
// else the default limit, else min. https://kubernetes.io/docs/concepts/policy/limit-range/
import { objectLabel } from './object-label';
import type { LintObject } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { effectiveNamespace } from './label-selector';
import { apiGroupOf, groupedBy, perLintSet } from './lint-set';

export interface ContainerDefaults {
  /** Resource names (cpu, memory...) that get a default limit. */
  limits: Map<string, string>;
  /** Resource names that get a default request. */
  requests: Map<string, string>;
}

function keys(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value).filter((key) => value[key] !== null && value[key] !== undefined) : [];
}

/** Defaults per resource name, each mapped to the LimitRange that sets it (`LimitRange "defaults"`). */
export function containerDefaults(objects: readonly LintObject[], namespace: string): ContainerDefaults {
  // Once per namespace and run; callers only read the maps.
  const cache = perLintSet(objects, 'limit-range-container-defaults', () => new Map<string, ContainerDefaults>());
  let result = cache.get(namespace);
  if (!result) {
    const limitRanges = groupedBy(objects, 'limit-ranges-by-namespace', ({ object }) =>
      object.kind === 'LimitRange' && apiGroupOf(object) === '' ? effectiveNamespace(object) : undefined,
    );
    result = computeDefaults(limitRanges.get(namespace) ?? []);
    cache.set(namespace, result);
  }
  return result;
}

function computeDefaults(limitRanges: readonly LintObject[]): ContainerDefaults {
  const result: ContainerDefaults = { limits: new Map(), requests: new Map() };
  for (const { object } of limitRanges) {
    const spec = object.spec;
    if (!isRecord(spec) || !Array.isArray(spec.limits)) continue;
    const label = objectLabel(object);
    for (const item of spec.limits) {
      if (!isRecord(item) || item.type !== 'Container') continue;
      const limits = new Set([...keys(item.default), ...keys(item.max)]);
      const requests = new Set([...keys(item.defaultRequest), ...limits, ...keys(item.min)]);
      for (const name of limits) if (!result.limits.has(name)) result.limits.set(name, label);
      for (const name of requests) if (!result.requests.has(name)) result.requests.set(name, label);
    }
  }
  return result;
}
