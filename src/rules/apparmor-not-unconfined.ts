import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { APPARMOR_ANNOTATION_PREFIX, APPARMOR_PROFILE_TYPES, isAllowedAppArmorAnnotation } from '../model/reference/pod-security';
import { defineRule } from './utils/define-rule';
import { asRecord, containerLabel, containerSecurityPath, isSet, psaCheckReference, pssReference, securityContextOf, show } from './utils/pod-security';

function profileTypeProblem(profile: unknown): string | undefined {
  if (!isSet(profile)) return undefined;
  const type = asRecord(profile)?.type;
  if (typeof type === 'string' && APPARMOR_PROFILE_TYPES.has(type)) return undefined;
  return isSet(type) ? `sets appArmorProfile.type to ${show(type)}` : 'sets an appArmorProfile without a type';
}

export default defineRule({
  meta: {
    id: 'apparmor-not-unconfined',
    severity: 'error',
    category: 'pss-baseline',
    description: 'Pods and containers must not disable or override the default AppArmor profile.',
    rationale:
      'On nodes with AppArmor (Ubuntu nodes in AKS) the runtime default profile blocks writes to /proc and /sys, mounts and other escape paths; `Unconfined` removes it. PSS baseline allows only RuntimeDefault and Localhost profiles, through the field or the legacy annotation.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('baseline', 'AppArmor'),
      psaCheckReference('check_appArmorProfile.go', 'appArmorProfile'),
      { source: 'Azure Policy', id: '511f5417-5d12-434d-ab2e-816901e72a5e', title: 'Kubernetes cluster containers should only use allowed AppArmor profiles' },
    ],
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    const fix = 'set its type to "RuntimeDefault" or "Localhost", or remove it';

    const podProblem = profileTypeProblem(securityContextOf(pod.value)?.appArmorProfile);
    if (podProblem) {
      ctx.report({ path: [...pod.path, 'securityContext', 'appArmorProfile', 'type'], message: `The pod ${podProblem}: ${fix}.` });
    }
    for (const container of ctx.containers(object)) {
      const problem = profileTypeProblem(securityContextOf(container.value)?.appArmorProfile);
      if (problem) {
        ctx.report({ path: containerSecurityPath(container, 'appArmorProfile', 'type'), message: `${containerLabel(container)} ${problem}: ${fix}.` });
      }
    }

    // The deprecated annotation is still enforced by PSS, for any key with the prefix (even for unknown containers).
    const annotations = pod.metadata.annotations as unknown;
    if (!isRecord(annotations)) return;
    for (const [key, raw] of Object.entries(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const value = raw === null || raw === undefined ? '' : raw;
      if (typeof value === 'string' && isAllowedAppArmorAnnotation(value)) continue;
      const container = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
      ctx.report({
        path: [...pod.metadataPath, 'annotations', key],
        message: `The AppArmor annotation for container "${container}" is ${show(value)}: use "runtime/default" or "localhost/<profile>", or better the securityContext.appArmorProfile field.`,
      });
    }
  },
});
