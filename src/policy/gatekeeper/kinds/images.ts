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

export const IMAGE_KINDS: readonly ConstraintKind[] = [allowedRepos];
