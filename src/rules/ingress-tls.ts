import { defineRule } from './utils/define-rule';
import { objectLabel } from './utils/object-label';
import { isRecord } from '../model/pod-spec';
import { isKind } from './utils/lint-set';

/** Ingress lives in networking.k8s.io (v1, v1beta1) and, before Kubernetes 1.22, extensions/v1beta1. */
const INGRESS_GROUPS = ['networking.k8s.io', 'extensions'];

/** True when certificate host `tlsHost` covers `host`: equal, or a `*.` wildcard for exactly one more DNS label. */
function tlsHostCovers(tlsHost: string, host: string): boolean {
  const certificate = tlsHost.toLowerCase();
  const target = host.toLowerCase();
  if (certificate === target) return true;
  if (!certificate.startsWith('*.')) return false;
  const suffix = certificate.slice(1); // ".example.com"
  if (!target.endsWith(suffix)) return false;
  const label = target.slice(0, -suffix.length);
  return label !== '' && !label.includes('.') && label !== '*';
}

export default defineRule({
  meta: {
    id: 'ingress-tls',
    severity: 'warning',
    category: 'network',
    description: 'Ingresses should terminate TLS for every host they route.',
    rationale:
      'An Ingress without `tls` serves its hosts over plain HTTP, so credentials, cookies and data cross the network ' +
      'readable and modifiable. A host routed by `rules` but absent from every `tls[].hosts` entry is served without ' +
      'its certificate. Mirrors the TLS part of the Azure Policy "Kubernetes clusters should be accessible only over HTTPS".',
    kinds: ['Ingress'],
    references: [
      {
        source: 'Azure Policy',
        id: '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d',
        title: 'Kubernetes clusters should be accessible only over HTTPS',
      },
      { source: 'Kubernetes', title: 'Ingress: TLS', url: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls' },
      {
        source: 'AKS',
        title: 'Set up TLS for the application routing add-on',
        url: 'https://learn.microsoft.com/azure/aks/app-routing-dns-ssl',
      },
    ],
  },
  check(object, ctx) {
    if (!isKind(object, 'Ingress', INGRESS_GROUPS)) return;
    const spec = isRecord(object.spec) ? object.spec : {};
    const tls = Array.isArray(spec.tls) ? spec.tls.filter(isRecord) : [];
    if (tls.length === 0) {
      ctx.report({
        path: ['spec', 'tls'],
        message: `${objectLabel(object)} has no tls section and serves plain HTTP; add spec.tls with a certificate Secret for its hosts.`,
      });
      return;
    }
    // A tls entry without hosts uses the controller's default certificate for every host.
    if (tls.some((entry) => !Array.isArray(entry.hosts) || entry.hosts.length === 0)) return;
    const certificateHosts = tls.flatMap((entry) => (entry.hosts as unknown[]).filter((host): host is string => typeof host === 'string'));
    if (!Array.isArray(spec.rules)) return;
    spec.rules.forEach((rule, index) => {
      if (!isRecord(rule) || typeof rule.host !== 'string' || rule.host === '') return;
      const host = rule.host;
      if (certificateHosts.some((certificateHost) => tlsHostCovers(certificateHost, host))) return;
      ctx.report({
        path: ['spec', 'rules', index, 'host'],
        message: `${objectLabel(object)} routes host "${host}", which no tls entry covers, so it is served without its certificate; add it to spec.tls[].hosts.`,
      });
    });
  },
});
