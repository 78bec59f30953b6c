// Reading `resources` of containers and pods from manifests, where any level may be missing or of the wrong type.
import type { KubernetesVersion } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';

/** True when `resources[section][name]` holds a value (a quantity string or number). */
export function hasResource(resources: unknown, section: 'limits' | 'requests', name: string): boolean {
  if (!isRecord(resources)) return false;
  const values = resources[section];
  if (!isRecord(values)) return false;
  const value = values[name];
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

/** Pod-level `spec.resources` (KEP-2837) exists from Kubernetes 1.32; earlier API servers drop it. */
export function podLevelResources(podSpec: unknown, version: KubernetesVersion): unknown {
  if (version.major === 1 && version.minor < 32) return undefined;
  return isRecord(podSpec) ? podSpec.resources : undefined;
}
