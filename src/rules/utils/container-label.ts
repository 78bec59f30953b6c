// How messages name a container, the same way in every rule.
import type { ContainerRef } from '../../engine/types';

const LIST_LABEL: Record<ContainerRef['list'], string> = {
  containers: 'Container',
  initContainers: 'Init container',
  ephemeralContainers: 'Ephemeral container',
};

/** `Container "web"`, `Init container "setup"`, or `Container #2` (unquoted: a position, not a name) when unnamed. */
export function containerLabel(container: Pick<ContainerRef, 'value' | 'list' | 'index'>): string {
  const name = container.value.name as unknown;
  const label = LIST_LABEL[container.list];
  return typeof name === 'string' && name !== '' ? `${label} "${name}"` : `${label} #${container.index + 1}`;
}
