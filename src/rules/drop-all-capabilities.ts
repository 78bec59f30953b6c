import { POD_WORKLOADS } from '../engine/types';
import { CAPABILITY_ALL, RESTRICTED_ADD_CAPABILITIES } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import {
  ALLOWED_CAPABILITIES_OPTION,
  asRecord,
  capabilityAllowed,
  containerLabel,
  containerSecurityPath,
  isSet,
  isWindowsPod,
  psaCheckReference,
  pssReference,
  securityContextOf,
  show,
  versionAtLeast,
} from './utils/pod-security';

export default defineRule<{ allowedCapabilities?: string[] }>({
  meta: {
    id: 'drop-all-capabilities',
    severity: 'warning',
    category: 'pss-restricted',
    description: 'Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE.',
    rationale:
      'The default capability set of a container runtime still includes CHOWN, DAC_OVERRIDE, SETUID, NET_RAW and others an application rarely needs; dropping ALL leaves an attacker who gets code execution nothing to escalate with. PSS restricted requires drop: [ALL] and allows adding only NET_BIND_SERVICE (Windows pods are exempt from Kubernetes 1.25).',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('restricted', 'Capabilities'),
      psaCheckReference('check_capabilities_restricted.go', 'capabilities_restricted'),
      { source: 'CIS', id: '5.2.10', title: 'Minimize the admission of containers with capabilities assigned' },
      { source: 'Azure Policy', id: 'c26596ff-4d70-4e6a-9a30-c2506bd2f80c', title: 'Kubernetes cluster containers should only use allowed capabilities' },
    ],
    fixable: true,
    options: { allowedCapabilities: ALLOWED_CAPABILITIES_OPTION },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod || !versionAtLeast(ctx.kubernetesVersion, 22)) return;
    // Capabilities are Linux-only; the API rejects them on Windows pods, so PSS admits those from 1.25.
    if (versionAtLeast(ctx.kubernetesVersion, 25) && isWindowsPod(pod.value)) return;
    const allowed = ctx.options.allowedCapabilities;
    for (const container of ctx.containers(object)) {
      const securityContext = securityContextOf(container.value);
      const capabilities = asRecord(securityContext?.capabilities);
      const drop: unknown = capabilities?.drop;
      const add: unknown = capabilities?.add;

      if (!(Array.isArray(drop) && drop.includes(CAPABILITY_ALL))) {
        const path = containerSecurityPath(container, 'capabilities', 'drop');
        // Only extend what is there: a securityContext, capabilities or drop of the wrong type is left to the schema rule.
        const parentsOk =
          (securityContext || !isSet(container.value.securityContext)) && (capabilities || !isSet(securityContext?.capabilities));
        const fixable = parentsOk && (Array.isArray(drop) || !isSet(drop));
        // `all` in another case is the intent written wrong (capability names are case-sensitive): correct it in place.
        const miscased = Array.isArray(drop) ? drop.findIndex((item) => typeof item === 'string' && item.toUpperCase() === CAPABILITY_ALL) : -1;
        const fix =
          miscased >= 0
            ? { op: 'set' as const, path: [...path, miscased], value: CAPABILITY_ALL }
            : { op: 'set' as const, path, value: [...(Array.isArray(drop) ? drop : []), CAPABILITY_ALL] };
        ctx.report({
          path: miscased >= 0 ? [...path, miscased] : path,
          message:
            miscased >= 0
              ? `${containerLabel(container)} drops ${show((drop as unknown[])[miscased])} instead of "ALL": capability names are case-sensitive, and Pod Security admission accepts only "ALL".`
              : Array.isArray(drop)
                ? `${containerLabel(container)} does not drop ALL capabilities: add "ALL" to securityContext.capabilities.drop.`
                : `${containerLabel(container)} keeps the default capabilities: set securityContext.capabilities.drop to ["ALL"].`,
          ...(fixable ? { fix: [fix] } : {}),
        });
      }
      if (Array.isArray(add)) {
        add.forEach((capability: unknown, index) => {
          if (capabilityAllowed(capability, allowed, RESTRICTED_ADD_CAPABILITIES)) return;
          ctx.report({
            path: containerSecurityPath(container, 'capabilities', 'add', index),
            message: Array.isArray(allowed)
              ? `${containerLabel(container)} adds capability ${show(capability)}; the allowed capabilities are ${allowed.length ? allowed.join(', ') : 'none'}.`
              : `${containerLabel(container)} adds capability ${show(capability)}: PSS restricted allows adding only NET_BIND_SERVICE.`,
          });
        });
      }
    }
  },
});
