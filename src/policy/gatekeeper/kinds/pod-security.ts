// The library's pod-security-policy/ templates (the PodSecurityPolicy fields, as Gatekeeper constraints).
import { isRecord } from '../../../model/pod-spec';
import type { ContainerRef, KubeObject, Path } from '../../../engine/types';
import { hostHandlers } from '../../../rules/utils/host-handlers';
import { hostPathVolumes, isSameOrUnder, normalizeHostPath } from '../../../rules/utils/host-path';
import { containerLabel, containerSecurityPath, securityContextOf, show } from '../../../rules/utils/pod-security';
import { judgedContainers, listed, stringList, truthy, type ConstraintKind, type KindContext } from './kind';

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

function podSecurityContext(object: KubeObject, context: KindContext): { value: Record<string, unknown> | undefined; path: Path } | undefined {
  const podSpec = context.rule.podSpec(object);
  if (!podSpec) return undefined;
  return { value: securityContextOf(podSpec.value), path: [...podSpec.path, 'securityContext'] };
}

/** A container setting a boolean the template requires false (or unset) or true. */
function containerFlag(kind: string, field: 'allowPrivilegeEscalation' | 'readOnlyRootFilesystem', required: boolean, wording: string): ConstraintKind {
  return {
    kind,
    target: 'pod',
    check(object, context) {
      for (const container of judgedContainers(object, context)) {
        const securityContext = securityContextOf(container.value);
        if (securityContext?.[field] === required) continue;
        const path = securityContext && securityContext[field] !== undefined ? containerSecurityPath(container, field) : securityContext ? containerSecurityPath(container) : container.path;
        context.rule.report({ path, message: `${containerLabel(container)} ${wording}; ${context.id} requires securityContext.${field}: ${required}.` });
      }
    },
  };
}

const privilegeEscalation = containerFlag('K8sPSPAllowPrivilegeEscalationContainer', 'allowPrivilegeEscalation', false, 'may escalate privileges');
const readOnlyRootFilesystem = containerFlag('K8sPSPReadOnlyRootFilesystem', 'readOnlyRootFilesystem', true, 'has a writable root filesystem');

const hostNamespace: ConstraintKind = {
  kind: 'K8sPSPHostNamespace',
  target: 'pod',
  check(object, context) {
    const podSpec = context.rule.podSpec(object);
    for (const field of ['hostPID', 'hostIPC'] as const) {
      if (podSpec && truthy(podSpec.value[field])) context.rule.report({ path: [...podSpec.path, field], message: `The pod shares the host's ${field === 'hostPID' ? 'process' : 'IPC'} namespace (${field}); ${context.id} allows neither hostPID nor hostIPC.` });
    }
  },
};

const hostNetworkPorts: ConstraintKind = {
  kind: 'K8sPSPHostNetworkingPorts',
  target: 'pod',
  check(object, context) {
    const podSpec = context.rule.podSpec(object);
    if (!podSpec) return;
    const { min, max } = context.parameters;
    const range = `${typeof min === 'number' ? min : '?'}-${typeof max === 'number' ? max : '?'}`;
    if (context.parameters.hostNetwork !== true && truthy(podSpec.value.hostNetwork)) {
      context.rule.report({ path: [...podSpec.path, 'hostNetwork'], message: `The pod uses the host network; ${context.id} does not allow hostNetwork.` });
    }
    for (const container of judgedContainers(object, context)) {
      (Array.isArray(container.value.ports) ? container.value.ports : []).forEach((port, index) => {
        const hostPort = isRecord(port) ? port.hostPort : undefined;
        if (typeof hostPort !== 'number') return;
        if ((typeof min === 'number' && hostPort < min) || (typeof max === 'number' && hostPort > max)) {
          context.rule.report({ path: [...container.path, 'ports', index, 'hostPort'], message: `${containerLabel(container)} uses host port ${hostPort}; ${context.id} allows host ports ${range} only.` });
        }
      });
    }
  },
};

