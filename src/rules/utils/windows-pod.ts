// Linux-only security settings (capabilities, read-only root filesystem, run-as UIDs) mean nothing on Windows nodes,
// where the API server rejects or the runtime ignores them. Hardening rules exempt those pods.
import type { PodSpecRef } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';

/**
 * True when the pod runs on Windows: `spec.os.name: windows` (what the API server validates against), or a
 * `kubernetes.io/os: windows` node selector (how most AKS Windows workloads are pinned to their node pool).
 */
export function runsOnWindows(podSpec: PodSpecRef | undefined): boolean {
  if (!podSpec) return false;
  const spec = podSpec.value as unknown as Record<string, unknown>;
  if (isRecord(spec.os) && spec.os.name === 'windows') return true;
  return isRecord(spec.nodeSelector) && spec.nodeSelector['kubernetes.io/os'] === 'windows';
}
