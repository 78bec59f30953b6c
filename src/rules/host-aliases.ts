import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';

export default defineRule({
  meta: {
    id: 'host-aliases',
    severity: 'info',
    category: 'hardening',
    description: 'Pods should not override name resolution with hostAliases.',
    rationale:
      'hostAliases writes entries into the pod\'s /etc/hosts, bypassing cluster DNS. Hard-coded addresses go stale silently when a service moves, and the field can redirect a well-known name (a registry, an identity endpoint) to another address without any DNS record showing it. Prefer a Service, an ExternalName Service or a private DNS zone.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Kubernetes', title: 'Adding entries to Pod /etc/hosts with HostAliases', url: 'https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const aliases = (pod.value as unknown as Record<string, unknown>).hostAliases;
    // An empty list (or null) changes nothing; anything else either adds entries or is the schema rule's to report.
    if (aliases === undefined || aliases === null || (Array.isArray(aliases) && aliases.length === 0)) return;
    const hostnames = Array.isArray(aliases)
      ? aliases.flatMap((alias) => (alias && typeof alias === 'object' && Array.isArray((alias as { hostnames?: unknown }).hostnames) ? (alias as { hostnames: unknown[] }).hostnames : []))
          .filter((hostname): hostname is string => typeof hostname === 'string')
      : [];
    const names = hostnames.length ? ` (${hostnames.slice(0, 3).join(', ')}${hostnames.length > 3 ? ', …' : ''})` : '';
    ctx.report({
      path: [...pod.path, 'hostAliases'],
      message: `${objectLabel(object)} overrides name resolution with hostAliases${names}: use a Service, an ExternalName Service or DNS instead.`,
    });
  },
});
