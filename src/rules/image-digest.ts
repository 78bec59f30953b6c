import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { parseImageReference } from './utils/image-reference';
import { containerLabel } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'image-digest',
    severity: 'info',
    category: 'images',
    description: 'Images should be pinned by digest (`@sha256:…`).',
    rationale:
      'Tags are mutable: whoever can push to the repository (or compromises it) changes what `app:1.4.2` runs, on the next pull of any node. A digest names the exact content, so every node runs what was reviewed and scanned, and signature verification (AKS Image Integrity, Ratify) applies to a fixed artifact. Keep the tag for readability: `app:1.4.2@sha256:…`.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Kubernetes', title: 'Images: image names (digests)', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' },
      { source: 'AKS', title: 'Image Integrity: verify signed images', url: 'https://learn.microsoft.com/azure/aks/image-integrity' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const reference = parseImageReference(container.value.image);
      if (!reference || reference.digest !== undefined) continue;
      ctx.report({
        path: [...container.path, 'image'],
        message: reference.tag
          ? `${containerLabel(container)} uses image "${reference.original}" by tag, not by digest: pin it as "${reference.original}@sha256:…".`
          : `${containerLabel(container)} uses image "${reference.original}" without a tag or digest: pin it as "${reference.original}:<tag>@sha256:…".`,
      });
    }
  },
});
