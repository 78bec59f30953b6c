// The library's pod-security-policy/ templates (the PodSecurityPolicy fields, as Gatekeeper constraints).
import { isRecord } from '../../../model/pod-spec';
import { containerLabel, containerSecurityPath, securityContextOf } from '../../../rules/utils/pod-security';
import { judgedContainers, listed, stringList, type ConstraintKind } from './kind';

const privileged: ConstraintKind = {
  kind: 'K8sPSPPrivilegedContainer',
  target: 'pod',
  check(object, context) {
    for (const container of judgedContainers(object, context)) {
      if (securityContextOf(container.value)?.privileged === true) {
        context.rule.report({ path: containerSecurityPath(container, 'privileged'), message: `${containerLabel(container)} runs privileged; ${context.id} allows no privileged container.` });
      }
    }
  },
};

const capabilities: ConstraintKind = {
  kind: 'K8sPSPCapabilities',
  target: 'pod',
  check(object, context) {
    const allowedList = stringList(context.parameters.allowedCapabilities);
    const allowed = new Set(allowedList.map((capability) => capability.toLowerCase()));
    const mustDrop = stringList(context.parameters.requiredDropCapabilities).map((capability) => capability.toLowerCase());
    for (const container of judgedContainers(object, context)) {
      const capabilitiesOf = securityContextOf(container.value)?.capabilities;
      const added = isRecord(capabilitiesOf) && Array.isArray(capabilitiesOf.add) ? capabilitiesOf.add : [];
      if (!allowed.has('*')) {
        added.forEach((capability, index) => {
          if (typeof capability === 'string' && !allowed.has(capability.toLowerCase())) {
            context.rule.report({
              path: containerSecurityPath(container, 'capabilities', 'add', index),
              message: `${containerLabel(container)} adds capability ${capability}; ${context.id} allows ${allowedList.length ? `only ${listed(allowedList)}` : 'none'}.`,
            });
          }
        });
      }
      const dropped = new Set((isRecord(capabilitiesOf) && Array.isArray(capabilitiesOf.drop) ? capabilitiesOf.drop : []).filter((item): item is string => typeof item === 'string').map((item) => item.toLowerCase()));
      const missing = mustDrop.filter((capability) => !dropped.has(capability));
      if (missing.length && !dropped.has('all')) {
        const path = isRecord(capabilitiesOf) && capabilitiesOf.drop !== undefined ? containerSecurityPath(container, 'capabilities', 'drop') : containerSecurityPath(container, 'capabilities');
        context.rule.report({ path, message: `${containerLabel(container)} does not drop ${listed(missing.map((item) => item.toUpperCase()))}; ${context.id} requires dropping ${listed(stringList(context.parameters.requiredDropCapabilities))} (or ALL).` });
      }
    }
  },
};

export const POD_SECURITY_KINDS: readonly ConstraintKind[] = [privileged, capabilities];
