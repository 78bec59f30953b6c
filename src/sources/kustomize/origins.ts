// Origins of built objects: the file, line and column a person edits; where a fix of a built value belongs.
import { dirname, resolve } from 'node:path';
import type { KubeObject, Origin, Path } from '../../engine/types';
import { isRecord } from '../../model/pod-spec';
import { displayFile, existingDepth, positionIn, sameScalar, translatePath, valueAt, type SourcePosition } from '../origin';
import type { BuiltDocumentInfo } from './annotations';
import type { KustomizeGraph, Kustomization } from './graph';
import { nameMatches, patchCandidates, pointerPath, targetMatches, namesItsTarget, transformerEntry, type Candidate } from './targets';


export interface OriginContext {
  cwd: string;
  graph: KustomizeGraph;
  wrapperDir: string;
}

export function kustomizationPosition(k: Kustomization, entry: Path): SourcePosition | undefined {
  if (!k.document) return undefined;
  return positionIn(k.source, k.document, entry);
}

/**
 * The origin of `path` in a built object: the resource file when the value is there, the last patch that sets it,
 * the kustomization field of a transformer that changed it, else the kustomization entry that brings the resource in.
 */
export function resolveKustomizeOrigin(path: Path, object: KubeObject, info: BuiltDocumentInfo, context: OriginContext): Origin | undefined {
  const { graph, cwd } = context;
  const at = (file: string, position?: SourcePosition): Origin => ({ file: displayFile(cwd, file), ...(position ?? {}), via: 'kustomize' });
  const chain = info.transformedIn.map((file) => graph.load(dirname(file))).filter((k): k is Kustomization => k !== undefined);
  // The engine reports a missing field at its nearest existing parent: map that same place.
  const existing = path.slice(0, existingDepth(object, path));
  const reported = existing.length === path.length;
  const builtValue = valueAt(object, existing);

  if (info.origin?.configuredIn) {
    // A generated object (configMapGenerator, secretGenerator): the generator entry.
    const k = graph.load(dirname(resolve(context.wrapperDir, info.origin.configuredIn)));
    if (!k) return undefined;
    const kind = info.origin.configuredBy?.kind === 'SecretGenerator' ? 'secretGenerator' : 'configMapGenerator';
    const name = String(object.metadata?.name ?? '');
    const entries = Array.isArray(k.data[kind]) ? (k.data[kind] as unknown[]) : [];
    const matches = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => isRecord(entry) && typeof entry.name === 'string' && nameMatches(entry.name, name));
    const best = matches.sort((a, b) => String((b.entry as { name: string }).name).length - String((a.entry as { name: string }).name).length)[0];
    return at(k.file, kustomizationPosition(k, best ? [kind, best.index] : [kind]));
  }
  if (!info.origin?.path) return undefined;
  const resourceFile = resolve(context.wrapperDir, info.origin.path);
  const source = graph.sources.load(resourceFile);
  const found = source?.find(object);

  const candidates: Array<Candidate & { patch: boolean }> = [];
  let resourceValue: unknown;
  if (source && found) {
    const translated = translatePath(object, found.object, existing);
    if (translated.depth === existing.length) resourceValue = valueAt(found.object, translated.path);
    candidates.push({
      depth: translated.depth,
      file: resourceFile,
      position: positionIn(source, found.document.document, [...found.prefix, ...translated.path]),
      value: resourceValue,
      patch: false,
    });
  }
  for (const k of chain) for (const candidate of patchCandidates(graph, k, object, existing)) candidates.push({ ...candidate, patch: true });

  const full = candidates.filter((candidate) => candidate.depth === existing.length);
  const isScalarValue = builtValue === null || typeof builtValue !== 'object';
  const agrees = (candidate: Candidate) => !isScalarValue || sameScalar(candidate.value, builtValue);
  if (reported) {
    // The value is in the build: the last patch that sets it to that value, else the resource when it has it.
    const patch = [...full].reverse().find((candidate) => candidate.patch && agrees(candidate));
    if (patch) return at(patch.file, patch.position);
    const resource = full.find((candidate) => !candidate.patch && agrees(candidate));
    if (resource) return at(resource.file, resource.position);
  } else {
    // A missing field: where its nearest existing parent is written, the resource first (where the object is defined).
    const parent = full.find((candidate) => !candidate.patch) ?? [...full].reverse().find((candidate) => candidate.patch);
    if (parent) return at(parent.file, parent.position);
  }
  // Set or changed by a transformer (images, namePrefix, namespace, labels...): its field in the kustomization.
  const sourceValue = found ? valueAt(found.object, translatePath(object, found.object, existing).path) : undefined;
  for (const k of [...chain].reverse()) {
    const entry = transformerEntry(k, object, existing, sourceValue);
    if (entry) return at(k.file, kustomizationPosition(k, entry));
  }
  // Otherwise the kustomization line that brings the resource in.
  const listings = graph.listedBy.get(resourceFile) ?? [];
  const listing = listings.find((item) => chain.includes(item.kustomization)) ?? listings[0];
  if (listing) return at(listing.kustomization.file, kustomizationPosition(listing.kustomization, listing.entry));
  return at(resourceFile);
}

