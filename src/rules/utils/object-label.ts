// How messages name an object: `Deployment "web"`, or the kind alone when the object has no usable name.
import type { KubeObject } from '../../engine/types';

export function objectLabel(object: KubeObject): string {
  const kind = typeof object.kind === 'string' && object.kind !== '' ? object.kind : 'Object';
  const name = object.metadata?.name as unknown;
  return typeof name === 'string' && name !== '' ? `${kind} "${name}"` : kind;
}
