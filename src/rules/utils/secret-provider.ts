// SecretProviderClass objects of the Secrets Store CSI driver (secrets-store.csi.x-k8s.io) and the pod volumes that
// mount them, for the rules on Azure Key Vault access.
import type { KubeObject, LintObject, Path, PodSpecRef } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
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

/** Every SecretProviderClass of the lint set, in lint-set order. */
export function secretProviderClasses(objects: readonly LintObject[]): readonly LintObject[] {
  return perLintSet(objects, 'secret-provider-classes', () => objects.filter((entry) => isSecretProviderClass(entry.object)));
}

/** `metadata.namespace` as written, or undefined: a manifest without one goes wherever `kubectl apply -n` sends it. */
export function writtenNamespace(object: KubeObject): string | undefined {
  const namespace = isRecord(object.metadata) ? object.metadata.namespace : undefined;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

/** Whether two objects may land in one namespace: both say the same one, or either says none. */
export function mayShareNamespace(a: KubeObject, b: KubeObject): boolean {
  const first = writtenNamespace(a);
  const second = writtenNamespace(b);
  return first === undefined || second === undefined || first === second;
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
  /** The SecretProviderClass that syncs it. */
  entry: LintObject;
}

/** Kubernetes Secrets that SecretProviderClasses sync (`spec.secretObjects[].secretName`), once per run. */
export function syncedSecrets(objects: readonly LintObject[]): readonly SyncedSecret[] {
  return perLintSet(objects, 'secret-provider-synced-secrets', () => {
    const result: SyncedSecret[] = [];
    for (const entry of secretProviderClasses(objects)) {
      const spec = entry.object.spec;
      const secretObjects = isRecord(spec) && Array.isArray(spec.secretObjects) ? spec.secretObjects : [];
      for (const secretObject of secretObjects) {
        if (isRecord(secretObject) && typeof secretObject.secretName === 'string' && secretObject.secretName !== '') {
          result.push({ secretName: secretObject.secretName, entry });
        }
      }
    }
    return result;
  });
}
