// Kustomize: roots are built with `kustomize build` (or `kubectl kustomize`) through a temporary wrapper
// kustomization that asks for origin annotations, so the user's files are never touched; each built object is then
// mapped back to the resource or patch a person edits (see docs/helm-and-kustomize.md).
//   files.ts        where kustomizations are, which entries are remote
//   sources.ts      resource and patch files, parsed once per run and only as far as origins need
//   graph.ts        kustomizations and what they reference
//   targets.ts      which patches and transformers touch a built object
//   annotations.ts  kubeguard's origin annotations, read from and removed from build output
//   origins.ts      the file, line and column of a built value; where a fix of it belongs
//   build.ts        running the build, problems found before and during it
export { isRemoteReference, KUSTOMIZATION_FILES, kustomizationFile } from './files';
export { parseSource, SourceCache, type SourceDocument, type SourceFile } from './sources';
export { KustomizeGraph, kustomizeUses, type Kustomization, type KustomizeUse, type PatchEntry, type Reference, type ReferenceRole } from './graph';
export { selectorMatches } from './targets';
export { ORIGIN_ANNOTATION, stripOriginAnnotations, stripOriginAnnotationsParsed, TRANSFORMATIONS_ANNOTATION, type BuiltDocumentInfo } from './annotations';
export { resolveFixTarget, resolveKustomizeOrigin, type FixTarget, type OriginContext } from './origins';
export {
  buildRoot,
  builtName,
  innermostKustomizeError,
  kustomizeTool,
  missingKustomizeMessage,
  NO_KUSTOMIZE_TOOL,
  preflight,
  type BuildOutcome,
  type KustomizeTool,
  type Preflight,
} from './build';
