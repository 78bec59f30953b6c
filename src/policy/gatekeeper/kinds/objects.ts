// The library's general/ templates that judge an object itself (Services, Ingresses, bindings, replicas...) or the
// pod fields outside security contexts (probes, TTY, token mounts).
import type { KubeObject, LintObject, Path } from '../../../engine/types';
import { isRecord } from '../../../model/pod-spec';
import { effectiveNamespace } from '../../../rules/utils/label-selector';
import { apiGroupOf, inNamespace, perLintSet } from '../../../rules/utils/lint-set';
import { containerLabel, show } from '../../../rules/utils/pod-security';
import { judgedContainers, listed, stringList, truthy, type ConstraintKind, type KindContext } from './kind';


function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function spec(object: KubeObject): Record<string, unknown> {
  return record(object.spec);
}

/** The path of `field` under spec, or of spec (or kind) when it is missing. */
function specPath(object: KubeObject, field: string): Path {
  if (!isRecord(object.spec)) return ['kind'];
  return object.spec[field] === undefined ? ['spec'] : ['spec', field];
}

function serviceType(kind: string, type: string, wording: string): ConstraintKind {
  return {
    kind,
    target: 'object',
    check(object, context) {
      if (object.kind === 'Service' && spec(object).type === type) {
        context.rule.report({ path: ['spec', 'type'], message: `Service "${object.metadata?.name}" is of type ${type}; ${context.id} ${wording}.` });
      }
    },
  };
}

const blockLoadBalancer = serviceType('K8sBlockLoadBalancer', 'LoadBalancer', 'does not allow LoadBalancer Services');
const blockNodePort = serviceType('K8sBlockNodePort', 'NodePort', 'does not allow NodePort Services');

const externalIps: ConstraintKind = {
  kind: 'K8sExternalIPs',
  target: 'object',
  check(object, context) {
    if (object.kind !== 'Service' || apiGroupOf(object) !== '') return;
    const allowed = stringList(context.parameters.allowedIPs);
    const addresses = spec(object).externalIPs;
    (Array.isArray(addresses) ? addresses : []).forEach((address, index) => {
      if (!allowed.includes(address as string)) context.rule.report({ path: ['spec', 'externalIPs', index], message: `Service "${object.metadata?.name}" sets external IP ${show(address)}; ${context.id} allows ${listed(allowed)}.` });
    });
  },
};

function ingressRules(object: KubeObject): unknown[] {
  return Array.isArray(spec(object).rules) ? (spec(object).rules as unknown[]) : [];
}

const wildcardIngress: ConstraintKind = {
  kind: 'K8sBlockWildcardIngress',
  target: 'object',
  check(object, context) {
    if (object.kind !== 'Ingress') return;
    ingressRules(object).forEach((rule, index) => {
      const host = isRecord(rule) && rule.host !== undefined ? rule.host : '';
      if (host === '' || (typeof host === 'string' && host.includes('*'))) {
        context.rule.report({ path: ['spec', 'rules', index, ...(isRecord(rule) && rule.host !== undefined ? ['host'] : [])], message: `Ingress "${object.metadata?.name}" has a rule for ${host === '' ? 'every host (no host)' : `the wildcard host ${host}`}; ${context.id} requires a specific host.` });
      }
    });
  },
};

const INGRESS_API = /^(extensions|networking\.k8s\.io)\//;
const ALLOW_HTTP = 'kubernetes.io/ingress.allow-http';

const httpsOnly: ConstraintKind = {
  kind: 'K8sHttpsOnly',
  target: 'object',
  check(object, context) {
    if (object.kind !== 'Ingress' || !INGRESS_API.test(String(object.apiVersion))) return;
    const annotations = record(object.metadata?.annotations);
    const httpOff = annotations[ALLOW_HTTP] === 'false';
    const tls = spec(object).tls;
    const tlsOptional = context.parameters.tlsOptional === true;
    if (!httpOff) {
      const path = annotations[ALLOW_HTTP] !== undefined ? ['metadata', 'annotations', ALLOW_HTTP] : object.metadata?.annotations ? ['metadata', 'annotations'] : ['metadata'];
      context.rule.report({ path, message: `Ingress "${object.metadata?.name}" does not set the annotation ${ALLOW_HTTP}: "false"; ${context.id} requires HTTPS only.` });
    } else if (!tlsOptional && !(Array.isArray(tls) && tls.length)) {
      context.rule.report({ path: specPath(object, 'tls'), message: `Ingress "${object.metadata?.name}" has no tls section; ${context.id} requires HTTPS only.` });
    }
  },
};

