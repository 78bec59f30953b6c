import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { parseImageReference } from './utils/image-reference';
import { containerLabel } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'no-latest-tag',
    severity: 'error',
    category: 'images',
    description: 'Images must name a version: no missing tag and no `latest` (a digest is fine).',
    rationale:
      'An image without a tag means `latest`, and `latest` points wherever the last push put it: two nodes can run different code for the same pod template, a rollback redeploys the new image, and nobody can tell which version is running. Pin a version tag, or better a digest.',
    kinds: POD_WORKLOADS,
    // A pinned digest fixes an untagged or latest image too; this finding says what is wrong first.
    supersedes: ['image-digest'],
    references: [
      { source: 'Azure Policy', id: '021f8078-41a0-40e6-81b6-c6597da9f3ee', title: 'Kubernetes cluster container images should not include latest image tag' },
      { source: 'Kubernetes', title: 'Configuration best practices: container images', url: 'https://kubernetes.io/docs/concepts/configuration/overview/#container-images' },
      { source: 'Kubernetes', title: 'Images: image names', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const reference = parseImageReference(container.value.image);
      // Unparseable images (templates, typos) are left to the schema rule and the API server.
      if (!reference || reference.digest !== undefined) continue;
      if (reference.tag !== undefined && reference.tag !== 'latest') continue;
      ctx.report({
        path: [...container.path, 'image'],
        message:
          reference.tag === undefined
            ? `${containerLabel(container)} uses image "${reference.original}" without a tag, which means latest: pin a version tag or a digest.`
            : `${containerLabel(container)} uses the latest tag of "${reference.normalized}": pin a version tag or a digest.`,
      });
    }
  },
});
