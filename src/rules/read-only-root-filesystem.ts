import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { containerLabel, containerSecurityPath, isSet, securityContextOf } from './utils/pod-security';
import { runsOnWindows } from './utils/windows-pod';

export default defineRule<{ fix: boolean }>({
  meta: {
    id: 'read-only-root-filesystem',
    severity: 'warning',
    category: 'hardening',
    description: 'Containers should run with a read-only root filesystem.',
    rationale:
      'A writable root filesystem lets an attacker who gets code execution drop tools and binaries into the image, change its configuration or plant persistence; with readOnlyRootFilesystem the image stays as built and writes go to explicit emptyDir or volume mounts.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: 'df49d893-a74c-421d-bc95-c663042e5b80', title: 'Kubernetes cluster containers should run with a read only root file system' },
      { source: 'NSA', title: 'Kubernetes Hardening Guide: immutable container file systems', url: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF' },
      { source: 'Kubernetes', title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    ],
    fixable: true,
    options: {
      fix: {
        type: 'boolean',
        description: 'Offer a fix that sets readOnlyRootFilesystem: true (off by default: most applications need writable emptyDir mounts first).',
      },
    },
    defaultOptions: { fix: false },
  },
  check(object, ctx) {
    // The API server rejects readOnlyRootFilesystem on Windows pods (spec.os.name) and Windows ignores it.
    if (runsOnWindows(ctx.podSpec(object))) return;
    for (const container of ctx.containers(object)) {
      const securityContext = securityContextOf(container.value);
      const value = securityContext?.readOnlyRootFilesystem;
      if (value === true) continue;
      const path = containerSecurityPath(container, 'readOnlyRootFilesystem');
      // Only fix where the parents are maps (or absent): a securityContext of the wrong type is the schema rule's.
      // A missing value is filled in and a quoted "true" corrected; an explicit false is the author's choice (the
      // application writes there): reported, never flipped.
      const fixable = ctx.options.fix === true && (!isSet(value) || value === 'true') && (securityContext !== undefined || !isSet(container.value.securityContext));
      ctx.report({
        path,
        message:
          value === false
            ? `${containerLabel(container)} sets readOnlyRootFilesystem: false: set it to true and mount an emptyDir where the application writes.`
            : `${containerLabel(container)} has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes.`,
        ...(fixable ? { fix: [{ op: 'set' as const, path, value: true }] } : {}),
      });
    }
  },
});

