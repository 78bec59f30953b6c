// The library's container resource templates: limits, requests, ratios, required resources, ephemeral storage.
import { isRecord } from '../../../model/pod-spec';
import { containerLabel } from '../../../rules/utils/pod-security';
import { judgedContainers, listed, stringList, truthy, type ConstraintKind, type KindContext } from './kind';
import { canonicalCpu, canonicalMemory, missingResource } from './quantity';
import type { ContainerRef, KubeObject, Path } from '../../../engine/types';

type Section = 'limits' | 'requests';

/** K8sContainerLimits and K8sContainerRequests: cpu (limits: unless "-1") and memory must be set, parseable and at most the parameter. */
function maximums(object: KubeObject, context: KindContext, section: Section): void {
  const word = section === 'limits' ? 'limit' : 'request';
  const checkCpu = section === 'requests' || context.parameters.cpu !== '-1';
  for (const container of judgedContainers(object, context, ['containers', 'initContainers'])) {
    const resources = container.value.resources as unknown;
    const at = (name?: string) => [...container.path, ...(isRecord(resources) ? ['resources', ...(isRecord(resources[section]) ? [section, ...(name ? [name] : [])] : [])] : [])];
    const values = isRecord(resources) && isRecord(resources[section]) ? resources[section] : undefined;
    if (!values) {
      context.rule.report({ path: at(), message: `${containerLabel(container)} has no resource ${section}; ${context.id} requires ${limitsText(context, section)}.` });
      continue;
    }
    for (const [name, canonical, enabled] of [['cpu', canonicalCpu, checkCpu], ['memory', canonicalMemory, true]] as const) {
      if (!enabled) continue;
      if (missingResource(resources, section, name)) {
        context.rule.report({ path: at(), message: `${containerLabel(container)} has no ${name} ${word}; ${context.id} requires one${maxText(context, name)}.` });
        continue;
      }
      const value = canonical(values[name]);
      if (value === undefined) {
        context.rule.report({ path: at(name), message: `${containerLabel(container)} ${name} ${word} ${JSON.stringify(values[name])} cannot be parsed; ${context.id} requires a quantity such as ${name === 'cpu' ? '500m' : '512Mi'}.` });
        continue;
      }
      const maximum = canonical(context.parameters[name]);
      if (maximum !== undefined && value > maximum) {
        context.rule.report({ path: at(name), message: `${containerLabel(container)} ${name} ${word} ${values[name]} is above ${context.parameters[name]}, the most ${context.id} allows.` });
      }
    }
  }
}

function maxText(context: KindContext, name: string): string {
  const maximum = context.parameters[name];
  return typeof maximum === 'string' || typeof maximum === 'number' ? ` of at most ${maximum}` : '';
}

function limitsText(context: KindContext, section: Section): string {
  const cpu = section === 'requests' || context.parameters.cpu !== '-1' ? `cpu${maxText(context, 'cpu')} and ` : '';
  return `${section} for ${cpu}memory${maxText(context, 'memory')}`;
}

const containerLimits: ConstraintKind = { kind: 'K8sContainerLimits', target: 'pod', check: (object, context) => maximums(object, context, 'limits') };
const containerRequests: ConstraintKind = { kind: 'K8sContainerRequests', target: 'pod', check: (object, context) => maximums(object, context, 'requests') };

function resourcePath(container: ContainerRef, section?: Section, name?: string): Path {
  const resources = container.value.resources as unknown;
  if (!isRecord(resources)) return container.path;
  if (!section || !isRecord(resources[section])) return [...container.path, 'resources'];
  return [...container.path, 'resources', section, ...(name && resources[section][name] !== undefined ? [name] : [])];
}

