// Matching patches and transformers to a built object.
import type { KubeObject, Path } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { translatePath, valueAt, type SourcePosition } from '../origin';
import type { KustomizeGraph, Kustomization } from './graph';

export function compileName(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

/** A name in a patch or target, against a built name that may carry a prefix, suffix or generator hash. */
/** A strategic merge patch without a target names its object: kind and name (the name before later prefixes and suffixes). */
export function namesItsTarget(patchDoc: Record<string, unknown>, object: KubeObject, name: string): boolean {
  const patchName = isRecord(patchDoc.metadata) && typeof patchDoc.metadata.name === 'string' ? patchDoc.metadata.name : undefined;
  return patchDoc.kind === object.kind && !!patchName && nameMatches(patchName, name);
}

export function nameMatches(pattern: string, built: string): boolean {
  if (pattern === built || built.includes(pattern)) return true;
  if (compileName(pattern)?.test(built)) return true;
  // A regex written for the base name, before a later namePrefix/nameSuffix: search instead of a full match.
  try {
    return new RegExp(pattern).test(built);
  } catch {
    return false;
  }
}

function labelsOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, label]) => [key, String(label)]));
}

/** A label selector string (`app=web,tier in (a,b),!legacy`) against labels; an unreadable selector matches. */
export function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  const requirements = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  for (const raw of requirements) {
    const requirement = raw.trim();
    if (!requirement) continue;
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(requirement))) {
      const [, key, op, value] = match;
      if (op === '!=' ? labels[key] === value : labels[key] !== value) return false;
    } else if ((match = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(requirement))) {
      const values = match[3].split(',').map((value) => value.trim());
      const has = match[1] in labels && values.includes(labels[match[1]]);
      if (match[2] === 'in' ? !has : has) return false;
    } else if ((match = /^!\s*([\w./-]+)$/.exec(requirement))) {
      if (match[1] in labels) return false;
    } else if ((match = /^([\w./-]+)$/.exec(requirement))) {
      if (!(match[1] in labels)) return false;
    }
  }
  return true;
}

export function targetMatches(target: Record<string, unknown>, object: KubeObject): boolean {
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  const namespace = typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : '';
  const [group, version] = typeof object.apiVersion === 'string' && object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion ?? ''];
  const pattern = (value: unknown, actual: string) => typeof value !== 'string' || compileName(value)?.test(actual) !== false;
  if (typeof target.kind === 'string' && !pattern(target.kind, String(object.kind))) return false;
  if (typeof target.group === 'string' && target.group !== group) return false;
  if (typeof target.version === 'string' && target.version !== version) return false;
  if (typeof target.name === 'string' && !nameMatches(target.name, name)) return false;
  if (typeof target.namespace === 'string' && namespace && !pattern(target.namespace, namespace)) return false;
  if (typeof target.labelSelector === 'string' && !selectorMatches(target.labelSelector, labelsOf(object.metadata?.labels))) return false;
  if (typeof target.annotationSelector === 'string' && !selectorMatches(target.annotationSelector, labelsOf(object.metadata?.annotations))) return false;
  return true;
}

/** JSON pointer (`/spec/containers/0/image`) to path segments, numbers where the built object has a list. */
export function pointerPath(pointer: string, built: unknown): Path | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const path: Array<string | number> = [];
  let node = built;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = segment === '-' ? node.length - 1 : Number(segment);
      if (!Number.isInteger(index)) return undefined;
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = isRecord(node) ? node[segment] : undefined;
    }
  }
  return path;
}

export interface Candidate {
  /** Matched segments of the reported path. */
  depth: number;
  file: string;
  position: SourcePosition;
  /** The value the candidate sets at the reported path, when it reaches it. */
  value?: unknown;
}

