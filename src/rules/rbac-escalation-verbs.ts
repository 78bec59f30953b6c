import { appliesTo, ESCALATION_PERMISSIONS } from '../model/reference/rbac-escalation';
import type { Path } from '../engine/types';
import { defineRule } from './utils/define-rule';
import {
  describeObject,
  groupItems,
  isRbacObject,
  policyRules,
  resourceItems,
  ROLE_KINDS,
  stringItems,
  verbItems,
  type StringItem,
} from './utils/policy-rules';

interface Offence {
  path: Path;
  /** resource -> verbs granted on it */
  grants: Map<string, Set<string>>;
  risks: Set<string>;
}

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    severity: 'error',
    category: 'rbac',
    description:
      'Roles and ClusterRoles must not grant escalate, bind, impersonate, exec/attach, token creation, nodes/proxy or CSR approval.',
    rationale:
      'These permissions let a subject go beyond its own role: write or bind roles with more rights (escalate, bind), ' +
      'act as another identity (impersonate), run commands in pods and take their tokens (pods/exec, pods/attach), ' +
      'mint service account tokens, reach the kubelet API directly (nodes/proxy) or issue client certificates for any ' +
      'user (CSR approval). Wildcards grant them too.',
    kinds: ROLE_KINDS,
    references: [
      {
        source: 'Kubernetes',
        title: 'RBAC good practices: privilege escalation risks',
        url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
      },
      { source: 'CIS', id: '5.1.8', title: 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster' },
      {
        source: 'Kubernetes',
        title: 'Certificate signing requests: authorization',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
      },
    ],
  },
  check(object, ctx) {
    if (!isRbacObject(object)) return;
    for (const rule of policyRules(object)) {
      const offences = new Map<string, Offence>();
      const add = (item: StringItem, resource: string, verbs: string[], risk: string) => {
        const key = item.path.join('.');
        let offence = offences.get(key);
        if (!offence) {
          offence = { path: item.path, grants: new Map(), risks: new Set() };
          offences.set(key, offence);
        }
        const granted = offence.grants.get(resource) ?? new Set<string>();
        verbs.forEach((verb) => granted.add(verb));
        offence.grants.set(resource, granted);
        offence.risks.add(risk);
      };
      for (const permission of ESCALATION_PERMISSIONS) {
        if (!appliesTo(permission, ctx.kubernetesVersion)) continue;
        if (groupItems(rule, permission.group).length === 0) continue;
        // Verb items that grant the permission, and the verbs they grant (`*` grants each dangerous verb by name).
        const verbs: StringItem[] = [];
        const grantedVerbs = new Set<string>();
        if (permission.verbs === 'any') {
          for (const item of stringItems(rule, 'verbs')) {
            verbs.push(item);
            grantedVerbs.add(item.value);
          }
        } else {
          for (const verb of permission.verbs) {
            for (const item of verbItems(rule, verb)) {
              if (!verbs.includes(item)) verbs.push(item);
              grantedVerbs.add(verb);
            }
          }
        }
        if (verbs.length === 0) continue;
        for (const resource of permission.resources) {
          const resources = resourceItems(rule, resource);
          if (resources.length === 0) continue;
          const offending = permission.reportAt === 'verb' ? verbs : resources;
          for (const item of offending) add(item, resource, [...grantedVerbs], permission.risk);
        }
      }
      for (const offence of offences.values()) {
        // "impersonate on users/groups/serviceaccounts, create on pods/exec"
        const byVerbs = new Map<string, string[]>();
        for (const [resource, verbs] of offence.grants) {
          const key = [...verbs].join('/');
          byVerbs.set(key, [...(byVerbs.get(key) ?? []), resource]);
        }
        const grants = [...byVerbs].map(([verbs, resources]) => `${verbs} on ${resources.join('/')}`).join(', ');
        const risk = offence.risks.size === 1 ? [...offence.risks][0] : 'opens several privilege escalation paths';
        ctx.report({
          path: offence.path,
          message: `${describeObject(object)} grants ${grants} (rules[${rule.index}]), which ${risk}; remove the permission or move it to a tightly bound role.`,
        });
      }
    }
  },
});
