import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { isObjectName } from './utils/object-name';
import { effectiveNamespace } from './utils/label-selector';
import { apiGroupOf, nameOf, sameApplyScope, servicesIn } from './utils/lint-set';

export default defineRule({
  meta: {
    id: 'statefulset-headless-service-missing',
    severity: 'info',
    category: 'reliability',
    description: "A StatefulSet's `serviceName` should name a headless Service of the lint set, when the namespace's Services are in it.",
    rationale:
      'A StatefulSet\'s pods get their stable DNS names (web-0.web.prod.svc) from the headless Service its serviceName names. Without that Service, or with a Service that has a cluster IP, the per-pod names do not resolve and peers that find each other by name (databases, brokers, quorum members) cannot form a cluster. The rule judges only namespaces whose Services the lint set holds.',
    kinds: ['StatefulSet'],
    crossObject: true,
    references: [
      { source: 'Kubernetes', title: 'StatefulSets: stable network ID', url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id' },
      { source: 'kube-score', title: 'statefulset-has-servicename', url: 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md' },
    ],
  },
  check(object, ctx) {
    if (apiGroupOf(object) !== 'apps' || !isRecord(object.spec)) return;
    const serviceName = object.spec.serviceName;
    // serviceName is optional from Kubernetes 1.31 (no per-pod DNS then); an empty one asks for none, a placeholder is filled in later.
    if (!isObjectName(serviceName)) return;
    const namespace = effectiveNamespace(object);
    const services = sameApplyScope(ctx.objects, servicesIn(ctx.objects, namespace), object);
    if (services.length === 0) return;
    const named = services.filter(({ object: service }) => nameOf(service) === serviceName);
    const name = nameOf(object) ?? '';
    if (named.length === 0) {
      ctx.report({
        path: ['spec', 'serviceName'],
        message: `StatefulSet "${name}" names the governing Service "${serviceName}", which is not in namespace "${namespace}" of the lint set while its other Services are: add a headless Service (clusterIP: None) of that name, or its pods get no stable DNS names.`,
      });
      return;
    }
    const headless = named.some(({ object: service }) => {
      const spec = service.spec;
      return !isRecord(spec) || spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
    });
    if (headless) return;
    ctx.report({
      path: ['spec', 'serviceName'],
      message: `StatefulSet "${name}" names the governing Service "${serviceName}", which is not headless: set clusterIP: None on it (or add a separate headless Service) so that its pods get stable DNS names.`,
    });
  },
});