const hostProbes: ConstraintKind = {
  kind: 'K8sPSPHostProbesLifecycle',
  target: 'pod',
  check(object, context) {
    for (const container of judgedContainers(object, context)) {
      for (const handler of hostHandlers(container)) {
        context.rule.report({ path: handler.path, message: `${containerLabel(container)} ${handler.label} ${handler.action} targets host ${show(handler.host)}; ${context.id} allows probes and hooks on the pod only.` });
      }
    }
  },
};

const hostProcess: ConstraintKind = {
  kind: 'K8sPSPHostProcess',
  target: 'pod',
  check(object, context) {
    const pod = podSecurityContext(object, context);
    const podWindows = pod?.value?.windowsOptions;
    if (isRecord(podWindows) && podWindows.hostProcess === true) {
      context.rule.report({ path: [...pod!.path, 'windowsOptions', 'hostProcess'], message: `The pod runs as a Windows HostProcess; ${context.id} does not allow it.` });
    }
    for (const container of judgedContainers(object, context)) {
      const windows = securityContextOf(container.value)?.windowsOptions;
      if (isRecord(windows) && windows.hostProcess === true) {
        context.rule.report({ path: containerSecurityPath(container, 'windowsOptions', 'hostProcess'), message: `${containerLabel(container)} runs as a Windows HostProcess; ${context.id} does not allow it.` });
      }
    }
  },
};

const procMount: ConstraintKind = {
  kind: 'K8sPSPProcMount',
  target: 'pod',
  check(object, context) {
    const parameter = typeof context.parameters.procMount === 'string' ? context.parameters.procMount.toLowerCase() : 'default';
    if (parameter === 'unmasked') return;
    for (const container of judgedContainers(object, context)) {
      const value = securityContextOf(container.value)?.procMount;
      if (value === undefined || value === null) continue;
      if (typeof value === 'string' && value.toLowerCase() === 'default') continue;
      context.rule.report({ path: containerSecurityPath(container, 'procMount'), message: `${containerLabel(container)} sets procMount ${show(value)}; ${context.id} allows only Default.` });
    }
  },
};

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorName(profile: unknown): string | undefined {
  if (profile === undefined || profile === null) return 'runtime/default';
  if (!isRecord(profile)) return undefined;
  if (profile.type === 'RuntimeDefault') return 'runtime/default';
  if (profile.type === 'Unconfined') return 'unconfined';
  if (profile.type === 'Localhost') return `localhost/${profile.localhostProfile}`;
  return undefined;
}

const appArmor: ConstraintKind = {
  kind: 'K8sPSPAppArmor',
  target: 'pod',
  check(object, context) {
    const podSpec = context.rule.podSpec(object);
    if (!podSpec) return;
    const allowed = stringList(context.parameters.allowedProfiles);
    const annotations = isRecord(podSpec.metadata?.annotations) ? (podSpec.metadata.annotations as Record<string, unknown>) : {};
    for (const container of judgedContainers(object, context)) {
      const own = securityContextOf(container.value)?.appArmorProfile;
      const key = `${APPARMOR_ANNOTATION}${container.value.name}`;
      let profile: string | undefined;
      let path: Path;
      if (own !== undefined && own !== null) {
        profile = appArmorName(own);
        path = containerSecurityPath(container, 'appArmorProfile');
      } else if (annotations[key] !== undefined && annotations[key] !== null && annotations[key] !== false) {
        profile = String(annotations[key]);
        path = [...podSpec.metadataPath, 'annotations', key];
      } else {
        const podProfile = securityContextOf(podSpec.value)?.appArmorProfile;
        profile = appArmorName(podProfile);
        path = podProfile !== undefined ? [...podSpec.path, 'securityContext', 'appArmorProfile'] : container.path;
      }
      if (profile !== undefined && allowed.includes(profile)) continue;
      context.rule.report({ path, message: `${containerLabel(container)} runs with AppArmor profile ${profile ?? 'of an unknown type'}; ${context.id} allows ${listed(allowed)}.` });
    }
  },
};

