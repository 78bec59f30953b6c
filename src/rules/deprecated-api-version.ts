import type { KubernetesVersion } from '../engine/types';
import { nonCoreApiVersionOf } from '../model/reference/api-resources';
import { findDeprecatedApi, type DeprecatedApi } from '../model/reference/deprecated-apis';
import { defineRule } from './utils/define-rule';

/** The newest replacement the target version serves, or the oldest one announced for later. */
function replacementFor(api: DeprecatedApi, minor: number): { text: string; available: boolean } | undefined {
  const served = api.replacements.find((candidate) => candidate.availableSince <= minor && (candidate.removedIn === undefined || minor < candidate.removedIn));
  if (served) return { text: served.kind ? `${served.apiVersion} ${served.kind}` : served.apiVersion, available: true };
  const later = api.replacements.find((candidate) => candidate.removedIn === undefined || minor < candidate.removedIn);
  if (later) return { text: `${later.kind ? `${later.apiVersion} ${later.kind}` : later.apiVersion} (served from Kubernetes 1.${later.availableSince})`, available: false };
  return undefined;
}

function version(minor: number): string {
  return `Kubernetes 1.${minor}`;
}

function instead(api: DeprecatedApi, minor: number): string {
  const replacement = replacementFor(api, minor);
  if (replacement) return `use ${replacement.text} instead`;
  return api.advice ?? 'migrate away from it';
}

export function describeDeprecation(api: DeprecatedApi, target: KubernetesVersion): { message: string; removed: boolean } | undefined {
  if (target.major !== 1) return undefined;
  const minor = target.minor;
  const subject = `${api.apiVersion} ${api.kind}`;
  if (api.removedIn !== undefined && minor >= api.removedIn) {
    return { removed: true, message: `${subject} was removed in ${version(api.removedIn)}: ${instead(api, minor)}.` };
  }
  if (minor >= api.deprecatedIn) {
    const removal = api.removedIn !== undefined ? ` and is no longer served from ${version(api.removedIn)}` : '';
    return { removed: false, message: `${subject} is deprecated since ${version(api.deprecatedIn)}${removal}: ${instead(api, minor)}.` };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'deprecated-api-version',
    severity: 'error',
    category: 'reliability',
    description: 'Objects must not use an apiVersion that the target Kubernetes version no longer serves or never served for the kind (error) or has deprecated (warning).',
    rationale:
      'The API server rejects objects whose apiVersion it no longer serves, so a manifest with a removed API fails to apply after a cluster upgrade (AKS upgrades run the API removal checks too). A deprecated version still works but is scheduled for removal; migrating before the upgrade avoids a broken deployment.',
    references: [
      { source: 'Kubernetes', title: 'Deprecated API Migration Guide', url: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/' },
      { source: 'Kubernetes', title: 'Kubernetes Deprecation Policy', url: 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/' },
      { source: 'AKS', title: 'Stop AKS cluster upgrades automatically on API breaking changes', url: 'https://learn.microsoft.com/azure/aks/stop-cluster-upgrade-api-breaking-changes' },
    ],
  },
  check(object, ctx) {
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return;
    // The core group never served these kinds (and cannot hold custom resources): the API server rejects the object.
    const servedBy = object.apiVersion.trim() === 'v1' ? nonCoreApiVersionOf(object.kind) : undefined;
    if (servedBy) {
      ctx.report({ path: ['apiVersion'], message: `apiVersion v1 never served ${object.kind}: ${object.kind} is served by ${servedBy}; use apiVersion: ${servedBy}.` });
      return;
    }
    const api = findDeprecatedApi(object.apiVersion.trim(), object.kind);
    if (!api) return;
    const verdict = describeDeprecation(api, ctx.kubernetesVersion);
    if (!verdict) return;
    ctx.report({
      path: ['apiVersion'],
      message: verdict.message,
      // A removed API fails to apply; a deprecated one still works, so it is only a warning.
      severity: verdict.removed ? undefined : 'warning',
    });
  },
});
