// hostPath volumes of a pod spec, with their paths normalised so that `/var/run/docker.sock`, `/run//docker.sock`
// and `/var/run/./docker.sock/` compare equal. The kubelet bind-mounts the path as written, and the node resolves
// `..`, repeated slashes and the /var/run -> /run symlink the same way.
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { Path, PodSpecRef } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';

export interface HostPathVolume {
  /** The volume as written. */
  volume: IVolume;
  name: string | undefined;
  /** `hostPath.path` as written. */
  path: string;
  /** Normalised path: absolute, no `.`/`..`/empty segments or trailing slash, `/var/run` as `/run`;
   *  Windows paths lower case with `/` (`c:/windows`), named pipes as `//./pipe/<name>`. */
  normalized: string;
  /** Path to report: `…volumes[i].hostPath.path`. */
  reportPath: Path;
}

/** Normalises a host path (see HostPathVolume.normalized). */
export function normalizeHostPath(raw: string): string {
  const text = raw.trim();
  const windows = /^[A-Za-z]:(?:[\\/]|$)/.test(text) || /^[\\/]{2}[.?][\\/]/.test(text);
  if (windows) {
    const lower = text.replace(/\\/g, '/').toLowerCase();
    const pipe = /^\/\/[.?]\/pipe\/(.*)$/.exec(lower);
    if (pipe) return `//./pipe/${pipe[1]}`;
    const drive = lower.slice(0, 2);
    const rest = resolveSegments(lower.slice(2));
    return rest === '/' ? drive : `${drive}${rest}`;
  }
  const resolved = resolveSegments(text);
  return resolved === '/var/run' || resolved.startsWith('/var/run/') ? resolved.slice('/var'.length) : resolved;
}

function resolveSegments(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** True when `path` is `directory` or lies under it (both normalised). */
export function isSameOrUnder(path: string, directory: string): boolean {
  if (directory === '/') return path.startsWith('/');
  return path === directory || path.startsWith(`${directory}/`);
}

/** Every `hostPath` volume of the pod spec with a string path. */
export function hostPathVolumes(podSpec: PodSpecRef | undefined): HostPathVolume[] {
  if (!podSpec) return [];
  const volumes = (podSpec.value as unknown as Record<string, unknown>).volumes;
  if (!Array.isArray(volumes)) return [];
  const result: HostPathVolume[] = [];
  volumes.forEach((volume, index) => {
    if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
    const path = volume.hostPath.path;
    if (typeof path !== 'string' || !path.trim()) return;
    result.push({
      volume: volume as unknown as IVolume,
      name: typeof volume.name === 'string' ? volume.name : undefined,
      path,
      normalized: normalizeHostPath(path),
      reportPath: [...podSpec.path, 'volumes', index, 'hostPath', 'path'],
    });
  });
  return result;
}

/** The last segment of a normalised path (`docker.sock`). */
export function baseName(normalized: string): string {
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}
