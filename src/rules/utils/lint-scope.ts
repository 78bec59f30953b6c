// Which objects of the lint set a cross-object uniqueness rule compares. Linting a repository often covers manifests
// that are never applied together, where the same names are expected: one folder per environment, Kustomize overlays
// and their patches, several charts, and alternative variants side by side in one folder (argo-cd's install.yaml and
// namespace-install.yaml, ingress-nginx's cloud and bare-metal deploys). One file (or one rendered build) is applied
// as a whole, so the default compares within a file; `directory` and `all` are for repositories known to be applied
// together (`kubectl apply -f dir`).
import * as path from 'node:path';
import type { LintObject, OptionSchema } from '../../engine/types';

export type LintScope = 'file' | 'directory' | 'all';

export const SCOPE_OPTION: OptionSchema = {
  type: 'enum',
  values: ['file', 'directory', 'all'],
  description: 'Which objects are compared: those of the same file (default), of the same directory, or the whole lint set.',
};

/** Whether objects from `fileA` and `fileB` are compared under `scope`. */
export function inSameScope(fileA: string, fileB: string, scope: LintScope | undefined): boolean {
  if (scope === 'all') return true;
  if (scope === 'file') return fileA === fileB;
  return fileA === fileB || path.posix.dirname(fileA.replace(/\\/g, '/')) === path.posix.dirname(fileB.replace(/\\/g, '/'));
}

/**
 * Whether cross-object rules judge two objects of the lint set together. Objects that both name their namespace meet
 * in it. Without a namespace, `kubectl apply` puts an object wherever the command says: unrelated samples of a
 * repository are not one namespace, so they pair up only within one build (one kustomization or chart) or, for plain
 * files, within `scope` (one directory by default).
 */
export function pairsUp(a: LintObject, b: LintObject, scope: LintScope | undefined): boolean {
  if (a.namespace !== undefined && b.namespace !== undefined) return true;
  if (scope === 'all') return true;
  if (a.buildFile !== undefined || b.buildFile !== undefined) return a.file === b.file;
  return inSameScope(a.file, b.file, scope ?? 'directory');
}
