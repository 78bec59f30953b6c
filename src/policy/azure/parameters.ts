// What each built-in definition's own parameters mean for the rules that mirror it (the rules come from their
// `references`, not from here). A translation either gives the rule options that carry the parameter, or says why,
// under these values, the cluster does not enforce what the rule checks: the rule is then left as configured.
import { policyRegexError } from '../../model/policy-regex';
import { parseQuantity } from '../../model/quantity';
import { RESTRICTED_VOLUME_TYPES } from '../../model/reference/pod-security';

export interface Translation {
  options?: Record<string, unknown>;
  /** Why the definition, with these parameter values, does not enforce what the rule checks. */
  skip?: string;
  /** What the rule, set, still does not carry of the parameters. */
  note?: string;
}

interface DefinitionParameters {
  /** The parameters translated here; any other non-default one is named in the note as not mirrored. */
  handled: readonly string[];
  translate(parameters: Record<string, unknown>, ruleId: string): Translation;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** A list parameter carried as the rule option of the same meaning; unset keeps the rule's (preset's) list. */
function listOption(parameters: Record<string, unknown>, parameter: string, option: string): Translation {
  const value = parameters[parameter];
  if (value === undefined) return {};
  const list = strings(value);
  return list ? { options: { [option]: list } } : { skip: `${parameter} ${show(value)} is not a list of strings` };
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

export const DEFINITION_PARAMETERS: Record<string, DefinitionParameters> = {
  // Kubernetes cluster containers should only use allowed images
  'febd0533-8e55-448f-b837-bd0e06f16469': {
    handled: ['allowedContainerImagesRegex'],
    translate(parameters) {
      const regex = parameters.allowedContainerImagesRegex;
      if (typeof regex !== 'string' || regex === '') return { skip: 'allowedContainerImagesRegex has no value' };
      const error = policyRegexError(regex);
      if (error) return { skip: `allowedContainerImagesRegex ${show(regex)} does not compile (${error})` };
      // The assignment's pattern replaces the preset's registry globs.
      return { options: { regex, registries: [] } };
    },
  },
  // Kubernetes cluster containers should only use allowed capabilities
  'c26596ff-4d70-4e6a-9a30-c2506bd2f80c': {
    handled: ['allowedCapabilities', 'requiredDropCapabilities'],
    translate(parameters, ruleId) {
      const allowed = strings(parameters.allowedCapabilities);
      if (!allowed) return { skip: `allowedCapabilities ${show(parameters.allowedCapabilities)} is not a list of capabilities` };
      if (ruleId === 'drop-all-capabilities') {
        const drop = strings(parameters.requiredDropCapabilities) ?? [];
        if (!drop.some((capability) => capability.toUpperCase() === 'ALL')) {
          return { skip: drop.length ? `requiredDropCapabilities is ${drop.join(', ')}, not ALL` : 'requiredDropCapabilities is empty: dropping is not required' };
        }
      }
      return { options: { allowedCapabilities: allowed } };
    },
  },
  // Kubernetes cluster containers CPU and memory resource limits should not exceed the specified limits
  'e345eecc-fa47-480f-9e88-67dcc122b164': {
    handled: ['cpuLimit', 'memoryLimit'],
    translate(parameters) {
      const options: Record<string, unknown> = { cpu: true };
      for (const [name, option] of [
        ['cpuLimit', 'maxCpu'],
        ['memoryLimit', 'maxMemory'],
      ] as const) {
        const value = parameters[name];
        if (value === undefined) continue;
        if (typeof value !== 'string' || parseQuantity(value) === undefined) return { skip: `${name} ${show(value)} is not a quantity` };
        options[option] = value;
      }
      return { options };
    },
  },
  // Ensure cluster containers have readiness or liveness probes configured
  'b1a9997f-2883-4f12-bdff-2280f99b5915': {
    handled: ['requiredProbes'],
    translate(parameters) {
      const required = strings(parameters.requiredProbes);
      if (!required) return { skip: `requiredProbes ${show(parameters.requiredProbes)} is not a list of probes` };
      return { options: { required } };
    },
  },
  // Kubernetes cluster pods should only use approved host network and port range
  '82985f06-dc18-4a48-bc1c-b9f4f0098cfe': {
    handled: ['allowHostNetwork', 'allowedHostPorts'],
    translate(parameters, ruleId) {
      if (ruleId === 'no-host-network' && parameters.allowHostNetwork === true) return { skip: 'allowHostNetwork is true' };
      const ports = parameters.allowedHostPorts;
      if (ruleId === 'no-host-ports' && Array.isArray(ports) && ports.length) return { skip: `allowedHostPorts allows ${show(ports)} (no-host-ports reports every host port)` };
      return {};
    },
  },
  // Kubernetes cluster pod hostPath volumes should only use allowed host paths
  '098fc59e-46c7-4d99-9b16-64990e543d75': {
    handled: ['allowedHostPaths', 'windowsAllowedHostPaths'],
    translate(parameters, ruleId) {
      const paths = (parameters.allowedHostPaths as { paths?: unknown } | undefined)?.paths;
      if (!Array.isArray(paths) || !paths.length) return { options: ruleId === 'no-host-path' ? { level: 'baseline' } : {} };
      const entries = paths.filter((entry): entry is { pathPrefix: string; readOnly?: unknown } => typeof (entry as { pathPrefix?: unknown })?.pathPrefix === 'string');
      if (entries.length !== paths.length) return { skip: `allowedHostPaths ${show(paths)} is not a list of { pathPrefix, readOnly }` };
      // no-host-path carries the list; the narrower rules keep their fixed paths, which the list may allow.
      if (ruleId !== 'no-host-path') return { skip: `allowedHostPaths allows ${show(paths)} (${ruleId} reports its own paths)` };
      return {
        options: {
          level: 'baseline',
          allowedPaths: entries.filter((entry) => entry.readOnly !== true).map((entry) => entry.pathPrefix),
          readOnlyPaths: entries.filter((entry) => entry.readOnly === true).map((entry) => entry.pathPrefix),
        },
      };
    },
  },
  // Kubernetes cluster containers should only use allowed ProcMountType
  'f85eb0dd-92ee-40e9-8a76-db25a507d6d3': {
    handled: ['procMountType'],
    translate(parameters) {
      return parameters.procMountType === 'Unmasked' ? { skip: 'procMountType is Unmasked' } : {};
    },
  },
  // Kubernetes cluster pods and containers should only run with approved user and group IDs
  'f06ddb64-5fa3-4b77-b166-acb36f7f6042': {
    handled: ['runAsUserRule', 'runAsUserRanges'],
    translate(parameters, ruleId) {
      // run-as-high-uid's floor of 10000 is kubeguard's own hardening; no value of this definition says it.
      if (ruleId === 'run-as-high-uid') return { skip: 'the definition sets no UID floor' };
      const rule = parameters.runAsUserRule;
      if (rule === 'MustRunAsNonRoot') return { options: { acceptNonZeroUser: true } };
      return { skip: rule === 'MustRunAs' ? `runAsUserRule MustRunAs with ranges ${show(parameters.runAsUserRanges)} (run-as-non-root checks non-root only)` : `runAsUserRule is ${show(rule)}` };
    },
  },
  // Kubernetes cluster containers should only use allowed seccomp profiles
  '975ce327-682c-4f2e-aa46-b9598289b86c': {
    handled: ['allowedProfiles'],
    translate(parameters) {
      const profiles = strings(parameters.allowedProfiles);
      if (!profiles?.length) return { skip: `allowedProfiles is ${show(parameters.allowedProfiles)}` };
      // Gatekeeper's seccomp template denies a pod that sets no profile unless a wildcard or unconfined is allowed.
      if (profiles.some((profile) => profile === '*' || profile.toLowerCase() === 'unconfined')) return { skip: `allowedProfiles allows ${show(profiles)}` };
      return { options: { require: true } };
    },
  },
  // Kubernetes cluster pods and containers should follow SELinux security standards
  'e1e6c427-07d9-46ab-9689-bfa85431e636': {
    handled: ['enforcePSS', 'allowedSELinuxTypes', 'allowedSELinuxOptions'],
    translate(parameters) {
      // selinux-options checks the PSS rules; without enforcePSS the cluster denies any option outside its own
      // list, so the PSS check is a part of that unless the list allows what PSS forbids.
      const options = (parameters.allowedSELinuxOptions as { options?: unknown } | undefined)?.options;
      if (parameters.enforcePSS !== true && Array.isArray(options) && options.length) return { skip: `allowedSELinuxOptions allows ${show(options)}` };
      return {};
    },
  },
  // Kubernetes cluster pods should only use allowed volume types
  '16697877-1118-4fb1-9b65-9898ec2509ec': {
    handled: ['allowedVolumeTypes'],
    translate(parameters) {
      const types = strings(parameters.allowedVolumeTypes);
      if (!types?.length) return { skip: `allowedVolumeTypes is ${show(parameters.allowedVolumeTypes)}` };
      const beyond = types.filter((type) => !RESTRICTED_VOLUME_TYPES.has(type));
      if (beyond.length) return { skip: `allowedVolumeTypes allows ${beyond.join(', ')}, which restricted-volume-types reports` };
      const missing = [...RESTRICTED_VOLUME_TYPES].filter((type) => !types.includes(type));
      return missing.length ? { note: `allowedVolumeTypes also denies ${missing.join(', ')}, which restricted-volume-types admits` } : {};
    },
  },
  // Kubernetes cluster containers should only use allowed pull policy
  '50c83470-d2f0-4dda-a716-1938a4825f62': {
    handled: ['allowedPullPolicy'],
    translate(parameters) {
      const policies = strings(parameters.allowedPullPolicy);
      // image-pull-policy asks for Always: it mirrors only a cluster that allows nothing else.
      if (policies?.length === 1 && policies[0] === 'Always') return {};
      return { skip: `allowedPullPolicy allows ${show(parameters.allowedPullPolicy)} (image-pull-policy asks for Always)` };
    },
  },
  // Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities
  'd2e7ea85-6b44-4317-a0be-1b951587f626': {
    handled: [],
    translate() {
      return { skip: 'it denies SYS_ADMIN only; no-dangerous-capabilities reports more capabilities' };
    },
  },
  // Kubernetes clusters should not use specific security capabilities
  'a27c700f-8a22-44ec-961c-41625264370b': {
    handled: ['disallowedCapabilities'],
    translate(parameters) {
      return { skip: `it denies ${show(parameters.disallowedCapabilities)} only; no-dangerous-capabilities reports its own list` };
    },
  },
  // Kubernetes cluster services should only use allowed external IPs
  'd46c275d-1680-448d-b2ec-e495a3b6cc89': {
    handled: ['allowedExternalIPs'],
    translate(parameters) {
      const allowed = parameters.allowedExternalIPs;
      return Array.isArray(allowed) && allowed.length ? { skip: `allowedExternalIPs allows ${show(allowed)} (service-external-ips reports every external IP)` } : {};
    },
  },
  // No AKS Specific Labels (allowedUsers/allowedGroups exempt requesters, which a manifest cannot show)
  'a22123bd-b9da-4c86-9424-24903e91fd55': {
    handled: ['labels'],
    translate(parameters) {
      return listOption(parameters, 'labels', 'labels');
    },
  },
  // Reserved System Pool Taints
  '48940d92-ff05-449e-9111-e742d9280451': {
    handled: ['reservedTaints'],
    translate(parameters) {
      return listOption(parameters, 'reservedTaints', 'reservedTaints');
    },
  },
  // Allowed sysctl interfaces
  '5e5a0673-649e-4d50-bf9d-5a387a4e2081': {
    handled: ['allowedSysctls'],
    translate(parameters) {
      return listOption(parameters, 'allowedSysctls', 'allowedSysctls');
    },
  },
  // Kubernetes cluster containers should not use forbidden sysctl interfaces
  '56d0a13f-712f-466b-8416-56fb354fb823': {
    handled: ['forbiddenSysctls'],
    translate(parameters) {
      const forbidden = strings(parameters.forbiddenSysctls);
      // unsafe-sysctls admits only the PSS safe set: that mirrors a cluster forbidding everything else ("*").
      if (forbidden?.includes('*')) return {};
      return { skip: `forbiddenSysctls is ${show(parameters.forbiddenSysctls)} (unsafe-sysctls admits only the PSS safe set)` };
    },
  },
};
