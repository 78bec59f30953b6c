// Helpers shared by the Pod Security Standards rules: version gates, pod-level conditions, safe field access.
import type { ContainerRef, KubernetesVersion, OptionSchema, Path, RuleReference } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';

export type PssLevel = 'baseline' | 'restricted';

export const PSS_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
export const PSS_BASELINE_URL = `${PSS_URL}#baseline`;
export const PSS_RESTRICTED_URL = `${PSS_URL}#restricted`;
export const PSA_POLICY_URL = 'https://github.com/kubernetes/pod-security-admission/tree/master/policy';

/** The `level` option of the rules whose PSS check differs between baseline and restricted; the presets set it. */
export const ALLOWED_CAPABILITIES_OPTION: OptionSchema = {
  type: 'string[]',
  description:
    'The capabilities a container may add, replacing the Pod Security Standards list (Azure Policy\'s allowedCapabilities; `*` allows any).',
};

/** Whether `capability` may be added: the option's list when set, else the PSS list. */
export function capabilityAllowed(capability: unknown, option: unknown, pssList: ReadonlySet<string>): boolean {
  if (typeof capability !== 'string') return false;
  if (Array.isArray(option)) return option.includes('*') || option.includes(capability);
  return pssList.has(capability);
}

export const LEVEL_OPTION: OptionSchema = {
  type: 'enum',
  values: ['baseline', 'restricted'],
  description: 'The Pod Security Standards level to apply; the pss-restricted, aks and strict presets set `restricted`.',
};

export function pssReference(level: PssLevel, title: string): RuleReference {
  return { source: 'PSS', title: `${level === 'baseline' ? 'Baseline' : 'Restricted'}: ${title}`, url: level === 'baseline' ? PSS_BASELINE_URL : PSS_RESTRICTED_URL };
}

export function psaCheckReference(file: string, checkId: string): RuleReference {
  return { source: 'Kubernetes', id: checkId, title: `pod-security-admission ${file}`, url: `${PSA_POLICY_URL}/${file}` };
}

/** The policy minor version to compare gates against; every gate is on Kubernetes 1.x. */
function policyMinor(version: KubernetesVersion): number {
  if (version.major > 1) return Number.MAX_SAFE_INTEGER;
  if (version.major < 1) return -1;
  return version.minor;
}

/** True when the target Kubernetes version is 1.`minor` or newer (the pod-security-admission `MinimumVersion`). */
export function versionAtLeast(version: KubernetesVersion, minor: number): boolean {
  return policyMinor(version) >= minor;
}

export function minorOf(version: KubernetesVersion): number {
  return policyMinor(version);
}

/** `spec.os.name: windows`: exempt from the Linux-only restricted checks from policy 1.25. */
export function isWindowsPod(spec: unknown): boolean {
  const os = isRecord(spec) ? spec.os : undefined;
  return isRecord(os) && os.name === 'windows';
}

/** `spec.hostUsers: false` (a user namespace): relaxes procMount (baseline), runAsNonRoot and runAsUser from policy 1.35. */
export function hostUsersFalse(spec: unknown): boolean {
  return isRecord(spec) && spec.hostUsers === false;
}

/** A field that is present with a value: `null` is treated as absent, as the API server decodes it. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** The `securityContext` map of a container or pod spec, when it is one. */
export function securityContextOf(holder: unknown): Record<string, unknown> | undefined {
  return isRecord(holder) ? asRecord(holder.securityContext) : undefined;
}

/** A scalar as the message shows it; objects and lists are summarised, never dumped. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : String(value);
}

export { containerLabel } from './container-label';

/** Path of a field under a container's securityContext. */
export function containerSecurityPath(container: ContainerRef, ...rest: Path): Path {
  return [...container.path, 'securityContext', ...rest];
}

/**
 * Knative Serving (Service, Configuration, Revision) rejects pod-level securityContext fields under its default
 * feature flags (`kubernetes.podspec-securitycontext: disabled`); container-level fields are accepted, so fixes go there.
 */
export function rejectsPodSecurityContext(object: { apiVersion?: unknown }): boolean {
  return typeof object.apiVersion === 'string' && object.apiVersion.startsWith('serving.knative.dev/');
}
