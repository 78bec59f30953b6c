// The library's container resource templates: limits, requests, ratios, required resources, ephemeral storage.
import { isRecord } from '../../../model/pod-spec';
import { containerLabel } from '../../../rules/utils/pod-security';
import { judgedContainers, type ConstraintKind, type KindContext } from './kind';
import { canonicalCpu, canonicalMemory, missingResource } from './quantity';
import type { KubeObject } from '../../../engine/types';

type Section = 'limits' | 'requests';

/** K8sContainerLimits and K8sContainerRequests: cpu (unless "-1") and memory must be set, parseable and at most the parameter. */
function maximums(object: KubeObject, context: KindContext, section: Section): void {
  const word = section === 'limits' ? 'limit' : 'request';
  const checkCpu = context.parameters.cpu !== '-1';
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
  const cpu = context.parameters.cpu !== '-1' ? `cpu${maxText(context, 'cpu')} and ` : '';
  return `${section} for ${cpu}memory${maxText(context, 'memory')}`;
}

const containerLimits: ConstraintKind = { kind: 'K8sContainerLimits', target: 'pod', check: (object, context) => maximums(object, context, 'limits') };

export const RESOURCE_KINDS: readonly ConstraintKind[] = [containerLimits];
