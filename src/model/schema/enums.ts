// Enum-like fields whose allowed values the Kubernetes OpenAPI (and so kubernetes-models) does not list, although the
// API server validates them. Most enums (imagePullPolicy, restartPolicy, protocol, Service type...) are in the schemas.
// Each entry recognises its type by the properties the validator read there, and where needed by the path.
// Sources: the Kubernetes API reference, https://kubernetes.io/docs/reference/kubernetes-api/, and the validation in
// kubernetes/pkg/apis/*/validation (label selector operators, RBAC subjects and role references, HPA metric types).
import type { Path } from '../../engine/types';

interface EnumField {
  /** Properties the validator reads on this type (all must be present in the read set). */
  signature: readonly string[];
  field: string;
  values: readonly string[];
  /** Extra condition on the object and the path of the map holding the field. */
  where?: (object: Record<string, unknown>, path: Path) => boolean;
}

const last = (path: Path) => path[path.length - 1];

const ENUM_FIELDS: readonly EnumField[] = [
  // PodSpec.os.name: "linux" or "windows" (PodOS).
  { signature: ['name'], field: 'name', values: ['linux', 'windows'], where: (_, path) => last(path) === 'os' },
  // LabelSelectorRequirement.operator; NodeSelectorRequirement (under node affinity) has its own enum, with Gt and Lt.
  {
    signature: ['key', 'operator', 'values'],
    field: 'operator',
    values: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
    where: (_, path) => path[path.length - 2] === 'matchExpressions' && !path.some((segment) => segment === 'nodeSelectorTerms' || segment === 'preference' || segment === 'scopeSelector'),
  },
  // RBAC subjects and role references.
  { signature: ['apiGroup', 'kind', 'name', 'namespace'], field: 'kind', values: ['ServiceAccount', 'User', 'Group'], where: (_, path) => path[path.length - 2] === 'subjects' },
  {
    signature: ['apiGroup', 'kind', 'name'],
    field: 'kind',
    values: ['Role', 'ClusterRole'],
    where: (object, path) => last(path) === 'roleRef' && path.length === 1 && object.kind === 'RoleBinding',
  },
  {
    signature: ['apiGroup', 'kind', 'name'],
    field: 'kind',
    values: ['ClusterRole'],
    where: (object, path) => last(path) === 'roleRef' && path.length === 1 && object.kind === 'ClusterRoleBinding',
  },
  // autoscaling/v2 HorizontalPodAutoscaler metrics and scaling behaviour.
  { signature: ['type', 'resource', 'pods', 'object', 'external'], field: 'type', values: ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] },
  { signature: ['policies', 'selectPolicy', 'stabilizationWindowSeconds'], field: 'selectPolicy', values: ['Max', 'Min', 'Disabled'] },
  { signature: ['type', 'value', 'periodSeconds'], field: 'type', values: ['Pods', 'Percent'] },
  // Container.resizePolicy items.
  { signature: ['resourceName', 'restartPolicy'], field: 'resourceName', values: ['cpu', 'memory'] },
  { signature: ['resourceName', 'restartPolicy'], field: 'restartPolicy', values: ['NotRequired', 'RestartContainer'] },
];

/** The allowed values of `field` on the map at `path` (whose read properties are `read`), when the table knows it. */
export function supplementaryEnumFor(object: Record<string, unknown>, path: Path, read: ReadonlySet<string>, field: string): readonly string[] | undefined {
  for (const entry of ENUM_FIELDS) {
    if (entry.field !== field || !entry.signature.every((property) => read.has(property))) continue;
    if (entry.where && !entry.where(object, path)) continue;
    return entry.values;
  }
  return undefined;
}