function ingressHosts(object: KubeObject): Array<{ host: string; index: number }> {
  return ingressRules(object).flatMap((rule, index) => (isRecord(rule) && typeof rule.host === 'string' ? [{ host: rule.host, index }] : []));
}

/** The Ingresses of the lint set by host (indexed once per run). */
function ingressesByHost(objects: readonly LintObject[]): Map<string, LintObject[]> {
  return perLintSet(objects, 'gatekeeper-ingress-hosts', () => {
    const byHost = new Map<string, LintObject[]>();
    for (const entry of objects) {
      if (entry.object.kind !== 'Ingress' || !INGRESS_API.test(String(entry.object.apiVersion))) continue;
      for (const host of new Set(ingressHosts(entry.object).map((item) => item.host))) byHost.set(host, [...(byHost.get(host) ?? []), entry]);
    }
    return byHost;
  });
}

const uniqueIngressHost: ConstraintKind = {
  kind: 'K8sUniqueIngressHost',
  target: 'object',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'Ingress' || !['extensions', 'networking.k8s.io'].includes(apiGroupOf(object))) return;
    const index = ingressesByHost(context.rule.objects);
    for (const { host, index: ruleIndex } of ingressHosts(object)) {
      const clash = (index.get(host) ?? []).find(({ object: other }) => other !== object && !sameObject(other, object));
      if (clash) context.rule.report({ path: ['spec', 'rules', ruleIndex, 'host'], message: `Ingress host ${host} is also used by Ingress "${clash.object.metadata?.name}" (${clash.file}); ${context.id} requires unique hosts.` });
    }
  },
};

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return a.metadata?.name === b.metadata?.name && a.metadata?.namespace === b.metadata?.namespace;
}

function flatSelector(object: KubeObject): string {
  return Object.entries(record(spec(object).selector)).map(([key, value]) => `${key}:${value}`).sort().join(',');
}

/** The v1 Services of the lint set by flattened selector (indexed once per run). */
function servicesBySelector(objects: readonly LintObject[]): Map<string, LintObject[]> {
  return perLintSet(objects, 'gatekeeper-service-selectors', () => {
    const bySelector = new Map<string, LintObject[]>();
    for (const entry of objects) {
      if (entry.object.kind !== 'Service' || entry.object.apiVersion !== 'v1') continue;
      const key = flatSelector(entry.object);
      bySelector.set(key, [...(bySelector.get(key) ?? []), entry]);
    }
    return bySelector;
  });
}

const uniqueServiceSelector: ConstraintKind = {
  kind: 'K8sUniqueServiceSelector',
  target: 'object',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'Service' || object.apiVersion !== 'v1') return;
    // Any namespace, as the library's Rego reads the whole inventory; the same Service (namespace and name) is not a clash.
    const clash = (servicesBySelector(context.rule.objects).get(flatSelector(object)) ?? []).find(({ object: other }) => other !== object && !sameObject(other, object));
    if (clash) context.rule.report({ path: specPath(object, 'selector'), message: `Service "${object.metadata?.name}" has the same selector as Service "${clash.object.metadata?.name}" (${clash.file}); ${context.id} requires unique selectors.` });
  },
};

const ANONYMOUS = ['system:unauthenticated', 'system:anonymous'];

const disallowAnonymous: ConstraintKind = {
  kind: 'K8sDisallowAnonymous',
  target: 'object',
  check(object, context) {
    const roleName = record(object.roleRef).name;
    if (stringList(context.parameters.allowedRoles).includes(roleName as string)) return;
    const forbidden = context.parameters.disallowAuthenticated === true ? [...ANONYMOUS, 'system:authenticated'] : ANONYMOUS;
    const subjects = Array.isArray(object.subjects) ? object.subjects : [];
    subjects.forEach((subject, index) => {
      const name = record(subject).name;
      if (typeof name === 'string' && forbidden.includes(name)) {
        context.rule.report({ path: ['subjects', index, 'name'], message: `${object.kind} "${object.metadata?.name}" binds ${name} to ${show(roleName)}; ${context.id} allows that only for ${listed(stringList(context.parameters.allowedRoles))}.` });
      }
    });
  },
};

const EDIT_VERBS = ['create', 'patch', 'update'];

const endpointEditDefaultRole: ConstraintKind = {
  kind: 'K8sBlockEndpointEditDefaultRole',
  target: 'object',
  check(object, context) {
    if (object.metadata?.name !== 'system:aggregate-to-edit') return;
    const rules = Array.isArray(object.rules) ? object.rules : [];
    rules.forEach((rule, index) => {
      const fields = record(rule);
      if (stringList(fields.resources).includes('endpoints') && stringList(fields.verbs).some((verb) => EDIT_VERBS.includes(verb))) {
        context.rule.report({ path: ['rules', index], message: `The default role system:aggregate-to-edit lets editors change endpoints (CVE-2021-25740); ${context.id} forbids it.` });
      }
    });
  },
};