/**
 * The file that defines a built object (its resource file, or the kustomization of a generator): rules and overrides
 * read it for every object, so it is found by name without parsing the resource's documents.
 */
export function definingFile(object: KubeObject, info: BuiltDocumentInfo, context: OriginContext): string | undefined {
  if (info.origin?.path && !info.origin.configuredIn) {
    const resourceFile = resolve(context.wrapperDir, info.origin.path);
    if (context.graph.sources.load(resourceFile)?.mayDefine(object)) return displayFile(context.cwd, resourceFile);
  }
  return resolveKustomizeOrigin([], object, info, context)?.file;
}

// Where a fix to a built object belongs.

/** A fix of a built object, moved to the resource that defines it (or the reason it cannot be). */
export type FixTarget = { file: string; documentOffset: number; path: Path } | { refused: string };

/** The first patch of `chain` that sets `path` (or deletes or replaces a parent of it) in `object`, by file. */
function patchTouching(graph: KustomizeGraph, chain: readonly Kustomization[], object: KubeObject, path: Path): string | undefined {
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  for (const k of chain) {
    for (const patch of graph.patches(k)) {
      if (patch.target && !targetMatches(patch.target, object)) continue;
      for (const document of patch.documents) {
        if (Array.isArray(document.value)) {
          if (!patch.target) continue;
          const touches = document.value.some((op) => {
            if (!isRecord(op) || typeof op.path !== 'string') return true; // unreadable: assume the worst
            const pointer = pointerPath(op.path, object);
            return !pointer || (pointer.length <= path.length && pointer.every((segment, index) => String(segment) === String(path[index])));
          });
          if (touches) return patch.file;
          continue;
        }
        if (!isRecord(document.value)) continue;
        const patchDoc = document.value;
        if (!patch.target && !namesItsTarget(patchDoc, object, name)) continue;
        // A strategic merge patch adds to maps: it only matters when it sets the field itself, or nulls, replaces or
        // deletes a map on the way to it.
        const translated = translatePath(object, patchDoc, path);
        if (translated.depth === path.length) return patch.file;
        for (let depth = 0; depth <= translated.path.length; depth++) {
          const node = valueAt(patchDoc, translated.path.slice(0, depth));
          if (node === null || (isRecord(node) && node.$patch !== undefined)) return patch.file;
        }
      }
    }
  }
  return undefined;
}

/**
 * Where `set path` on a built object goes: the same field of the object in the resource file that defines it (list
 * items matched by name, as origins are), when no patch or generator decides that field. Patches are never fixed:
 * a field added there would override the base for every build that uses them.
 */
export function resolveFixTarget(path: Path, object: KubeObject, info: BuiltDocumentInfo, context: OriginContext): FixTarget {
  if (info.origin?.configuredIn) return { refused: 'the object comes from a kustomization generator' };
  if (!info.origin?.path) return { refused: 'the build does not say which file defines the object' };
  const resourceFile = resolve(context.wrapperDir, info.origin.path);
  const source = context.graph.sources.load(resourceFile);
  const found = source?.find(object);
  if (!source || !found) return { refused: `cannot find the object in ${displayFile(context.cwd, resourceFile)}` };
  const translated = translatePath(object, found.object, path);
  // Every list item on the way (the container) must be found in the resource; the rest are keys the fix adds.
  const lastItem = path.reduce<number>((last, segment, index) => (typeof segment === 'number' ? index : last), -1);
  if (translated.depth <= lastItem) return { refused: `the list item on the way is added by a patch, not by ${displayFile(context.cwd, resourceFile)}` };
  const chain = info.transformedIn.map((file) => context.graph.load(dirname(file))).filter((k): k is Kustomization => k !== undefined);
  const patch = patchTouching(context.graph, chain, object, path);
  if (patch) return { refused: `the patch ${displayFile(context.cwd, patch)} sets that part of the object` };
  // The document is named by where it starts: the fix runner reads the file again and finds it there.
  const documentOffset = found.document.document.range?.[0] ?? 0;
  return { file: resourceFile, documentOffset, path: [...found.prefix, ...translated.path, ...path.slice(translated.depth)] };
}
