import type { Path } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isObjectName, isPortName } from './utils/object-name';
import { effectiveNamespace } from './utils/label-selector';
import { apiGroupOf, nameOf, sameApplyScope, servicesIn } from './utils/lint-set';

interface Backend {
  path: Path;
  service: string;
  /** Port number or name, when the backend names one. */
  port: number | string | undefined;
  portPath: Path;
}

/** A backend of networking.k8s.io/v1 (`service: {name, port: {number|name}}`) or of v1beta1 (`serviceName`, `servicePort`). */
function backendAt(backend: unknown, path: Path): Backend | undefined {
  if (!isRecord(backend)) return undefined;
  if (isRecord(backend.service) && typeof backend.service.name === 'string') {
    const port = isRecord(backend.service.port) ? backend.service.port : undefined;
    const value = port ? (typeof port.number === 'number' ? port.number : typeof port.name === 'string' ? port.name : undefined) : undefined;
    const key = port && typeof port.number === 'number' ? 'number' : 'name';
    return { path: [...path, 'service', 'name'], service: backend.service.name, port: value, portPath: [...path, 'service', 'port', key] };
  }
  if (typeof backend.serviceName === 'string') {
    const port = typeof backend.servicePort === 'number' || typeof backend.servicePort === 'string' ? backend.servicePort : undefined;
    return { path: [...path, 'serviceName'], service: backend.serviceName, port, portPath: [...path, 'servicePort'] };
  }
  return undefined;
}

function backends(spec: Record<string, unknown>): Backend[] {
  const found: Backend[] = [];
  const add = (backend: Backend | undefined) => backend && found.push(backend);
  add(backendAt(spec.defaultBackend, ['spec', 'defaultBackend']));
  add(backendAt(spec.backend, ['spec', 'backend']));
  if (Array.isArray(spec.rules)) {
    spec.rules.forEach((rule, ruleIndex) => {
      const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
      paths.forEach((entry, pathIndex) => {
        if (isRecord(entry)) add(backendAt(entry.backend, ['spec', 'rules', ruleIndex, 'http', 'paths', pathIndex, 'backend']));
      });
    });
  }
  return found;
}

export default defineRule({
  meta: {
    id: 'ingress-service-missing',
    severity: 'warning',
    category: 'network',
    description: 'An Ingress backend must name a Service (and a port of it) that exists, when the namespace\'s Services are in the lint set.',
    rationale:
      'An Ingress whose backend names a Service that does not exist, or a port the Service does not have, answers 503 for that path: usually a renamed Service or port. The rule judges only namespaces whose Services the lint set holds, so a backend defined elsewhere is not reported.',
    kinds: ['Ingress'],
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'Ingress: backends', url: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#resource-backend' },
      { source: 'kube-score', title: 'ingress-targets-service', url: 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md' },
      { source: 'kube-linter', title: 'dangling-ingress', url: 'https://docs.kubelinter.io/#/generated/checks' },
    ],
  },
  check(object, ctx) {
    const group = apiGroupOf(object);
    if ((group !== 'networking.k8s.io' && group !== 'extensions') || !isRecord(object.spec)) return;
    const services = sameApplyScope(ctx.objects, servicesIn(ctx.objects, effectiveNamespace(object)), object);
    // No Service of this namespace in the set: the backends live elsewhere (another repository, a chart dependency).
    if (services.length === 0) return;
    const name = nameOf(object) ?? '';
    for (const backend of backends(object.spec)) {
      // AWS Load Balancer Controller actions: the "service" names an alb.ingress.kubernetes.io/actions.* annotation.
      if (backend.port === 'use-annotation') continue;
      // A placeholder (`${SERVICE}`, `{{ .name }}`) is filled in later: only real names are compared.
      if (!isObjectName(backend.service)) continue;
      const matching = services.filter(({ object: service }) => nameOf(service) === backend.service);
      if (matching.length === 0) {
        ctx.report({
          path: backend.path,
          message: `Ingress "${name}" routes to Service "${backend.service}", which is not in the lint set while this namespace's other Services are: check the name (or add the Service).`,
        });
        continue;
      }
      if (backend.port === undefined || (typeof backend.port === 'string' && !isPortName(backend.port))) continue;
      const hasPort = matching.some(({ object: service }) => {
        const spec = isRecord(service.spec) ? service.spec : undefined;
        // An ExternalName Service or one without a ports list cannot be judged.
        if (!spec || !Array.isArray(spec.ports) || spec.type === 'ExternalName') return true;
        return spec.ports.some((port) => isRecord(port) && (typeof backend.port === 'number' ? port.port === backend.port : port.name === backend.port));
      });
      if (!hasPort) {
        ctx.report({
          path: backend.portPath,
          message: `Ingress "${name}" routes to port ${typeof backend.port === 'number' ? backend.port : `"${backend.port}"`} of Service "${backend.service}", which has no such port: use one of the Service's ports.`,
        });
      }
    }
  },
});
