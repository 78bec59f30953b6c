// SecretProviderClass objects of the Secrets Store CSI driver (secrets-store.csi.x-k8s.io) and the pod volumes that
// mount them, for the rules on Azure Key Vault access.
import type { KubeObject, LintObject, Path, PodSpecRef } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { effectiveNamespace } from './label-selector';
import { apiGroupOf, nameOf, perLintSet } from './lint-set';

export const SECRET_PROVIDER_GROUP = 'secrets-store.csi.x-k8s.io';
/** The CSI driver name pod volumes use (note: not the API group). */
export const SECRETS_STORE_DRIVER = 'secrets-store.csi.k8s.io';

export function isSecretProviderClass(object: KubeObject): boolean {
  return object.kind === 'SecretProviderClass' && apiGroupOf(object) === SECRET_PROVIDER_GROUP;
}

/** `spec.parameters` of an Azure provider SecretProviderClass, or undefined for other providers. */
export function azureParameters(object: KubeObject): Record<string, unknown> | undefined {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (!spec || spec.provider !== 'azure') return undefined;
  return isRecord(spec.parameters) ? spec.parameters : {};
}

/** A parameter the Azure provider reads as true (it parses them with Go's strconv.ParseBool). */
export function parameterIsTrue(parameters: Record<string, unknown>, key: string): boolean {
  const value = parameters[key];
  // A YAML boolean is rejected by the API server (parameters are strings), but the intent is clear.
  return value === true || (typeof value === 'string' && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value));
}

/**
 * The client ID an Azure SecretProviderClass uses in workload identity mode, or undefined in the other modes. AKS
 * identity binding (useAzureTokenProxy) also takes a clientID, but authorizes ServiceAccounts with RBAC instead of
 * a federated credential each.
 */
export function workloadIdentityClientId(object: KubeObject): string | undefined {
  const parameters = azureParameters(object);
  if (!parameters) return undefined;
  if (['usePodIdentity', 'useVMManagedIdentity', 'useAzureTokenProxy'].some((mode) => parameterIsTrue(parameters, mode))) return undefined;
  const clientId = parameters.clientID;
  return typeof clientId === 'string' && clientId.trim() !== '' ? clientId : undefined;
}

/** The SecretProviderClasses of the lint set by namespace, then name (the first of a name wins). */
export function secretProviderClasses(objects: readonly LintObject[], namespace: string): ReadonlyMap<string, LintObject> {
  const byNamespace = perLintSet(objects, 'secret-provider-classes', () => {
    const result = new Map<string, Map<string, LintObject>>();
    for (const entry of objects) {
      const name = nameOf(entry.object);
      if (!name || !isSecretProviderClass(entry.object)) continue;
      const key = effectiveNamespace(entry.object);
      if (!result.has(key)) result.set(key, new Map());
      const classes = result.get(key)!;
      if (!classes.has(name)) classes.set(name, entry);
    }
    return result;
  });
  return byNamespace.get(namespace) ?? new Map();
}

export interface SecretsStoreVolume {
  /** The SecretProviderClass name in `volumeAttributes.secretProviderClass`. */
  className: string;
  /** Path to that attribute. */
  path: Path;
}

/** The pod's CSI volumes of the Secrets Store driver that name a SecretProviderClass. */
export function secretsStoreVolumes(pod: PodSpecRef): SecretsStoreVolume[] {
  const volumes: unknown = pod.value.volumes;
  if (!Array.isArray(volumes)) return [];
  const result: SecretsStoreVolume[] = [];
  volumes.forEach((volume: unknown, index) => {
    const csi = isRecord(volume) ? volume.csi : undefined;
    if (!isRecord(csi) || csi.driver !== SECRETS_STORE_DRIVER || !isRecord(csi.volumeAttributes)) return;
    const className = csi.volumeAttributes.secretProviderClass;
    if (typeof className !== 'string' || className === '') return;
    result.push({ className, path: [...pod.path, 'volumes', index, 'csi', 'volumeAttributes', 'secretProviderClass'] });
  });
  return result;
}

export interface SyncedSecret {
  secretName: string;
  className: string;
  /** The file of the SecretProviderClass, to tell environments kept side by side apart. */
  file: string;
}

/** Kubernetes Secrets that the SecretProviderClasses of a namespace sync (`spec.secretObjects[].secretName`). */
export function syncedSecrets(objects: readonly LintObject[], namespace: string): readonly SyncedSecret[] {
  const byNamespace = perLintSet(objects, 'secret-provider-synced-secrets', () => new Map<string, SyncedSecret[]>());
  let result = byNamespace.get(namespace);
  if (result) return result;
  result = [];
  for (const { object, file } of objects) {
    if (!isSecretProviderClass(object) || effectiveNamespace(object) !== namespace) continue;
    const secretObjects = isRecord(object.spec) && Array.isArray(object.spec.secretObjects) ? object.spec.secretObjects : [];
    for (const secretObject of secretObjects) {
      if (isRecord(secretObject) && typeof secretObject.secretName === 'string' && secretObject.secretName !== '') {
        result.push({ secretName: secretObject.secretName, className: nameOf(object) ?? '', file });
      }
    }
  }
  byNamespace.set(namespace, result);
  return result;
}
