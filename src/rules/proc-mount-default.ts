import { POD_WORKLOADS } from '../engine/types';
import { DEFAULT_PROC_MOUNT } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import {
  containerLabel,
  containerSecurityPath,
  hostUsersFalse,
  isSet,
  LEVEL_OPTION,
  psaCheckReference,
  pssReference,
  securityContextOf,
  show,
  versionAtLeast,
  type PssLevel,
} from './utils/pod-security';

export default defineRule<{ level: PssLevel }>({
  meta: {
    id: 'proc-mount-default',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Containers must keep the default /proc mount.',
    rationale:
      'The Default procMount masks and makes read-only the sensitive parts of /proc; `Unmasked` exposes kernel interfaces to the container. PSS baseline allows it only in a user namespace (`hostUsers: false`), restricted never.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', '/proc Mount Type'),
      psaCheckReference('check_procMount_baseline.go', 'procMount'),
      psaCheckReference('check_procMount_restricted.go', 'procMount_restricted'),
      { source: 'Azure Policy', id: 'f85eb0dd-92ee-40e9-8a76-db25a507d6d3', title: 'Kubernetes cluster containers should only use allowed ProcMountType' },
    ],
    options: { level: LEVEL_OPTION },
    defaultOptions: { level: 'baseline' },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    // Policy 1.35 relaxes the baseline check for user-namespaced pods; procMount_restricted (1.35+) and every
    // older policy keep the strict rule.
    const relaxed = ctx.options.level !== 'restricted' && versionAtLeast(ctx.kubernetesVersion, 35) && hostUsersFalse(pod.value);
    if (relaxed) return;
    for (const container of ctx.containers(object)) {
      const procMount = securityContextOf(container.value)?.procMount;
      if (!isSet(procMount) || procMount === DEFAULT_PROC_MOUNT) continue;
      const hint = ctx.options.level !== 'restricted' && versionAtLeast(ctx.kubernetesVersion, 35) ? ' (or run the pod in a user namespace with hostUsers: false)' : '';
      ctx.report({
        path: containerSecurityPath(container, 'procMount'),
        message: `${containerLabel(container)} sets procMount to ${show(procMount)}: remove it or set it to "Default"${hint}.`,
      });
    }
  },
});