function matchesPrefixOrExact(patterns: readonly string[], value: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === value || (pattern.endsWith('*') && value.startsWith(pattern.slice(0, -1))));
}

const forbiddenSysctls: ConstraintKind = {
  kind: 'K8sPSPForbiddenSysctls',
  target: 'pod',
  check(object, context) {
    const pod = podSecurityContext(object, context);
    const sysctls = pod?.value && Array.isArray(pod.value.sysctls) ? pod.value.sysctls : [];
    const forbidden = stringList(context.parameters.forbiddenSysctls);
    const allowed = Array.isArray(context.parameters.allowedSysctls) ? stringList(context.parameters.allowedSysctls) : undefined;
    sysctls.forEach((sysctl, index) => {
      const name = isRecord(sysctl) ? sysctl.name : undefined;
      if (typeof name !== 'string') return;
      const path = [...pod!.path, 'sysctls', index, 'name'];
      if (matchesPrefixOrExact(forbidden, name)) context.rule.report({ path, message: `The pod sets sysctl ${name}; ${context.id} forbids ${listed(forbidden)}.` });
      else if (allowed && !matchesPrefixOrExact(allowed, name)) context.rule.report({ path, message: `The pod sets sysctl ${name}; ${context.id} allows only ${listed(allowed)}.` });
    });
  },
};

interface IdRange {
  min: number;
  max: number;
}

function ranges(value: unknown): IdRange[] {
  return Array.isArray(value) ? value.filter((range): range is IdRange => isRecord(range) && typeof range.min === 'number' && typeof range.max === 'number') : [];
}

function inRanges(value: unknown, allowed: readonly IdRange[]): boolean {
  return typeof value === 'number' && allowed.some((range) => value >= range.min && value <= range.max);
}

function rangesText(allowed: readonly IdRange[]): string {
  return allowed.length ? allowed.map((range) => `${range.min}-${range.max}`).join(', ') : 'no range';
}

const fsGroup: ConstraintKind = {
  kind: 'K8sPSPFSGroup',
  target: 'pod',
  check(object, context) {
    const rule = context.parameters.rule;
    if (!truthy(rule) || rule === 'RunAsAny') return;
    const pod = podSecurityContext(object, context);
    if (!pod) return;
    const value = pod.value?.fsGroup;
    const allowed = ranges(context.parameters.ranges);
    if (rule === 'MayRunAs' && (!pod.value || !truthy(value))) return;
    if ((rule === 'MustRunAs' || rule === 'MayRunAs') && inRanges(value, allowed)) return;
    const path = pod.value && value !== undefined ? [...pod.path, 'fsGroup'] : pod.value ? pod.path : pod.path.slice(0, -1);
    context.rule.report({ path, message: `The pod's fsGroup is ${value === undefined ? 'not set' : show(value)}; ${context.id} (${rule}) requires one in ${rangesText(allowed)}.` });
  },
};

const USER_FIELDS = ['runAsUser', 'runAsGroup', 'supplementalGroups', 'fsGroup'] as const;