const deprecatedApi: ConstraintKind = {
  kind: 'VerifyDeprecatedAPI',
  target: 'object',
  check(object, context) {
    const entries = Array.isArray(context.parameters.kvs) ? context.parameters.kvs.filter(isRecord) : [];
    const entry = entries.find((candidate) => candidate.deprecatedAPI === object.apiVersion && stringList(candidate.kinds).includes(String(object.kind)));
    if (!entry) return;
    const target = entry.targetAPI === 'None' || entry.targetAPI === undefined ? 'it has no replacement' : `use ${entry.targetAPI}`;
    const version = context.parameters.k8sVersion !== undefined ? ` in Kubernetes ${context.parameters.k8sVersion}` : '';
    context.rule.report({ path: ['apiVersion'], message: `${object.kind} ${object.apiVersion} is removed${version}: ${target}; ${context.id}.` });
  },
};

interface ReplicaRange {
  min_replicas: number;
  max_replicas: number;
}

function replicaRanges(context: KindContext): ReplicaRange[] {
  const ranges = context.parameters.ranges;
  return Array.isArray(ranges) ? ranges.filter((range): range is ReplicaRange => isRecord(range) && typeof range.min_replicas === 'number' && typeof range.max_replicas === 'number') : [];
}

function rangesText(ranges: readonly ReplicaRange[]): string {
  return ranges.length ? ranges.map((range) => `${range.min_replicas}-${range.max_replicas}`).join(', ') : 'no range';
}

const replicaLimits: ConstraintKind = {
  kind: 'K8sReplicaLimits',
  target: 'object',
  check(object, context) {
    const replicas = spec(object).replicas;
    const ranges = replicaRanges(context);
    if (typeof replicas === 'number' && ranges.some((range) => range.min_replicas <= replicas && replicas <= range.max_replicas)) return;
    context.rule.report({ path: specPath(object, 'replicas'), message: `${object.kind} "${object.metadata?.name}" ${replicas === undefined ? 'sets no replicas' : `has ${show(replicas)} replicas`}; ${context.id} allows ${rangesText(ranges)}.` });
  },
};

function inventoryIn(objects: readonly LintObject[], namespace: string): readonly LintObject[] {
  return inNamespace(objects, namespace);
}

const hpa: ConstraintKind = {
  kind: 'K8sHorizontalPodAutoscaler',
  target: 'object',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'HorizontalPodAutoscaler') return;
    const fields = spec(object);
    const { minReplicas, maxReplicas } = fields;
    const ranges = replicaRanges(context);
    const name = object.metadata?.name;
    if (!(typeof minReplicas === 'number' && typeof maxReplicas === 'number' && ranges.some((range) => range.min_replicas <= minReplicas && range.max_replicas >= maxReplicas))) {
      context.rule.report({ path: specPath(object, minReplicas === undefined ? 'maxReplicas' : 'minReplicas'), message: `HorizontalPodAutoscaler "${name}" scales ${show(minReplicas)}-${show(maxReplicas)}; ${context.id} allows ${rangesText(ranges)}.` });
    }
    const spread = context.parameters.minimumReplicaSpread;
    if (!(truthy(spread) && typeof minReplicas === 'number' && typeof maxReplicas === 'number' && maxReplicas - minReplicas >= (spread as number))) {
      context.rule.report({ path: specPath(object, 'maxReplicas'), message: `HorizontalPodAutoscaler "${name}" spreads ${show(minReplicas)}-${show(maxReplicas)}; ${context.id} requires maxReplicas - minReplicas of at least ${show(spread)}.` });
    }
    if (context.parameters.enforceScaleTargetRef === true) {
      const target = record(fields.scaleTargetRef);
      const found = inventoryIn(context.rule.objects, effectiveNamespace(object)).some(({ object: other }) => other.apiVersion === target.apiVersion && other.kind === target.kind && other.metadata?.name === target.name);
      if (!found) context.rule.report({ path: specPath(object, 'scaleTargetRef'), message: `HorizontalPodAutoscaler "${name}" scales ${show(target.kind)} "${show(target.name)}", which is not in the linted manifests; ${context.id} requires the target to exist.` });
    }
  },
};

function matchLabelsOf(object: KubeObject): Record<string, unknown> {
  return record(record(spec(object).selector).matchLabels);
}

