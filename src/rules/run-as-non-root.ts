import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import {
  containerLabel,
  containerSecurityPath,
  hostUsersFalse,
  isSet,
  psaCheckReference,
  pssReference,
  securityContextOf,
  show,
  versionAtLeast,
} from './utils/pod-security';

export default defineRule<{ acceptNonZeroUser?: boolean }>({
  meta: {
    id: 'run-as-non-root',
    severity: 'error',
    category: 'pss-restricted',
    description: 'Containers must run as non-root: runAsNonRoot true on the pod or every container, and never runAsUser 0.',
    rationale:
      'A process running as UID 0 in the container is root on the node when it escapes, and owns every root-owned file a volume exposes. PSS restricted requires runAsNonRoot: true (pod-level, or on each container) and forbids runAsUser: 0; pods in a user namespace (hostUsers: false) are exempt from Kubernetes 1.35.',
    kinds: POD_WORKLOADS,
    references: [
      pssReference('restricted', 'Running as Non-root'),
      pssReference('restricted', 'Running as Non-root user'),
      psaCheckReference('check_runAsNonRoot.go', 'runAsNonRoot'),
      psaCheckReference('check_runAsUser.go', 'runAsUser'),
      { source: 'CIS', id: '5.2.7', title: 'Minimize the admission of root containers' },
      { source: 'Azure Policy', id: 'f06ddb64-5fa3-4b77-b166-acb36f7f6042', title: 'Kubernetes cluster pods and containers should only run with approved user and group IDs' },
    ],
    options: {
      acceptNonZeroUser: {
        type: 'boolean',
        description: 'A container whose runAsUser (its own or the pod\'s) is a non-zero UID needs no runAsNonRoot, as Azure Policy\'s and Gatekeeper\'s MustRunAsNonRoot rule.',
      },
    },
  },
  check(object, ctx) {
    const pod = ctx.podSpec(object);
    if (!pod) return;
    // KEP-127: from policy 1.35 a user-namespaced pod's root is an unprivileged user on the node.
    if (versionAtLeast(ctx.kubernetesVersion, 35) && hostUsersFalse(pod.value)) return;
    const podContext = securityContextOf(pod.value);
    const containers = ctx.containers(object);
    // Gatekeeper's MustRunAsNonRoot accepts an explicit non-zero UID (the container's, else the pod's) instead.
    const nonZeroUser = (container: (typeof containers)[number]) => {
      const user = securityContextOf(container.value)?.runAsUser ?? podContext?.runAsUser;
      return ctx.options.acceptNonZeroUser === true && typeof user === 'number' && user !== 0;
    };

    // runAsNonRoot (policy 1.0): explicit false anywhere fails; an unset container needs pod-level true.
    const podNonRoot = podContext?.runAsNonRoot;
    if (isSet(podNonRoot) && podNonRoot !== true && !(containers.length && containers.every(nonZeroUser))) {
      ctx.report({
        path: [...pod.path, 'securityContext', 'runAsNonRoot'],
        message: `The pod sets runAsNonRoot to ${show(podNonRoot)}: set it to true.`,
      });
    }
    for (const container of containers) {
      if (nonZeroUser(container)) continue;
      const value = securityContextOf(container.value)?.runAsNonRoot;
      if (isSet(value)) {
        if (value !== true) {
          ctx.report({
            path: containerSecurityPath(container, 'runAsNonRoot'),
            message: `${containerLabel(container)} sets runAsNonRoot to ${show(value)}: set it to true.`,
          });
        }
      } else if (!isSet(podNonRoot)) {
        // An explicit pod-level false is reported above; fixing it covers this container.
        const uid = securityContextOf(container.value)?.runAsUser ?? podContext?.runAsUser;
        const nonZeroUid = typeof uid === 'number' && uid > 0;
        ctx.report({
          path: containerSecurityPath(container, 'runAsNonRoot'),
          // With a non-zero runAsUser the obvious fix looks present: say why the check still asks for runAsNonRoot.
          message: nonZeroUid
            ? `${containerLabel(container)} runs as uid ${uid} but does not set runAsNonRoot: the Pod Security Standards check needs securityContext.runAsNonRoot: true even with a non-zero uid (it also guards images and later edits that switch to root); set it on the pod or the container.`
            : `${containerLabel(container)} may run as root: set securityContext.runAsNonRoot to true on the pod or the container.`,
        });
      }
    }

    // runAsUser (policy 1.23): UID 0 is forbidden at either level; unset is fine.
    if (!versionAtLeast(ctx.kubernetesVersion, 23)) return;
    if (podContext?.runAsUser === 0) {
      ctx.report({ path: [...pod.path, 'securityContext', 'runAsUser'], message: 'The pod sets runAsUser to 0 (root): use a non-zero UID.' });
    }
    for (const container of containers) {
      if (securityContextOf(container.value)?.runAsUser === 0) {
        ctx.report({ path: containerSecurityPath(container, 'runAsUser'), message: `${containerLabel(container)} sets runAsUser to 0 (root): use a non-zero UID.` });
      }
    }
  },
});
