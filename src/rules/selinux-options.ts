import { POD_WORKLOADS, type Path } from '../engine/types';
import { SELINUX_TYPES, valuesAt } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import { asRecord, containerLabel, containerSecurityPath, isSet, minorOf, psaCheckReference, pssReference, securityContextOf, show } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'selinux-options',
    severity: 'error',
    category: 'pss-baseline',
    description: 'SELinux options must keep a container type and must not set a custom user or role.',
    rationale:
      'A custom SELinux type such as spc_t or unconfined_t, user or role lifts the SELinux confinement that keeps a container away from the host and other containers. PSS baseline allows only the container types (container_t, container_init_t, container_kvm_t, and container_engine_t from 1.31).',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'SELinux'),
      psaCheckReference('check_seLinuxOptions.go', 'seLinuxOptions'),
      { source: 'Azure Policy', id: 'e1e6c427-07d9-46ab-9689-bfa85431e636', title: 'Kubernetes cluster pods and containers should only use allowed SELinux options' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const allowedTypes = valuesAt(SELINUX_TYPES, minorOf(ctx.kubernetesVersion));

    const checkOptions = (options: unknown, path: Path, owner: string) => {
      const seLinux = asRecord(options);
      if (!seLinux) return;
      // An absent or null field decodes to "", which is allowed.
      const type = isSet(seLinux.type) ? seLinux.type : '';
      if (!(typeof type === 'string' && allowedTypes.has(type))) {
        ctx.report({
          path: [...path, 'type'],
          message: `${owner} sets SELinux type ${show(type)}: use one of ${[...allowedTypes].filter(Boolean).join(', ')}, or remove it.`,
        });
      }
      for (const field of ['user', 'role'] as const) {
        const value = seLinux[field];
        if (isSet(value) && value !== '') {
          ctx.report({ path: [...path, field], message: `${owner} sets the SELinux ${field} ${show(value)}: remove seLinuxOptions.${field}.` });
        }
      }
    };

    checkOptions(securityContextOf(pod.value)?.seLinuxOptions, [...pod.path, 'securityContext', 'seLinuxOptions'], 'The pod');
    for (const container of ctx.containers(object)) {
      checkOptions(securityContextOf(container.value)?.seLinuxOptions, containerSecurityPath(container, 'seLinuxOptions'), containerLabel(container));
    }
  },
});