/** Where each patch of `k` that targets `object` sets the deepest part of `path`. */
export function patchCandidates(graph: KustomizeGraph, k: Kustomization, object: KubeObject, path: Path): Candidate[] {
  const candidates: Candidate[] = [];
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  for (const patch of graph.patches(k)) {
    if (patch.target && !targetMatches(patch.target, object)) continue;
    for (const document of patch.documents) {
      if (Array.isArray(document.value)) {
        // JSON 6902: an op whose pointer is a prefix of the path sets it (or a parent of it) through `value`.
        if (!patch.target) continue;
        document.value.forEach((op, opIndex) => {
          if (!isRecord(op) || (op.op !== 'add' && op.op !== 'replace') || typeof op.path !== 'string') return;
          const pointer = pointerPath(op.path, object);
          if (!pointer || pointer.length > path.length || pointer.some((segment, index) => String(segment) !== String(path[index]))) return;
          const rest = path.slice(pointer.length);
          const translated = translatePath(valueAt(object, pointer), op.value, rest);
          const depth = pointer.length + translated.depth;
          const position = document.locate([opIndex, 'value', ...translated.path]);
          candidates.push({ depth, file: patch.file, position, value: translated.depth === rest.length ? valueAt(op.value, translated.path) : undefined });
        });
        continue;
      }
      if (!isRecord(document.value)) continue;
      const patchDoc = document.value;
      if (!patch.target && !namesItsTarget(patchDoc, object, name)) continue;
      const translated = translatePath(object, patchDoc, path);
      if (translated.depth === 0) continue;
      candidates.push({
        depth: translated.depth,
        file: patch.file,
        position: document.locate(translated.path),
        value: translated.depth === path.length ? valueAt(patchDoc, translated.path) : undefined,
      });
    }
  }
  return candidates;
}

function imageName(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** The kustomization field of a transformer that explains a value the resource does not have (images, namePrefix...). */
export function transformerEntry(k: Kustomization, object: KubeObject, path: Path, sourceValue: unknown): Path | undefined {
  const { data } = k;
  const last = path[path.length - 1];
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'name') {
    if (data.namePrefix !== undefined) return ['namePrefix'];
    if (data.nameSuffix !== undefined) return ['nameSuffix'];
  }
  if (last === 'namespace' && data.namespace !== undefined) return ['namespace'];
  if (last === 'image' && Array.isArray(data.images)) {
    const names = [imageName(sourceValue), imageName(valueAt(object, path))];
    const index = data.images.findIndex((entry) => isRecord(entry) && typeof entry.name === 'string' && names.includes(entry.name));
    if (index >= 0) {
      const entry = data.images[index] as Record<string, unknown>;
      const key = ['digest', 'newTag', 'newName'].find((field) => entry[field] !== undefined);
      return key ? ['images', index, key] : ['images', index];
    }
  }
  const labelKey = path.includes('labels') || path.includes('matchLabels') || path.includes('selector') ? path[path.length - 1] : undefined;
  if (labelKey !== undefined) {
    if (isRecord(data.commonLabels)) return typeof labelKey === 'string' && Object.hasOwn(data.commonLabels, labelKey) ? ['commonLabels', labelKey] : ['commonLabels'];
    if (Array.isArray(data.labels)) {
      const index = data.labels.findIndex((entry) => isRecord(entry) && isRecord(entry.pairs) && typeof labelKey === 'string' && Object.hasOwn(entry.pairs, labelKey));
      if (index >= 0) return ['labels', index, 'pairs', labelKey];
    }
  }
  if (path.includes('annotations') && isRecord(data.commonAnnotations)) {
    return typeof last === 'string' && Object.hasOwn(data.commonAnnotations, last) ? ['commonAnnotations', last] : ['commonAnnotations'];
  }
  if (path.length === 2 && path[0] === 'spec' && path[1] === 'replicas' && Array.isArray(data.replicas)) {
    const name = String(object.metadata?.name ?? '');
    const index = data.replicas.findIndex((entry) => isRecord(entry) && typeof entry.name === 'string' && nameMatches(entry.name, name));
    if (index >= 0) return ['replicas', index, 'count'];
  }
  return undefined;
}
