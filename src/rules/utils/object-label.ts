// How messages name an object: `Deployment "web"`, `Job generated from "pi-"` for a generateName, or
// `unnamed Pod`, never `Pod ""`.
import type { KubeObject } from '../../engine/types';

export function objectLabel(object: KubeObject): string {
  const kind = typeof object.kind === 'string' && object.kind !== '' ? object.kind : 'Object';
  const name = object.metadata?.name as unknown;
  if (typeof name === 'string' && name !== '') return `${kind} "${name}"`;
  const generateName = (object.metadata as { generateName?: unknown } | undefined)?.generateName;
  if (typeof generateName === 'string' && generateName !== '') return `${kind} generated from "${generateName}"`;
  return `unnamed ${kind}`;
}
