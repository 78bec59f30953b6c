// Names as the API server accepts them. A cross-object rule compares names only when both sides are real names:
// `${SERVICE_NAME}`, `{{ .name }}` or `PORT` are placeholders a script or template fills in, never a mismatch.

/** A DNS-1123 label or subdomain (object names: Services, ConfigMaps, Deployments...). */
export function isObjectName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value);
}

/** An IANA service name, as a named container or Service port must be: lowercase, at most 15 characters, one letter. */
export function isPortName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 15 && /[a-z]/.test(value) && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) && !value.includes('--');
}

/** A ConfigMap or Secret key: letters, digits, `-`, `_` and `.`. */
export function isDataKey(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(value);
}
