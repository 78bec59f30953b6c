// Which objects of the lint set a cross-object uniqueness rule compares. Linting a repository often covers manifests
// that are never applied together, where the same names are expected: one folder per environment, Kustomize overlays
// and their patches, several charts, and alternative variants side by side in one folder (argo-cd's install.yaml and
// namespace-install.yaml, ingress-nginx's cloud and bare-metal deploys). One file (or one rendered build) is applied
// as a whole, so the default compares within a file; `directory` and `all` are for repositories known to be applied
// together (`kubectl apply -f dir`).
import * as path from 'node:path';
import type { OptionSchema } from '../../engine/types';

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
