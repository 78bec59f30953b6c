// Fields added to the Kubernetes API after the version kubernetes-models describes (its schemas are those of
// Kubernetes 1.33: Lifecycle.stopSignal is there, Container.restartPolicyRules is not). Without this list the schema
// rule would call them unknown, although the default target version (the newest) serves them.
// Each entry names the type by properties the validator reads there (a type has no name at run time) and the field.
// Sources: the Kubernetes 1.34 release notes and API reference, https://kubernetes.io/docs/reference/kubernetes-api/.

interface NewerField {
  /** Properties that identify the type: the validator reads all of them on an object of this type. */
  signature: readonly string[];
  field: string;
  /** Kubernetes minor version that added the field (documentation only). */
  since: number;
}

const NEWER_FIELDS: readonly NewerField[] = [
  // KEP-5307 container restart rules.
  { signature: ['imagePullPolicy', 'terminationMessagePolicy', 'livenessProbe'], field: 'restartPolicyRules', since: 34 },
  // KEP-4762 Pod hostname override.
  { signature: ['containers', 'terminationGracePeriodSeconds', 'dnsPolicy'], field: 'hostnameOverride', since: 34 },
  // KEP-3721 environment variables from files.
  { signature: ['configMapKeyRef', 'secretKeyRef', 'fieldRef'], field: 'fileKeyRef', since: 34 },
  // KEP-4317 Pod certificates (projected volume source).
  { signature: ['serviceAccountToken', 'configMap', 'secret', 'downwardAPI'], field: 'podCertificate', since: 34 },
];

/** True when `field` is a field newer than the schemas on the type whose read properties are `read`. */
export function isNewerField(read: ReadonlySet<string>, field: string): boolean {
  return NEWER_FIELDS.some((entry) => entry.field === field && entry.signature.every((property) => read.has(property)));
}
