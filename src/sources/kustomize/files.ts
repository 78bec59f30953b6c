// Where kustomizations are and which of their entries are remote.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The kustomization file of `dir`, when `dir` is a Kustomize root or component. */
export function kustomizationFile(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const file = join(dir, name);
    if (isFile(file)) return file;
  }
  return undefined;
}

/**
 * True when a resource/base/component entry is remote (a Git repository or URL). Like kustomize, an entry that
 * exists locally is local; otherwise URLs, go-getter forms, `?ref=` and host-like first segments are remote.
 */
export function isRemoteReference(value: string, dir: string): boolean {
  if (existsSync(resolve(dir, value))) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  if (/^git(::|@)/i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value)) return true;
  if (/\?(ref|version|submodules|timeout)=/.test(value)) return true;
  if (/\.git(\/\/|\/|\?|$)/.test(value) || /[^:/]\/\/[^/]/.test(value)) return true;
  return !value.startsWith('.') && /^[^/]+\.[a-z]{2,}(:\d+)?\//i.test(value);
}
