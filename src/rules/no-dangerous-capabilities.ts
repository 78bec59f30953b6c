import { POD_WORKLOADS } from '../engine/types';
import { DANGEROUS_CAPABILITIES, normalizeCapability } from '../model/reference/dangerous-capabilities';
import { defineRule } from './utils/define-rule';
import { asRecord, containerLabel, containerSecurityPath, securityContextOf } from './utils/pod-security';
import { runsOnWindows } from './utils/windows-pod';

export default defineRule({
  meta: {
    id: 'no-dangerous-capabilities',
    severity: 'error',
    category: 'hardening',
    description: 'Containers must not add ALL, SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH or BPF, and should drop NET_RAW.',
    rationale:
      'These capabilities let a container reconfigure the node network, trace other processes, load kernel code or use the well-known mount and file-handle escapes. NET_RAW is in the runtimes\' default set: unless a container drops it, a compromised pod can spoof ARP and DNS traffic on the node network.',
    kinds: POD_WORKLOADS,
    // A dangerous added capability is one problem: this finding names the danger, drop-all-capabilities stays quiet.
    supersedes: ['drop-all-capabilities'],
    references: [
      { source: 'Azure Policy', id: 'd2e7ea85-6b44-4317-a0be-1b951587f626', title: 'Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities' },
      { source: 'Azure Policy', id: 'a27c700f-8a22-44ec-961c-41625264370b', title: 'Kubernetes clusters should not use specific security capabilities' },
      { source: 'CIS', title: 'Minimize the admission of containers with the NET_RAW capability' },
      { source: 'Linux', title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    ],
  },
  check(object, ctx) {
    const windows = runsOnWindows(ctx.podSpec(object));
    for (const container of ctx.containers(object)) {
      const capabilities = asRecord(securityContextOf(container.value)?.capabilities);
      const add: unknown = capabilities?.add;
      const drop: unknown = capabilities?.drop;
      let addsNetRaw = false;

      if (Array.isArray(add)) {
        add.forEach((entry: unknown, index) => {
          const capability = normalizeCapability(entry);
          const risk = capability === undefined ? undefined : DANGEROUS_CAPABILITIES.get(capability);
          if (!risk) return;
          if (capability === 'NET_RAW' || capability === 'ALL') addsNetRaw = true;
          ctx.report({
            path: containerSecurityPath(container, 'capabilities', 'add', index),
            message: `${containerLabel(container)} adds capability ${capability} (${risk}): remove it from securityContext.capabilities.add.`,
          });
        });
      }

      // Windows has no Linux capabilities; and a container that adds NET_RAW or ALL was reported above.
      if (windows || addsNetRaw) continue;
      const drops = Array.isArray(drop) ? drop.map(normalizeCapability) : [];
      if (drops.includes('NET_RAW') || drops.includes('ALL')) continue;
      ctx.report({
        path: containerSecurityPath(container, 'capabilities', 'drop'),
        severity: 'warning',
        message: `${containerLabel(container)} keeps the default NET_RAW capability: add "ALL" (or at least "NET_RAW") to securityContext.capabilities.drop.`,
      });
    }
  },
});
