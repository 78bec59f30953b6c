import { POD_WORKLOADS } from '../engine/types';
import { defineRule } from './utils/define-rule';
import { parseImageReference } from './utils/image-reference';
import { containerLabel } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    severity: 'info',
    category: 'images',
    description: 'Images referenced by a mutable tag should use `imagePullPolicy: Always`.',
    rationale:
      'With IfNotPresent a node keeps running whatever it pulled first for a tag, so a re-pushed tag gives different nodes different code; and any pod on that node can run a cached private image without having the pull credentials (the reason for the AlwaysPullImages admission plugin). Pull Always for tags, or pin a digest, for which IfNotPresent is safe.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Kubernetes', title: 'Images: image pull policy', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy' },
      { source: 'Kubernetes', title: 'Admission controllers: AlwaysPullImages', url: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages' },
      { source: 'Azure Policy', id: '50c83470-d2f0-4dda-a716-1938a4825f62', title: 'Kubernetes cluster containers should only use allowed pull policy' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const reference = parseImageReference(container.value.image);
      if (!reference || reference.digest !== undefined) continue;
      const policy: unknown = container.value.imagePullPolicy;
      // API defaulting: no policy means Always for `latest` or no tag, IfNotPresent for any other tag.
      const effective = policy ?? (reference.tag === undefined || reference.tag === 'latest' ? 'Always' : 'IfNotPresent');
      if (effective === 'Always') continue;
      ctx.report({
        path: [...container.path, 'imagePullPolicy'],
        message:
          policy === undefined || policy === null
            ? `${containerLabel(container)} pulls the mutable tag "${reference.original}" only if not present (the default for a version tag): set imagePullPolicy: Always or pin a digest.`
            : `${containerLabel(container)} pulls the mutable tag "${reference.original}" with imagePullPolicy ${JSON.stringify(policy)}: set it to Always or pin a digest.`,
      });
    }
  },
});