const pdb: ConstraintKind = {
  kind: 'K8sPodDisruptionBudget',
  target: 'object',
  crossObject: true,
  check(object, context) {
    const maxUnavailableValid = (budget: KubeObject) => {
      const value = spec(budget).maxUnavailable ?? 1;
      // Rego orders numbers before strings: a percentage passes, 0 does not.
      return typeof value === 'string' || (typeof value === 'number' && value > 0);
    };
    if (object.kind === 'PodDisruptionBudget' && !maxUnavailableValid(object)) {
      context.rule.report({ path: specPath(object, 'maxUnavailable'), message: `PodDisruptionBudget "${object.metadata?.name}" has maxUnavailable 0, which blocks every voluntary eviction; ${context.id} allows only positive values.` });
    }
    const labels = matchLabelsOf(object);
    for (const { object: budget } of inventoryIn(context.rule.objects, effectiveNamespace(object))) {
      if (budget === object || budget.kind !== 'PodDisruptionBudget' || budget.apiVersion !== 'policy/v1') continue;
      if (!Object.entries(matchLabelsOf(budget)).every(([key, value]) => labels[key] === value)) continue;
      if (!maxUnavailableValid(budget)) {
        context.rule.report({ path: ['spec', 'selector'], message: `${object.kind} "${object.metadata?.name}" is selected by PodDisruptionBudget "${budget.metadata?.name}" with maxUnavailable 0; ${context.id} allows only positive values.` });
      }
      const minAvailable = spec(budget).minAvailable ?? -1;
      const replicas = spec(object).replicas;
      if (!(typeof replicas === 'number' && typeof minAvailable === 'number' && replicas > minAvailable)) {
        context.rule.report({ path: specPath(object, 'replicas'), message: `${object.kind} "${object.metadata?.name}" has ${show(replicas ?? 'no')} replicas but PodDisruptionBudget "${budget.metadata?.name}" has minAvailable ${show(minAvailable)}; ${context.id} requires fewer than the replicas.` });
      }
    }
  },
};

function storageClassAllowed(name: unknown, context: KindContext): boolean {
  // The cluster's classes are unknown offline: existence is checked against the StorageClasses of the lint set when
  // it holds any; otherwise only `allowedStorageClasses` decides (no guess about what the cluster has).
  const classes = perLintSet(context.rule.objects, 'gatekeeper-storage-classes', () =>
    context.rule.objects.filter(({ object }) => object.kind === 'StorageClass' && object.apiVersion === 'storage.k8s.io/v1').map(({ object }) => object.metadata?.name),
  );
  if (classes.length && !classes.includes(name as string)) return false;
  const allowed = context.parameters.allowedStorageClasses;
  return !Array.isArray(allowed) || allowed.includes('*') || allowed.includes(name);
}

const storageClass: ConstraintKind = {
  kind: 'K8sStorageClass',
  target: 'object',
  crossObject: true,
  check(object, context) {
    const claims: Array<{ spec: Record<string, unknown>; path: Path; what: string }> = [];
    if (object.apiVersion === 'v1' && object.kind === 'PersistentVolumeClaim') claims.push({ spec: spec(object), path: ['spec'], what: `PersistentVolumeClaim "${object.metadata?.name}"` });
    if (object.apiVersion === 'apps/v1' && object.kind === 'StatefulSet') {
      const templates = spec(object).volumeClaimTemplates;
      (Array.isArray(templates) ? templates : []).forEach((template, index) => claims.push({ spec: record(record(template).spec), path: ['spec', 'volumeClaimTemplates', index, 'spec'], what: `Volume claim template "${record(record(template).metadata).name}"` }));
    }
    const allowed = Array.isArray(context.parameters.allowedStorageClasses) ? stringList(context.parameters.allowedStorageClasses) : undefined;
    for (const claim of claims) {
      const name = claim.spec.storageClassName;
      if (!truthy(name) || name === '') {
        context.rule.report({ path: claim.path, message: `${claim.what} names no storage class; ${context.id} requires one${allowed ? ` of ${listed(allowed)}` : ''}.` });
      } else if (!storageClassAllowed(name, context)) {
        context.rule.report({ path: [...claim.path, 'storageClassName'], message: `${claim.what} uses storage class ${show(name)}; ${context.id} allows ${allowed ? listed(allowed) : 'only the StorageClasses of the cluster'}.` });
      }
    }
  },
};