/** K8sContainerRatios: limits and requests of cpu and memory set and parseable, limits at most `ratio` (cpu: `cpuRatio`) times requests. */
const containerRatios: ConstraintKind = {
  kind: 'K8sContainerRatios',
  target: 'pod',
  check(object, context) {
    const ratio = context.parameters.ratio;
    const cpuRatio = context.parameters.cpuRatio ?? ratio;
    for (const container of judgedContainers(object, context, ['containers', 'initContainers'])) {
      const resources = container.value.resources as unknown;
      let reported = false;
      for (const section of ['limits', 'requests'] as const) {
        for (const [name, canonical] of [['cpu', canonicalCpu], ['memory', canonicalMemory]] as const) {
          if (reported) continue;
          if (missingResource(resources, section, name)) {
            context.rule.report({ path: resourcePath(container, section), message: `${containerLabel(container)} has no ${name} ${section === 'limits' ? 'limit' : 'request'}; ${context.id} requires cpu and memory limits and requests.` });
            reported = true;
          } else if (canonical((resources as Record<string, Record<string, unknown>>)[section][name]) === undefined) {
            context.rule.report({ path: resourcePath(container, section, name), message: `${containerLabel(container)} ${name} ${section} value cannot be parsed; ${context.id} requires a quantity.` });
            reported = true;
          }
        }
      }
      if (reported) continue;
      const values = resources as Record<string, Record<string, unknown>>;
      for (const [name, canonical, allowed] of [['cpu', canonicalCpu, cpuRatio], ['memory', canonicalMemory, ratio]] as const) {
        const factor = Number(allowed);
        if (allowed === undefined || allowed === null || !Number.isFinite(factor)) continue;
        if (canonical(values.limits[name])! > factor * canonical(values.requests[name])!) {
          context.rule.report({ path: resourcePath(container, 'limits', name), message: `${containerLabel(container)} ${name} limit ${values.limits[name]} is more than ${allowed} times its request ${values.requests[name]}, the ratio ${context.id} allows.` });
        }
      }
    }
  },
};

/** K8sRequiredResources: every resource named in `limits` and `requests` is set. */
const requiredResources: ConstraintKind = {
  kind: 'K8sRequiredResources',
  target: 'pod',
  check(object, context) {
    for (const container of judgedContainers(object, context, ['containers', 'initContainers'])) {
      const resources = container.value.resources as unknown;
      for (const section of ['limits', 'requests'] as const) {
        const provided = isRecord(resources) && isRecord(resources[section]) ? resources[section] : {};
        const missing = stringList(context.parameters[section]).filter((name) => !truthy(provided[name]));
        if (missing.length) context.rule.report({ path: resourcePath(container, section), message: `${containerLabel(container)} sets no ${section} for ${listed(missing)}; ${context.id} requires ${section} for ${listed(stringList(context.parameters[section]))}.` });
      }
    }
  },
};

/** K8sContainerEphemeralStorageLimit: an ephemeral-storage limit, parseable and at most the parameter. */
const ephemeralStorage: ConstraintKind = {
  kind: 'K8sContainerEphemeralStorageLimit',
  target: 'pod',
  check(object, context) {
    const maximum = context.parameters['ephemeral-storage'];
    for (const container of judgedContainers(object, context, ['containers', 'initContainers'])) {
      const resources = container.value.resources as unknown;
      if (missingResource(resources, 'limits', 'ephemeral-storage')) {
        context.rule.report({ path: resourcePath(container, 'limits'), message: `${containerLabel(container)} has no ephemeral-storage limit; ${context.id} requires one${maximum !== undefined ? ` of at most ${maximum}` : ''}.` });
        continue;
      }
      const raw = (resources as Record<string, Record<string, unknown>>).limits['ephemeral-storage'];
      const value = canonicalMemory(raw);
      if (value === undefined) context.rule.report({ path: resourcePath(container, 'limits', 'ephemeral-storage'), message: `${containerLabel(container)} ephemeral-storage limit ${JSON.stringify(raw)} cannot be parsed; ${context.id} requires a quantity such as 500Mi.` });
      else if (canonicalMemory(maximum) !== undefined && value > canonicalMemory(maximum)!) {
        context.rule.report({ path: resourcePath(container, 'limits', 'ephemeral-storage'), message: `${containerLabel(container)} ephemeral-storage limit ${raw} is above ${maximum}, the most ${context.id} allows.` });
      }
    }
  },
};


export const RESOURCE_KINDS: readonly ConstraintKind[] = [containerLimits, containerRequests, containerRatios, requiredResources, ephemeralStorage];
