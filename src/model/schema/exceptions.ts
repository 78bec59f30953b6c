// Where the kubernetes-models schemas and the API server disagree, so that the schema rule reports only what the
// API server would reject. Types have no names at run time: each entry recognises its type by properties that the
// validator reads on it (its signature), as seen in the generated validators.

/**
 * Properties the kubernetes-models generator drops from every schema: it strips `description` keys and the
 * `x-kubernetes-*` extensions, which also removes the real fields of those names (PriorityClass.description, the
 * JSONSchemaProps of CustomResourceDefinitions). They are never unknown.
 */
export function isStrippedField(field: string): boolean {
  return field === 'description' || field.startsWith('x-kubernetes-');
}

/**
 * Strategic-merge-patch directives (Kustomize patches): `$patch: delete`, `$setElementOrder/containers`, `$retainKeys`,
 * `$deleteFromPrimitiveList/args`. https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 */
export function isPatchDirective(field: string): boolean {
  return field === '$patch' || field === '$retainKeys' || field.startsWith('$setElementOrder/') || field.startsWith('$deleteFromPrimitiveList/');
}

interface TypedField {
  /** Properties that identify the type: the validator reads all of them on an object of this type. */
  signature: readonly string[];
  field: string;
  /** Kubernetes minor version that added the field (documentation only). */
  since: number;
}

// Fields added to the API after the version kubernetes-models describes (its schemas are those of Kubernetes 1.33:
// Lifecycle.stopSignal is there, Container.restartPolicyRules is not). The default target version serves them.
// Sources: the Kubernetes 1.34 release notes and API reference, https://kubernetes.io/docs/reference/kubernetes-api/.
const NEWER_FIELDS: readonly TypedField[] = [
  // KEP-5307 container restart rules.
  { signature: ['imagePullPolicy', 'terminationMessagePolicy', 'livenessProbe'], field: 'restartPolicyRules', since: 34 },
  // KEP-4762 Pod hostname override.
  { signature: ['containers', 'terminationGracePeriodSeconds', 'dnsPolicy'], field: 'hostnameOverride', since: 34 },
  // KEP-3721 environment variables from files.
  { signature: ['configMapKeyRef', 'secretKeyRef', 'fieldRef'], field: 'fileKeyRef', since: 34 },
  // KEP-4317 Pod certificates (projected volume source).
  { signature: ['serviceAccountToken', 'configMap', 'secret', 'downwardAPI'], field: 'podCertificate', since: 34 },
];

// Fields the OpenAPI marks required although the API server defaults them before validating, by the list that
// holds their type (types have no names at run time).
const DEFAULTED_REQUIRED: readonly { list: string; field: string }[] = [
  // Job podFailurePolicy.rules[].onPodConditions[]: status defaults to "True" (the Kubernetes docs' own example omits it).
  { list: 'onPodConditions', field: 'status' },
];

/** True when `field` is a field newer than the schemas on the type whose read properties are `read`. */
export function isNewerField(read: ReadonlySet<string>, field: string): boolean {
  return NEWER_FIELDS.some((entry) => entry.field === field && entry.signature.every((property) => read.has(property)));
}

/** True when a "required" error for `field` is one the API server's defaulting makes moot. */
export function isDefaultedRequired(parentPath: readonly (string | number)[], field: string): boolean {
  return DEFAULTED_REQUIRED.some((entry) => entry.field === field && parentPath[parentPath.length - 2] === entry.list);
}
