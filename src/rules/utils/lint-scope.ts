// Which objects of the lint set a cross-object uniqueness rule compares. Linting a repository often covers manifests
// that are never applied together (one folder per environment, Kustomize overlays and their patches, several charts),
// where the same names are expected; objects in one directory are usually applied together (`kubectl apply -f dir`).
import * as path from 'node:path';
import type { OptionSchema } from '../../engine/types';

export type LintScope = 'file' | 'directory' | 'all';

export const SCOPE_OPTION: OptionSchema = {
  type: 'enum',
  values: ['file', 'directory', 'all'],
  description: 'Which objects are compared: those of the same file, of the same directory (default), or the whole lint set.',
};

/** Whether objects from `fileA` and `fileB` are compared under `scope`. */
export function inSameScope(fileA: string, fileB: string, scope: LintScope | undefined): boolean {
  if (scope === 'all') return true;
  if (scope === 'file') return fileA === fileB;
  return fileA === fileB || path.posix.dirname(fileA.replace(/\\/g, '/')) === path.posix.dirname(fileB.replace(/\\/g, '/'));
}
