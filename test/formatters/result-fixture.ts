// A fixed LintResult for the formatter tests: plain findings, awkward characters, a parse-error, a clean file, and
// findings from a Helm render (origin file only) and a Kustomize build (origin with a position).
import { ruleMap } from '../../src/api';
import type { Finding, LintResult } from '../../src/engine/types';
import type { FormatterContext } from '../../src/formatters/types';

export const DOCS = 'https://docs.example.test/rules/';

export function context(overrides: Partial<FormatterContext> = {}): FormatterContext {
  return {
    cwd: '/work/repo',
    color: false,
    version: '1.2.3',
    rules: new Map([...ruleMap].map(([id, rule]) => [id, rule.meta])),
    docsUrl: (id) => `${DOCS}${id}.md`,
    ...overrides,
  };
}

export const privileged: Finding = {
  file: 'deploy/web.yaml',
  line: 12,
  column: 13,
  endLine: 12,
  endColumn: 23,
  ruleId: 'no-privileged',
  severity: 'error',
  message: 'Container "web" runs privileged.',
  object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'prod' },
  path: 'spec.template.spec.containers[0].securityContext.privileged',
};

export const readOnly: Finding = {
  file: 'deploy/web.yaml',
  line: 10,
  column: 11,
  endLine: 10,
  endColumn: 26,
  ruleId: 'read-only-root-filesystem',
  severity: 'warning',
  message: 'Container "web" does not set readOnlyRootFilesystem: true.',
  object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'prod' },
  path: 'spec.template.spec.containers[0].securityContext',
};

/** Characters every format must escape: %, :, commas, quotes, markup, a line break and a control character. */
export const awkward: Finding = {
  file: 'deploy/odd name, 50%.yaml',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 10,
  ruleId: 'image-digest',
  severity: 'info',
  message: 'Image "a<b>&c" is 100%: mutable, "pinned" never\nsecond line\u0007',
  object: { apiVersion: 'v1', kind: 'Pod', name: 'odd' },
  path: 'spec.containers[0].image',
};

export const broken: Finding = {
  file: 'broken.yaml',
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 2,
  ruleId: 'parse-error',
  severity: 'error',
  message: 'Implicit keys need to be on a single line',
};

/** From `helm template`: the template is known, the line in it is not. */
export const helm: Finding = {
  file: 'rendered.yaml',
  line: 40,
  column: 11,
  endLine: 40,
  endColumn: 19,
  ruleId: 'no-host-network',
  severity: 'error',
  message: 'Pod template of Deployment "api" uses the host network.',
  object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'prod' },
  path: 'spec.template.spec.hostNetwork',
  origin: { file: 'charts/api/templates/deployment.yaml', via: 'helm' },
};

/** From `kustomize build`: the base file and the key's position in it. */
export const kustomize: Finding = {
  file: 'overlays/prod',
  line: 77,
  column: 9,
  endLine: 77,
  endColumn: 17,
  ruleId: 'no-host-pid',
  severity: 'error',
  message: 'Pod template of Deployment "worker" shares the host PID namespace.',
  object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker', namespace: 'prod' },
  path: 'spec.template.spec.hostPID',
  origin: { file: 'base/worker.yaml', line: 21, column: 7, via: 'kustomize' },
};

export function lintResult(findings: Finding[], files: string[] = []): LintResult {
  const count = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
  const sources = new Map<string, string>();
  for (const file of [...findings.map((finding) => finding.file), ...files]) sources.set(file, '');
  return {
    findings,
    sources,
    summary: { files: sources.size, objects: 7, errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: 0 },
  };
}

/** Every kind of finding, in the engine's order (file, line, column), plus a clean file. */
export function everything(): LintResult {
  return lintResult([broken, awkward, readOnly, privileged, kustomize, helm], ['clean.yaml']);
}
