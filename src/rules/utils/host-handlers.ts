// Probe and lifecycle handlers that name a `host`: the node makes the request to that host on the pod author's behalf.
// Shared by no-host-probes and the Gatekeeper kind K8sPSPHostProbesLifecycle.
import type { ContainerRef, Path } from '../../engine/types';
import { HOST_HANDLER_ACTIONS, LIFECYCLE_HANDLERS, PROBE_FIELDS } from '../../model/reference/pod-security';
import { asRecord, isSet } from './pod-security';

export interface HostHandler {
  host: unknown;
  /** `livenessProbe`, `lifecycle.preStop`... */
  label: string;
  action: (typeof HOST_HANDLER_ACTIONS)[number];
  /** Path of the `host` field. */
  path: Path;
}

/** Every httpGet or tcpSocket handler of the container's probes and lifecycle hooks with a non-empty host. */
export function hostHandlers(container: ContainerRef): HostHandler[] {
  const fields = asRecord(container.value);
  const lifecycle = asRecord(fields?.lifecycle);
  const handlers: Array<{ value: unknown; path: Path; label: string }> = [
    ...PROBE_FIELDS.map((probe) => ({ value: fields?.[probe], path: [...container.path, probe], label: probe })),
    ...LIFECYCLE_HANDLERS.map((hook) => ({ value: lifecycle?.[hook], path: [...container.path, 'lifecycle', hook], label: `lifecycle.${hook}` })),
  ];
  const found: HostHandler[] = [];
  for (const handler of handlers) {
    const record = asRecord(handler.value);
    if (!record) continue;
    for (const action of HOST_HANDLER_ACTIONS) {
      const host = asRecord(record[action])?.host;
      if (isSet(host) && host !== '') found.push({ host, label: handler.label, action, path: [...handler.path, action, 'host'] });
    }
  }
  return found;
}
