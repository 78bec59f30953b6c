import { POD_WORKLOADS } from '../engine/types';
import { isRecord } from '../model/pod-spec';
import { defineRule } from './utils/define-rule';
import { containerLabel } from './utils/pod-security';

export default defineRule({
  meta: {
    id: 'env-duplicates',
    severity: 'warning',
    category: 'secrets',
    description: 'A container must not set the same environment variable twice.',
    rationale:
      'With duplicate env names the kubelet silently keeps the last one, so the first value is dead configuration that reviewers still read; and server-side apply and strategic merge patches key env by name, so a duplicate makes later patches fail or change the wrong entry. The API server only warns.',
    kinds: POD_WORKLOADS,
    references: [
      { source: 'Kubernetes', title: 'Define Environment Variables for a Container', url: 'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/' },
      { source: 'Kubernetes', title: 'Server-Side Apply: merge strategy (list map keys)', url: 'https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy' },
    ],
  },
  check(object, ctx) {
    for (const container of ctx.containers(object)) {
      const env: unknown = container.value.env;
      if (!Array.isArray(env)) continue;
      const first = new Map<string, number>();
      env.forEach((variable: unknown, index) => {
        if (!isRecord(variable) || typeof variable.name !== 'string') return;
        const earlier = first.get(variable.name);
        if (earlier === undefined) {
          first.set(variable.name, index);
          return;
        }
        ctx.report({
          path: [...container.path, 'env', index, 'name'],
          message: `${containerLabel(container)} sets env "${variable.name}" again (first at env[${earlier}]); only this later value takes effect: remove one of them.`,
        });
      });
    }
  },
});
