import { POD_WORKLOADS } from '../engine/types';
import { BASELINE_CAPABILITIES } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import {
  ALLOWED_CAPABILITIES_OPTION,
  asRecord,
  capabilityAllowed,
  containerLabel,
  containerSecurityPath,
  LEVEL_OPTION,
  psaCheckReference,
  pssReference,
  securityContextOf,
  show,
  versionAtLeast,
  type PssLevel,
} from './utils/pod-security';

export default defineRule<{ level: PssLevel; allowedCapabilities?: string[] }>({
  meta: {
    id: 'capabilities-baseline',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Containers may add only the Linux capabilities of the PSS baseline allow-list.',
    rationale:
      'Capabilities such as SYS_ADMIN, NET_ADMIN, NET_RAW or SYS_PTRACE give a container root powers over the kernel, the network or other processes; PSS baseline allows adding only the container runtime defaults.',
    kinds: POD_WORKLOADS,
    // An added capability outside the baseline set is one problem: this PSS check reports it, the others stay quiet.
    supersedes: ['no-dangerous-capabilities', 'drop-all-capabilities'],
    references: [
      pssReference('baseline', 'Capabilities'),
      psaCheckReference('check_capabilities_baseline.go', 'capabilities_baseline'),
      { source: 'CIS', id: '5.2.9', title: 'Minimize the admission of containers with added capabilities' },
      { source: 'Azure Policy', id: 'c26596ff-4d70-4e6a-9a30-c2506bd2f80c', title: 'Kubernetes cluster containers should only use allowed capabilities' },
    ],
    options: { level: LEVEL_OPTION, allowedCapabilities: ALLOWED_CAPABILITIES_OPTION },
    defaultOptions: { level: 'baseline' },
  },
  check(object, ctx) {
    // From policy 1.22, restricted replaces this check with capabilities_restricted (drop-all-capabilities).
    const allowed = ctx.options.allowedCapabilities;
    if (ctx.options.level === 'restricted' && versionAtLeast(ctx.kubernetesVersion, 22) && allowed === undefined) return;
    for (const container of ctx.containers(object)) {
      const add: unknown = asRecord(securityContextOf(container.value)?.capabilities)?.add;
      if (!Array.isArray(add)) continue;
      add.forEach((capability: unknown, index) => {
        // The match is exact, as upstream: `CAP_CHOWN` and `chown` are not CHOWN to pod-security-admission.
        if (capabilityAllowed(capability, allowed, BASELINE_CAPABILITIES)) return;
        ctx.report({
          path: containerSecurityPath(container, 'capabilities', 'add', index),
          message: Array.isArray(allowed)
            ? `${containerLabel(container)} adds capability ${show(capability)}; the allowed capabilities are ${allowed.length ? allowed.join(', ') : 'none'}: remove it from securityContext.capabilities.add.`
            : `${containerLabel(container)} adds capability ${show(capability)}, which PSS baseline forbids: remove it from securityContext.capabilities.add.`,
        });
      });
    }
  },
});
