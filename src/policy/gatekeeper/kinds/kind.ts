// What a constraint kind implements: the check of one Gatekeeper library template, natively.
import type { ContainerRef, KubeObject, RuleContext } from '../../../engine/types';
import type { ConstraintData } from '../types';

export interface KindContext {
  constraint: ConstraintData;
  /** `<Kind>/<name>`, for messages. */
  id: string;
  parameters: Record<string, unknown>;
  rule: RuleContext;
  /** How messages name the judged object when it is not the manifest's own (the pods a workload creates). */
  subject?: string;
}

export interface ConstraintKind {
  kind: string;
  /** 'pod': Pods, and the pods a workload's template creates; 'object': the matched object itself. */
  target: 'pod' | 'object';
  /** Judges the object against the rest of the lint set (unique hosts, selectors...). */
  crossObject?: boolean;
  /** An 'object' kind that also judges the metadata of the pods a workload creates, when the constraint matches Pods. */
  podTemplates?: boolean;
  check(object: KubeObject, context: KindContext): void;
}

/** A field the Rego tests for truth (`has_field`, `not obj[field]`): present, not null and not false. */
export function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The library's `exemptImages`: an exact image, or a prefix ending in `*`. */
export function isExemptImage(container: ContainerRef, parameters: Record<string, unknown>): boolean {
  const image = container.value.image;
  if (typeof image !== 'string') return false;
  return stringList(parameters.exemptImages).some((exemption) => (exemption.endsWith('*') ? image.startsWith(exemption.slice(0, -1)) : exemption === image));
}

/** The containers a pod-level template judges (not exempt), in the lists it reads. */
export function judgedContainers(object: KubeObject, context: KindContext, lists: ReadonlyArray<ContainerRef['list']> = ['containers', 'initContainers', 'ephemeralContainers']): ContainerRef[] {
  return context.rule.containers(object).filter((container) => lists.includes(container.list) && !isExemptImage(container, context.parameters));
}

/** A list as the message shows it: `NET_BIND_SERVICE, SYS_TIME`, or `none`. */
export function listed(values: readonly unknown[]): string {
  return values.length ? values.map(String).join(', ') : 'none';
}