const allowedUsers: ConstraintKind = {
  kind: 'K8sPSPAllowedUsers',
  target: 'pod',
  check(object, context) {
    const pod = podSecurityContext(object, context);
    for (const container of judgedContainers(object, context)) {
      const own = securityContextOf(container.value);
      // The container's own value, else the pod's (the Rego's get_field_value).
      const valueOf = (field: string): { value: unknown; path: Path } => {
        if (own && own[field] !== undefined && own[field] !== null) return { value: own[field], path: containerSecurityPath(container, field) };
        if (pod?.value && pod.value[field] !== undefined && pod.value[field] !== null) return { value: pod.value[field], path: [...pod.path, field] };
        return { value: undefined, path: own ? containerSecurityPath(container) : container.path };
      };
      for (const field of USER_FIELDS) {
        const parameters = context.parameters[field];
        if (!isRecord(parameters)) continue;
        const rule = parameters.rule;
        const allowed = ranges(parameters.ranges);
        const { value, path } = valueOf(field);
        const report = (why: string) => context.rule.report({ path, message: `${containerLabel(container)} ${why}; ${context.id} requires ${field} ${rule === 'MustRunAsNonRoot' ? 'to be non-zero' : `in ${rangesText(allowed)}`}.` });
        if (field === 'runAsUser') {
          if (value === undefined || value === false) {
            if (rule === 'MustRunAs') report('sets no runAsUser');
            else if (rule === 'MustRunAsNonRoot' && !truthy(valueOf('runAsNonRoot').value)) report('sets neither runAsUser nor runAsNonRoot');
          } else if (rule === 'MustRunAsNonRoot' ? value === 0 : rule === 'MustRunAs' ? !inRanges(value, ranges(parameters.ranges)) : rule !== 'RunAsAny') {
            report(`runs as user ${show(value)}`);
          }
          continue;
        }
        if (value === undefined || value === false) {
          if (rule === 'MustRunAs') report(`sets no ${field}`);
          continue;
        }
        if (rule === 'RunAsAny') continue;
        const values = Array.isArray(value) ? value : [value];
        const outside = values.filter((item) => !((rule === 'MustRunAs' || rule === 'MayRunAs') && inRanges(item, allowed)));
        if (outside.length) report(`sets ${field} ${outside.map(show).join(', ')}`);
      }
    }
  },
};

const flexVolumes: ConstraintKind = {
  kind: 'K8sPSPFlexVolumes',
  target: 'pod',
  check(object, context) {
    const podSpec = context.rule.podSpec(object);
    const drivers = (Array.isArray(context.parameters.allowedFlexVolumes) ? context.parameters.allowedFlexVolumes : []).map((entry) => (isRecord(entry) ? entry.driver : undefined));
    (Array.isArray(podSpec?.value.volumes) ? podSpec!.value.volumes : []).forEach((volume, index) => {
      const flex = isRecord(volume) ? (volume as Record<string, unknown>).flexVolume : undefined;
      if (!truthy(flex)) return;
      const driver = isRecord(flex) ? flex.driver : undefined;
      if (drivers.includes(driver)) return;
      context.rule.report({ path: [...podSpec!.path, 'volumes', index, 'flexVolume', ...(isRecord(flex) && flex.driver !== undefined ? ['driver'] : [])], message: `Volume uses FlexVolume driver ${show(driver)}; ${context.id} allows ${listed(drivers.filter((item) => item !== undefined))}.` });
    });
  },
};

const volumeTypes: ConstraintKind = {
  kind: 'K8sPSPVolumeTypes',
  target: 'pod',
  check(object, context) {
    const podSpec = context.rule.podSpec(object);
    const allowed = stringList(context.parameters.volumes);
    if (allowed.includes('*')) return;
    (Array.isArray(podSpec?.value.volumes) ? podSpec!.value.volumes : []).forEach((volume, index) => {
      if (!isRecord(volume)) return;
      for (const type of Object.keys(volume)) {
        if (type === 'name' || allowed.includes(type)) continue;
        context.rule.report({ path: [...podSpec!.path, 'volumes', index, type], message: `Volume ${show((volume as Record<string, unknown>).name)} is of type ${type}; ${context.id} allows ${listed(allowed)}.` });
      }
    });
  },
};

