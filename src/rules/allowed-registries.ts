import micromatch from 'micromatch';
import { POD_WORKLOADS } from '../engine/types';
import { compilePolicyRegex } from '../model/policy-regex';
import { defineRule } from './utils/define-rule';
import { parseImageReference } from './utils/image-reference';
import { containerLabel } from './utils/pod-security';

export default defineRule<{ registries: string[]; regex: string }>({
  meta: {
    id: 'allowed-registries',
    severity: 'error',
    category: 'images',
    description: 'Images must come from the configured registries.',
    rationale:
      'Pulling from arbitrary public registries runs code nobody scanned or signed, depends on a third party\'s availability and rate limits, and is the usual way typosquatted or hijacked images get in. Mirror what you need into your own registry (Azure Container Registry with artifact cache or import) and allow only that.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Azure Policy', id: 'febd0533-8e55-448f-b837-bd0e06f16469', title: 'Kubernetes cluster containers should only use allowed images' },
      { source: 'AKS', title: 'Best practices for container image management and security in AKS', url: 'https://learn.microsoft.com/azure/aks/operator-best-practices-container-image-management' },
    ],
    options: {
      registries: {
        type: 'string[]',
        description:
          'micromatch globs matched against the normalised `registry/repository` (e.g. `docker.io/library/nginx`, `myacr.azurecr.io/team/app`): `*.azurecr.io/**`, `mcr.microsoft.com/**`. Empty (the default) and no `regex`: the rule reports nothing.',
      },
      regex: {
        type: 'string',
        format: 'regex',
        description:
          'A regular expression the image, as written, must match (Azure Policy\'s allowedContainerImagesRegex, e.g. `^myacr\\.azurecr\\.io/.+$`); with `registries`, an image must pass both.',
      },
    },
    defaultOptions: { registries: [], regex: '' },
  },
  check(object, ctx) {
    const registries = Array.isArray(ctx.options.registries) ? ctx.options.registries.filter((glob): glob is string => typeof glob === 'string' && glob !== '') : [];
    const pattern = typeof ctx.options.regex === 'string' && ctx.options.regex !== '' ? compilePolicyRegex(ctx.options.regex) : undefined;
    if (pattern) {
      for (const container of ctx.containers(object)) {
        const image = container.value.image;
        // As Azure Policy's template: the image field exactly as written, unanchored unless the pattern anchors it.
        if (typeof image !== 'string' || pattern.test(image)) continue;
        ctx.report({
          path: [...container.path, 'image'],
          message: `${containerLabel(container)} uses image "${image}", which does not match the allowed images pattern ${ctx.options.regex}.`,
        });
      }
    }
    if (!registries.length) return;
    for (const container of ctx.containers(object)) {
      const reference = parseImageReference(container.value.image);
      if (!reference) continue;
      if (micromatch.isMatch(reference.normalized, registries)) continue;
      ctx.report({
        path: [...container.path, 'image'],
        message: `${containerLabel(container)} uses image "${reference.normalized}", outside the allowed registries (${registries.join(', ')}): mirror it into an allowed registry.`,
      });
    }
  },
});
