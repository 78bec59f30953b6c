// Turns loaded Gatekeeper constraints into rules with the id `<Kind>/<name>`, so that the engine positions, suppresses
// and overrides their findings like any other.
import type { KubeObject, PodSpecRef, Rule, RuleContext } from '../../engine/types';
import type { KindContext } from './kinds/kind';
import { CONSTRAINT_KINDS } from './kinds/index';
import { matches, targetOf, type MatchTarget } from './match';
import { constraintId, SEVERITY_OF_ACTION, type ConstraintData, type ConstraintSet } from './types';

const LIBRARY_URL = 'https://open-policy-agent.github.io/gatekeeper-library/website/';

function constraintRule(constraint: ConstraintData): Rule<any> | undefined {
  const kind = CONSTRAINT_KINDS.get(constraint.kind);
  if (!kind) return undefined;
  const id = constraintId(constraint);
  return {
    meta: {
      id,
      severity: SEVERITY_OF_ACTION[constraint.enforcementAction],
      category: 'hardening',
      description: `Gatekeeper constraint ${id} (${constraint.file}).`,
      rationale: 'The cluster\'s admission policy: Gatekeeper denies (or warns about) what this constraint finds.',
      references: [{ source: 'Gatekeeper', title: constraint.kind, url: LIBRARY_URL }],
      crossObject: kind.crossObject,
      constraint: { kind: constraint.kind, name: constraint.name, enforcementAction: constraint.enforcementAction },
    },
    check(object, ctx) {
      const context = { constraint, id, parameters: constraint.parameters, rule: ctx };
      if (kind.target === 'object') {
        if (matches(constraint.match, targetOf(object), ctx.objects)) kind.check(object, context);
        // The workload and the pods it creates are judged each on their own, as admission sees them one by one.
        if (kind.podTemplates && object.kind !== 'Pod') checkPodTemplate(object, ctx, context);
        return;
      }
      const target = podTarget(object, ctx.podSpec(object));
      if (target && matches(constraint.match, target, ctx.objects)) kind.check(object, context);
    },
  };
}

/** Judges a workload's pod template as the Pod it creates (labels and annotations of the pods). */
function checkPodTemplate(object: KubeObject, ctx: RuleContext<any>, context: KindContext): void {
  const podSpec = ctx.podSpec(object);
  const target = podTarget(object, podSpec);
  if (!podSpec || !target || !matches(context.constraint.match, target, ctx.objects)) return;
  const prefix = podSpec.metadataPath.slice(0, -1);
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: podSpec.metadata, spec: podSpec.value };
  const rule: RuleContext<any> = { ...ctx, report: (report) => ctx.report({ ...report, path: [...prefix, ...report.path] }) };
  const subject = `The pods of ${object.kind} "${object.metadata?.name ?? ''}"`;
  CONSTRAINT_KINDS.get(context.constraint.kind)!.check(pod, { ...context, rule, subject });
}

/** A Pod as itself; a workload as the pods its template creates (Gatekeeper judges those when they are created). */
function podTarget(object: KubeObject, podSpec: PodSpecRef | undefined): MatchTarget | undefined {
  const target = targetOf(object);
  if (target.kind === 'Pod' && target.group === '') return target;
  if (!podSpec) return undefined;
  const name = object.metadata?.name;
  return { object, group: '', kind: 'Pod', name: undefined, namePrefix: typeof name === 'string' && name ? `${name}-` : undefined, labels: podSpec.metadata?.labels };
}

const built = new WeakMap<ConstraintSet, Rule<any>[]>();

/** The rules of a constraint set, built once per set (a worker thread builds its own from its copy). */
export function constraintRules(set: ConstraintSet): Rule<any>[] {
  let rules = built.get(set);
  if (!rules) built.set(set, (rules = set.constraints.map(constraintRule).filter((rule): rule is Rule<any> => rule !== undefined)));
  return rules;
}
