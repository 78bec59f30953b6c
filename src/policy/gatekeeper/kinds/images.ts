// The library's image templates: allowed and disallowed repositories, tags, digests.
import { containerLabel } from '../../../rules/utils/pod-security';
import { judgedContainers, listed, stringList, type ConstraintKind } from './kind';

const allowedRepos: ConstraintKind = {
  kind: 'K8sAllowedRepos',
  target: 'pod',
  check(object, context) {
    // A plain string prefix, as the Rego's strings.any_prefix_match: "myacr.azurecr.io/" is safer than "myacr".
    const repos = stringList(context.parameters.repos);
    for (const container of judgedContainers(object, context)) {
      const image = typeof container.value.image === 'string' ? container.value.image : '';
      if (repos.some((repo) => image.startsWith(repo))) continue;
      context.rule.report({ path: [...container.path, 'image'], message: `${containerLabel(container)} uses image "${image}"; ${context.id} allows only images starting with ${listed(repos)}.` });
    }
  },
};

const allowedReposV2: ConstraintKind = {
  kind: 'K8sAllowedReposv2',
  target: 'pod',
  check(object, context) {
    const allowed = stringList(context.parameters.allowedImages);
    for (const container of judgedContainers(object, context)) {
      const image = typeof container.value.image === 'string' ? container.value.image : '';
      if (allowed.some((entry) => (entry.endsWith('*') ? image.startsWith(entry.slice(0, -1)) : entry === image))) continue;
      context.rule.report({ path: [...container.path, 'image'], message: `${containerLabel(container)} uses image "${image}"; ${context.id} allows only ${listed(allowed)}.` });
    }
  },
};

const disallowedRepos: ConstraintKind = {
  kind: 'K8sDisallowedRepos',
  target: 'pod',
  check(object, context) {
    const repos = stringList(context.parameters.repos);
    for (const container of judgedContainers(object, context)) {
      const image = typeof container.value.image === 'string' ? container.value.image : '';
      const repo = repos.find((prefix) => image.startsWith(prefix));
      if (repo !== undefined) context.rule.report({ path: [...container.path, 'image'], message: `${containerLabel(container)} uses image "${image}"; ${context.id} disallows images starting with ${repo}.` });
    }
  },
};

const disallowedTags: ConstraintKind = {
  kind: 'K8sDisallowedTags',
  target: 'pod',
  check(object, context) {
    const tags = stringList(context.parameters.tags);
    for (const container of judgedContainers(object, context)) {
      if (typeof container.value.image !== 'string') continue;
      const image = container.value.image;
      const tag = tags.find((candidate) => image.endsWith(`:${candidate}`));
      // An image without a tag in its last path segment is pulled as :latest (a registry port is not a tag).
      const untagged = !(image.split('/').pop() ?? '').includes(':');
      if (tag !== undefined) context.rule.report({ path: [...container.path, 'image'], message: `${containerLabel(container)} uses image "${image}" with tag ${tag}; ${context.id} disallows ${listed(tags)}.` });
      else if (untagged) context.rule.report({ path: [...container.path, 'image'], message: `${containerLabel(container)} uses image "${image}" without a tag; ${context.id} requires an explicit tag other than ${listed(tags)}.` });
    }
  },
};

// The library's digest pattern (an OCI digest anywhere after "@").
const DIGEST = /@[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+/;

const imageDigests: ConstraintKind = {
  kind: 'K8sImageDigests',
  target: 'pod',
  check(object, context) {
    for (const container of judgedContainers(object, context)) {
      const image = typeof container.value.image === 'string' ? container.value.image : '';
      if (!DIGEST.test(image)) context.rule.report({ path: [...container.path, 'image'], message: `${containerLabel(container)} uses image "${image}" without a digest; ${context.id} requires images pinned by digest (image@sha256:...).` });
    }
  },
};

export const IMAGE_KINDS: readonly ConstraintKind[] = [allowedRepos, allowedReposV2, disallowedRepos, disallowedTags, imageDigests];