const hostFilesystem: ConstraintKind = {
  kind: 'K8sPSPHostFilesystem',
  target: 'pod',
  check(object, context) {
    const allowed = (Array.isArray(context.parameters.allowedHostPaths) ? context.parameters.allowedHostPaths : []).filter(isRecord);
    const containers = context.rule.containers(object);
    // Whole path segments, as the library's path_matches (/foo allows /foo/bar, not /foobar), on normalised paths
    // (the host-path rules' normalisation: /foo/../etc is /etc, as the node resolves it).
    for (const volume of hostPathVolumes(context.rule.podSpec(object))) {
      const writable = containers.some((container) => (Array.isArray(container.value.volumeMounts) ? container.value.volumeMounts : []).some((mount) => isRecord(mount) && mount.name === volume.name && !truthy(mount.readOnly)));
      const permitted = allowed.some((entry) => typeof entry.pathPrefix === 'string' && isSameOrUnder(volume.normalized, normalizeHostPath(entry.pathPrefix)) && (entry.readOnly !== true || !writable));
      if (permitted) continue;
      const prefixes = allowed.map((entry) => `${entry.pathPrefix}${entry.readOnly === true ? ' (read-only)' : ''}`);
      context.rule.report({ path: volume.reportPath, message: `Volume ${show(volume.name)} mounts host path ${volume.path}${writable ? ' writable' : ''}; ${context.id} allows ${prefixes.length ? prefixes.join(', ') : 'no host path'}.` });
    }
  },
};

const seLinux: ConstraintKind = {
  kind: 'K8sPSPSELinuxV2',
  target: 'pod',
  check(object, context) {
    const allowed = (Array.isArray(context.parameters.allowedSELinuxOptions) ? context.parameters.allowedSELinuxOptions : []).filter(isRecord);
    const permitted = (options: unknown) => allowed.some((entry) => ['level', 'role', 'type', 'user'].every((field) => !isRecord(options) || !truthy(options[field]) || entry[field] === options[field]));
    const pod = podSecurityContext(object, context);
    if (pod?.value && truthy(pod.value.seLinuxOptions) && !permitted(pod.value.seLinuxOptions)) {
      context.rule.report({ path: [...pod.path, 'seLinuxOptions'], message: `The pod's seLinuxOptions are not among those ${context.id} allows.` });
    }
    for (const container of judgedContainers(object, context)) {
      const options = securityContextOf(container.value)?.seLinuxOptions;
      if (truthy(options) && !permitted(options)) context.rule.report({ path: containerSecurityPath(container, 'seLinuxOptions'), message: `${containerLabel(container)} sets seLinuxOptions that ${context.id} does not allow.` });
    }
  },
};


const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

interface FoundProfile {
  /** The profile's type (v2) or canonical name (v1: runtime/default, localhost/<file>...). */
  profile: string;
  file: string;
  path: Path;
}

function seccompProfileAt(object: KubeObject, context: KindContext, container: ContainerRef): { profile: Record<string, unknown>; path: Path } | { none: Path } {
  const own = securityContextOf(container.value)?.seccompProfile;
  if (truthy(own)) return { profile: isRecord(own) ? own : {}, path: containerSecurityPath(container, 'seccompProfile') };
  const pod = podSecurityContext(object, context);
  const podProfile = pod?.value?.seccompProfile;
  if (truthy(podProfile)) return { profile: isRecord(podProfile) ? podProfile : {}, path: [...pod!.path, 'seccompProfile'] };
  return { none: container.path };
}

