import { CONTAINER_LISTS, extractPodSpec, isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { isPortName } from './utils/object-name';
import { effectiveNamespace, matchesServiceSelector } from './utils/label-selector';
import { apiGroupOf, nameOf, podTemplatesIn, sameApplyScope } from './utils/lint-set';

/** The named container ports a pod template declares (any container list: sidecars in initContainers serve too). */
function declaredPortNames(podSpec: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const list of CONTAINER_LISTS) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      const ports = isRecord(container) && Array.isArray(container.ports) ? container.ports : [];
      for (const port of ports) if (isRecord(port) && typeof port.name === 'string') names.add(port.name);
    }
  }
  return names;
}

export default defineRule({
  meta: {
    id: 'service-target-port-undeclared',
    severity: 'warning',
    category: 'network',
    description: 'A Service `targetPort` given by name must be a port name that a container of the selected pods declares.',
    rationale:
      'A named targetPort is resolved on each pod from its containers\' `ports[].name`; a pod that declares no such name is left out of the endpoints, so a Service whose port name no selected pod declares gets no traffic through that port (usually a port renamed in one place). The rule judges only Services whose selected pod templates are in the lint set.',
    kinds: ['Service'],
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'Service: port definitions (named ports)', url: 'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports' },
      { source: 'kube-linter', title: 'dangling-service (target ports)', url: 'https://docs.kubelinter.io/#/generated/checks' },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== '' || !isRecord(object.spec) || !Array.isArray(object.spec.ports)) return;
    const { selector, type } = object.spec;
    if (type === 'ExternalName' || !isRecord(selector) || Object.keys(selector).length === 0) return;
    const inScope = new Set(sameApplyScope(ctx.objects, podTemplatesIn(ctx.objects, effectiveNamespace(object)).map((template) => template.entry), object));
    const selected = podTemplatesIn(ctx.objects, effectiveNamespace(object)).filter((template) => inScope.has(template.entry)).filter((template) => matchesServiceSelector(selector, Object.fromEntries(template.labels)));
    // No selected pod template in the set (dangling-service speaks to that), or one without containers (a patch): unknown.
    const podSpecs = selected.map((template) => extractPodSpec(template.entry.object)?.value as unknown as Record<string, unknown> | undefined);
    if (podSpecs.length === 0 || podSpecs.some((spec) => !spec || !Array.isArray(spec.containers))) return;
    const declared = new Set(podSpecs.flatMap((spec) => [...declaredPortNames(spec!)]));
    object.spec.ports.forEach((port, index) => {
      // Only a valid port name can be judged: `PORT` or `${GRPC_PORT:-9002}` is a placeholder a script fills in.
      if (!isRecord(port) || !isPortName(port.targetPort) || declared.has(port.targetPort)) return;
      ctx.report({
        path: ['spec', 'ports', index, 'targetPort'],
        message: `${objectLabel(object)} targets port "${port.targetPort}", which no container of its ${selected.length === 1 ? `pod template (${selected[0].entry.object.kind} "${nameOf(selected[0].entry.object) ?? ''}")` : `${selected.length} selected pod templates`} declares: the port gets no endpoints; name the container port "${port.targetPort}" or use a declared name.`,
      });
    });
  },
});
