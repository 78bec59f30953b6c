import { POD_WORKLOADS, type ContainerRef, type FixOperation } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import {
  isAllowedSeccompAnnotation,
  SECCOMP_CONTAINER_ANNOTATION_PREFIX,
  SECCOMP_POD_ANNOTATION,
  SECCOMP_PROFILE_TYPES,
} from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import {
  asRecord,
  containerLabel,
  containerSecurityPath,
  isSet,
  isWindowsPod,
  psaCheckReference,
  pssReference,
  rejectsPodSecurityContext,
  securityContextOf,
  show,
  versionAtLeast,
} from './utils/pod-security';

function typeProblem(profile: unknown): string | undefined {
  const type = asRecord(profile)?.type;
  if (typeof type === 'string' && SECCOMP_PROFILE_TYPES.has(type)) return undefined;
  return isSet(type) ? `sets seccompProfile.type to ${show(type)}` : 'sets a seccompProfile without a type';
}

/** The container's own seccompProfile, for kinds that take no pod-level securityContext (Knative). */
function containerFix(container: ContainerRef): { fix?: FixOperation[] } {
  const parentOk = securityContextOf(container.value) !== undefined || !isSet(container.value.securityContext);
  return parentOk ? { fix: [{ op: 'set', path: containerSecurityPath(container, 'seccompProfile', 'type'), value: 'RuntimeDefault' }] } : {};
}

export default defineRule<{ require: boolean }>({
  meta: {
    id: 'seccomp-profile',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Seccomp must not be disabled; with `require`, every container must run under the RuntimeDefault or a Localhost profile.',
    rationale:
      'Seccomp filters the system calls a container can make; without it a kernel bug reachable through a rarely used syscall becomes a container escape. PSS baseline forbids `Unconfined`; restricted requires RuntimeDefault or Localhost for every container, set on the pod or the container.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'Seccomp'),
      pssReference('restricted', 'Seccomp'),
      psaCheckReference('check_seccompProfile_baseline.go', 'seccompProfile_baseline'),
      psaCheckReference('check_seccompProfile_restricted.go', 'seccompProfile_restricted'),
      { source: 'CIS', id: '5.7.2', title: 'Ensure that the seccomp profile is set to docker/default in your Pod definitions' },
      { source: 'Azure Policy', id: '975ce327-682c-4f2e-aa46-b9598289b86c', title: 'Kubernetes cluster containers should only use allowed seccomp profiles' },
    ],
    fixable: true,
    options: {
      require: {
        type: 'boolean',
        description:
          'Apply the restricted check (seccompProfile_restricted): every container must get RuntimeDefault or Localhost from its own or the pod-level field. The pss-restricted, aks and strict presets set it.',
      },
    },
    defaultOptions: { require: false },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;

    if (!versionAtLeast(ctx.kubernetesVersion, 19)) {
      // Before policy 1.19 both levels checked the alpha annotations (seccompProfile_baseline 1.0).
      const annotations = pod.metadata.annotations as unknown;
      if (!isRecord(annotations)) return;
      const checkAnnotation = (key: string, owner: string) => {
        if (!Object.prototype.hasOwnProperty.call(annotations, key)) return;
        const raw = annotations[key];
        const value = raw === null || raw === undefined ? '' : raw;
        if (typeof value === 'string' && isAllowedSeccompAnnotation(value)) return;
        ctx.report({
          path: [...pod.metadataPath, 'annotations', key],
          message: `The seccomp annotation of ${owner} is ${show(value)}: use "runtime/default" or "localhost/<profile>".`,
        });
      };
      checkAnnotation(SECCOMP_POD_ANNOTATION, 'the pod');
      for (const container of ctx.containers(object)) {
        const name = container.value.name as unknown;
        if (typeof name === 'string') checkAnnotation(SECCOMP_CONTAINER_ANNOTATION_PREFIX + name, `container "${name}"`);
      }
      return;
    }

    const require = ctx.options.require === true;
    // seccompProfile_restricted 1.25+: seccomp is Linux-only, so Windows pods are admitted whatever they set.
    if (require && versionAtLeast(ctx.kubernetesVersion, 25) && isWindowsPod(pod.value)) return;

    const podContext = securityContextOf(pod.value);
    const podProfile = podContext?.seccompProfile;
    const podProblem = isSet(podProfile) ? typeProblem(podProfile) : undefined;
    const fixValue = 'set it to "RuntimeDefault" or "Localhost"';
    if (podProblem) {
      ctx.report({ path: [...pod.path, 'securityContext', 'seccompProfile', 'type'], message: `The pod ${podProblem}: ${fixValue}.` });
    }

    const containerLevel = rejectsPodSecurityContext(object);
    const canFix = podContext !== undefined || !isSet(pod.value.securityContext);
    const fix: FixOperation[] = [{ op: 'set', path: [...pod.path, 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }];
    for (const container of ctx.containers(object)) {
      const profile = securityContextOf(container.value)?.seccompProfile;
      if (isSet(profile)) {
        const problem = typeProblem(profile);
        if (problem) ctx.report({ path: containerSecurityPath(container, 'seccompProfile', 'type'), message: `${containerLabel(container)} ${problem}: ${fixValue}.` });
      } else if (require && !isSet(podProfile)) {
        // An invalid pod-level profile is reported above; a missing one leaves this container unconfined.
        ctx.report({
          path: containerSecurityPath(container, 'seccompProfile', 'type'),
          message: `${containerLabel(container)} runs without a seccomp profile: set securityContext.seccompProfile.type to "RuntimeDefault" on the pod or the container.`,
          ...(containerLevel ? containerFix(container) : canFix ? { fix } : {}),
        });
      }
    }
  },
});