/** K8sPSPSeccomp (v1): profile names as the old annotations spell them; fields are translated to those names. */
const seccomp: ConstraintKind = {
  kind: 'K8sPSPSeccomp',
  target: 'pod',
  check(object, context) {
    const allowedProfiles = stringList(context.parameters.allowedProfiles);
    if (allowedProfiles.includes('*')) return;
    const podSpec = context.rule.podSpec(object);
    if (!podSpec) return;
    const files = stringList(context.parameters.allowedLocalhostFiles);
    const canonical = (profile: Record<string, unknown>, runtimeDefault: string | undefined): string[] => {
      if (profile.type === 'RuntimeDefault') return runtimeDefault ? [runtimeDefault] : ['runtime/default', 'docker/default'];
      if (profile.type === 'Localhost') return [`localhost/${profile.localhostProfile}`];
      if (profile.type === 'Unconfined') return ['unconfined'];
      return [];
    };
    const allowed = new Set(allowedProfiles);
    for (const profile of allowedProfiles) if (!profile.includes('/')) for (const file of files) for (const name of canonical({ type: profile, localhostProfile: file }, undefined)) allowed.add(name);
    const runtimeDefault = allowed.has('runtime/default') ? 'runtime/default' : allowedProfiles.includes('docker/default') ? 'docker/default' : 'runtime/default';
    const annotations = isRecord(podSpec.metadata?.annotations) ? (podSpec.metadata.annotations as Record<string, unknown>) : {};
    const annotation = (key: string) => (truthy(annotations[key]) ? String(annotations[key]) : undefined);
    for (const container of judgedContainers(object, context)) {
      const field = seccompProfileAt(object, context, container);
      let found: FoundProfile | undefined;
      if ('profile' in field) {
        const [name] = canonical(field.profile, runtimeDefault);
        if (name !== undefined) found = { profile: name, file: '', path: field.path };
      } else {
        const key = `${SECCOMP_CONTAINER_ANNOTATION}${container.value.name}`;
        const value = annotation(key) ?? annotation(SECCOMP_POD_ANNOTATION);
        const at = annotation(key) !== undefined ? key : SECCOMP_POD_ANNOTATION;
        found = value !== undefined ? { profile: value, file: '', path: [...podSpec.metadataPath, 'annotations', at] } : { profile: 'not configured', file: '', path: field.none };
      }
      if (!found) continue;
      const ok = allowed.has(found.profile) || (found.profile.startsWith('localhost/') && allowed.has('localhost/*'));
      if (!ok) context.rule.report({ path: found.path, message: `${containerLabel(container)} seccomp profile is ${found.profile}; ${context.id} allows ${listed([...allowed])}.` });
    }
  },
};

const seccompV2: ConstraintKind = {
  kind: 'K8sPSPSeccompV2',
  target: 'pod',
  check(object, context) {
    const allowedProfiles = stringList(context.parameters.allowedProfiles);
    if (allowedProfiles.includes('*')) return;
    const files = Array.isArray(context.parameters.allowedLocalhostFiles) ? stringList(context.parameters.allowedLocalhostFiles) : [''];
    for (const container of judgedContainers(object, context)) {
      const field = seccompProfileAt(object, context, container);
      let found: FoundProfile | undefined;
      if ('profile' in field) {
        if (typeof field.profile.type === 'string') found = { profile: field.profile.type, file: typeof field.profile.localhostProfile === 'string' ? field.profile.localhostProfile : '', path: field.path };
      } else found = { profile: 'not configured', file: '', path: field.none };
      if (!found) continue;
      const ok =
        found.profile === 'Localhost'
          ? allowedProfiles.includes('Localhost') && (files.includes('*') || files.includes(found.file))
          : allowedProfiles.includes(found.profile);
      if (!ok) {
        const what = found.profile === 'Localhost' ? `Localhost (${found.file})` : found.profile;
        context.rule.report({ path: found.path, message: `${containerLabel(container)} seccomp profile is ${what}; ${context.id} allows ${listed(allowedProfiles)}${allowedProfiles.includes('Localhost') ? ` (Localhost files: ${listed(files)})` : ''}.` });
      }
    }
  },
};

export const POD_SECURITY_KINDS: readonly ConstraintKind[] = [
  privileged,
  capabilities,
  privilegeEscalation,
  readOnlyRootFilesystem,
  hostNamespace,
  hostNetworkPorts,
  hostProbes,
  hostProcess,
  procMount,
  appArmor,
  forbiddenSysctls,
  fsGroup,
  allowedUsers,
  flexVolumes,
  volumeTypes,
  hostFilesystem,
  seLinux,
  seccomp,
  seccompV2,
];