function metadataRequirements(kind: string, field: 'labels' | 'annotations'): ConstraintKind {
  return {
    kind,
    target: 'object',
    podTemplates: true,
    check(object, context) {
      const present = record(object.metadata?.[field]);
      const required = (Array.isArray(context.parameters[field]) ? context.parameters[field] : []).filter(isRecord) as Array<Record<string, unknown>>;
      const custom = typeof context.parameters.message === 'string' ? ` (${context.parameters.message})` : '';
      const missing = required.map((entry) => entry.key).filter((key): key is string => typeof key === 'string' && !truthy(present[key]));
      if (missing.length) {
        const path = object.metadata?.[field] !== undefined ? ['metadata', field] : ['metadata'];
        const subject = context.subject ?? `${object.kind} "${object.metadata?.name ?? ''}"`;
        context.rule.report({ path, message: `${subject} ${context.subject ? 'have' : 'has'} no ${field === 'labels' ? 'label' : 'annotation'} ${listed(missing)}; ${context.id} requires it${custom}.` });
      }
      for (const entry of required) {
        const key = entry.key as string;
        const pattern = entry.allowedRegex;
        if (typeof pattern !== 'string' || pattern === '' || present[key] === undefined) continue;
        let matched: boolean;
        try {
          matched = new RegExp(pattern).test(String(present[key]));
        } catch {
          continue; // a pattern JavaScript cannot read is not judged (RE2 and JavaScript differ on a few constructs)
        }
        if (!matched) context.rule.report({ path: ['metadata', field, key], message: `${field === 'labels' ? 'Label' : 'Annotation'} ${key}: ${show(present[key])} does not match ${pattern}; ${context.id}${custom}.` });
      }
    },
  };
}

const requiredLabels = metadataRequirements('K8sRequiredLabels', 'labels');
const requiredAnnotations = metadataRequirements('K8sRequiredAnnotations', 'annotations');

const requiredProbes: ConstraintKind = {
  kind: 'K8sRequiredProbes',
  target: 'pod',
  check(object, context) {
    const types = stringList(context.parameters.probeTypes);
    for (const container of judgedContainers(object, context, ['containers'])) {
      for (const probe of stringList(context.parameters.probes)) {
        const value = (container.value as unknown as Record<string, unknown>)[probe];
        const usable = truthy(value) && types.some((type) => truthy(record(value)[type]));
        if (!usable) context.rule.report({ path: value === undefined ? container.path : [...container.path, probe], message: `${containerLabel(container)} has no ${probe}${value === undefined ? '' : ` of type ${listed(types)}`}; ${context.id} requires ${listed(stringList(context.parameters.probes))} (${listed(types)}).` });
      }
    }
  },
};

const interactiveTty: ConstraintKind = {
  kind: 'K8sDisallowInteractiveTTY',
  target: 'pod',
  check(object, context) {
    for (const container of judgedContainers(object, context)) {
      for (const field of ['stdin', 'tty'] as const) {
        if (truthy(container.value[field])) context.rule.report({ path: [...container.path, field], message: `${containerLabel(container)} sets ${field}: ${show(container.value[field])}; ${context.id} does not allow interactive containers.` });
      }
    }
  },
};

const SERVICE_ACCOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

const automountToken: ConstraintKind = {
  kind: 'K8sPSPAutomountServiceAccountTokenPod',
  target: 'pod',
  check(object, context) {
    const podSpec = context.rule.podSpec(object);
    if (!podSpec) return;
    const value = (podSpec.value as unknown as Record<string, unknown>).automountServiceAccountToken;
    if (value === true) {
      context.rule.report({ path: [...podSpec.path, 'automountServiceAccountToken'], message: `The pod mounts its ServiceAccount token; ${context.id} requires automountServiceAccountToken: false.` });
      return;
    }
    if (value !== undefined) return;
    for (const container of context.rule.containers(object).filter((item) => item.list !== 'ephemeralContainers')) {
      (Array.isArray(container.value.volumeMounts) ? container.value.volumeMounts : []).forEach((mount, index) => {
        if (record(mount).mountPath === SERVICE_ACCOUNT_PATH) context.rule.report({ path: [...container.path, 'volumeMounts', index, 'mountPath'], message: `${containerLabel(container)} mounts the ServiceAccount token path; ${context.id} requires automountServiceAccountToken: false.` });
      });
    }
  },
};

export const OBJECT_KINDS: readonly ConstraintKind[] = [
  blockLoadBalancer,
  blockNodePort,
  externalIps,
  wildcardIngress,
  httpsOnly,
  uniqueIngressHost,
  uniqueServiceSelector,
  disallowAnonymous,
  endpointEditDefaultRole,
  deprecatedApi,
  replicaLimits,
  hpa,
  pdb,
  storageClass,
  requiredLabels,
  requiredAnnotations,
  requiredProbes,
  interactiveTty,
  automountToken,
];
