// Parses container image references the way the container runtimes do (distribution/reference,
// https://github.com/distribution/reference/blob/main/reference.go and normalize.go), so that
// `nginx`, `docker.io/library/nginx:latest` and `index.docker.io/library/nginx` are one image.

export const DOCKER_HUB = 'docker.io';

export interface ImageReference {
  /** The text as written in the manifest. */
  original: string;
  /** Registry host (and port), lower case; `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry; `library/` is added for Docker Hub official images. */
  repository: string;
  tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  digest?: string;
  /** `registry/repository`, the string allow-lists are matched against: `docker.io/library/nginx`. */
  normalized: string;
}

// One path component: lower-case alphanumerics separated by `.`, `_`, `__` or any run of `-`.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
// A domain: DNS labels (any case, as the grammar allows) or a bracketed IPv6 address, with an optional port.
const DOMAIN = /^(?:\[[0-9A-Fa-f:]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
/** Digest algorithms the runtimes verify, with their hex lengths. */
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Parses an image reference; returns undefined when the text is not a valid reference (empty, template
 * leftovers such as `{{ .Values.image }}` or `$(TAG)`, upper-case repository names...). Rules skip those:
 * the schema rule and the API server report them.
 */
export function parseImageReference(image: unknown): ImageReference | undefined {
  if (typeof image !== 'string') return undefined;
  const original = image;
  let rest = image.trim();
  if (!rest || rest !== image || rest.length > 4096) return undefined;

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_LENGTHS[algorithm];
    if (length !== undefined && hex.length !== length) return undefined;
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }

  // As normalize.go's splitDockerDomain: the first component is a registry when it contains `.` or `:`,
  // is `localhost`, or has upper-case letters; otherwise the image lives on Docker Hub.
  let registry = DOCKER_HUB;
  let repository = rest;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      if (!DOMAIN.test(first)) return undefined;
      registry = first.toLowerCase();
      repository = rest.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (!repository || !repository.split('/').every((component) => PATH_COMPONENT.test(component))) return undefined;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (registry.length + 1 + repository.length > 255) return undefined;

  return { original, registry, repository, tag, digest, normalized: `${registry}/${repository}` };
}

/** True when the image is pinned by a content digest, so the tag (if any) no longer decides what runs. */
export function isPinnedByDigest(reference: ImageReference): boolean {
  return reference.digest !== undefined;
}

/** The tag the runtime pulls: an image with neither tag nor digest means `latest`. */
export function effectiveTag(reference: ImageReference): string | undefined {
  if (reference.tag !== undefined) return reference.tag;
  return reference.digest === undefined ? 'latest' : undefined;
}
