// Core types shared by rules, the engine, sources and formatters.
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IContainer } from 'kubernetes-models/v1/Container';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

/** A path into an object, as YAML keys and sequence indexes: ['spec', 'containers', 0, 'image']. */
export type Path = ReadonlyArray<string | number>;

/** Any Kubernetes object as read from a manifest. Rules narrow it with the kubernetes-models types. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: IObjectMeta;
  [field: string]: unknown;
}

export interface RuleReference {
  /** PSS, CIS, NSA, Azure Policy, Kubernetes, CVE, AKS... */
  source: string;
  id?: string;
  title?: string;
  url?: string;
}

export type RuleCategory =
  | 'pss-baseline'
  | 'pss-restricted'
  | 'hardening'
  | 'secrets'
  | 'images'
  | 'rbac'
  | 'network'
  | 'reliability'
  | 'aks';

/** A small declarative schema for rule options, validated by the config loader. */
export type OptionSchema =
  | { type: 'boolean'; description: string }
  | { type: 'number'; description: string; minimum?: number }
  | { type: 'string'; description: string; /** regex: checked to compile (src/model/policy-regex.ts); quantity: a Kubernetes quantity. */ format?: 'regex' | 'quantity' }
  | { type: 'enum'; values: readonly string[]; description: string }
  | { type: 'string[]'; description: string };

export interface RuleMeta<Options extends object = Record<string, unknown>> {
  id: string;
  severity: Severity;
  category: RuleCategory;
  description: string;
  rationale: string;
  /** Kinds the rule looks at; POD_WORKLOADS for every object with a pod spec; omitted for all objects. */
  kinds?: readonly string[] | typeof POD_WORKLOADS;
  references: readonly RuleReference[];
  fixable?: boolean;
  options?: { readonly [K in keyof Options]-?: OptionSchema };
  defaultOptions?: Options;
  /** True for rules that judge an object against the rest of the lint set. */
  crossObject?: boolean;
  /**
   * Rules this more specific rule speaks for: when both are on and report the same path of one object, only this one
   * is kept (one problem, one finding), unless the config sets `oneFindingPerProblem: false` (pss-*, aks presets).
   */
  supersedes?: readonly string[];
  /** Set on the rules built from Gatekeeper constraints (src/policy/gatekeeper); findings carry it. */
  constraint?: ConstraintIdentity;
}

/** A Gatekeeper Constraint a finding comes from: the `constraint` member of the JSON result. */
export interface ConstraintIdentity {
  kind: string;
  name: string;
  enforcementAction: string;
}

/** Marker for rules that look at every object carrying a pod template. */
export const POD_WORKLOADS = '@pod-workloads' as const;

/** A change a fix makes to the object: set `path` to `value` (creating missing parents). */
export interface FixOperation {
  op: 'set';
  path: Path;
  value: unknown;
}

export interface Report {
  path: Path;
  message: string;
  /** Lowers the configured severity for this one report (e.g. a milder variant of the rule). */
  severity?: Severity;
  fix?: readonly FixOperation[];
}

export interface PodSpecRef {
  value: IPodSpec;
  path: Path;
  /** Metadata of the pod (template): annotations such as AppArmor's live here. */
  metadata: IObjectMeta;
  metadataPath: Path;
}

export type ContainerListName = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  value: IContainer;
  path: Path;
  list: ContainerListName;
  index: number;
}

/** One object of the lint set, as cross-object rules see it. */
export interface LintObject {
  object: KubeObject;
  file: string;
  /** metadata.namespace, or undefined when the manifest does not say. */
  namespace: string | undefined;
  /** For an object of a Kustomize build or Helm rendering: the build's file (kustomization, Chart.yaml). */
  buildFile?: string;
  /** For a built object: the file a person edits that defines it (resource, template). */
  sourceFile?: string;
}

export interface KubernetesVersion {
  major: number;
  minor: number;
}

export interface RuleContext<Options extends object = Record<string, unknown>> {
  readonly options: Options;
  readonly kubernetesVersion: KubernetesVersion;
  /** The file (relative to the working directory) the object came from. */
  readonly file: string;
  /** Every object in this run, for cross-object rules. */
  readonly objects: readonly LintObject[];
  report(report: Report): void;
  podSpec(object: KubeObject): PodSpecRef | undefined;
  containers(object: KubeObject): ContainerRef[];
}

export interface Rule<Options extends object = Record<string, unknown>> {
  meta: RuleMeta<Options>;
  check(object: KubeObject, context: RuleContext<Options>): void;
}

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Origin {
  file: string;
  line?: number;
  column?: number;
  via: 'helm' | 'kustomize';
}

/** A finding as formatters and the JSON result see it. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Severity;
  message: string;
  object?: ObjectIdentity;
  path?: string;
  origin?: Origin;
  fix?: readonly FixOperation[];
  /** Set by `--fix` when the finding's fix was not applied: why (a template file, a Kustomize patch...). */
  fixNotApplied?: string;
  constraint?: ConstraintIdentity;
}

export interface Summary {
  files: number;
  objects: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  /** Findings accepted by `--baseline` (or recorded by `--write-baseline`); present only when a baseline was used. */
  baselined?: number;
  /** Milliseconds spent in external tools (helm, kustomize), when any ran. */
  toolTimeMs?: number;
  /** With --azure-policy: the assignments mirrored, the rules they set and what is not mirrored (src/policy/azure). */
  azurePolicy?: import('../policy/azure/apply').AzurePolicySummary;
  /** The Gatekeeper constraints of the run (`<Kind>/<name>`), when `constraints` were given. */
  constraints?: { evaluated: string[]; unsupported: string[] };
  /** Paths a directory walk left out (default skips, files that are not manifests); present when any were. */
  skipped?: number;
  /** Kustomize roots and Helm charts that were not built, and why (a build-error or build-skipped finding each). */
  notBuilt?: NotBuilt[];
}

/** A path a directory walk found but did not lint, and why (listed with --verbose). */
export interface SkippedPath {
  file: string;
  reason: string;
}

/** A Kustomize root or Helm chart that was not built (see src/sources/build-findings.ts). */
export interface NotBuilt {
  /** The root or chart directory, relative to the working directory. */
  path: string;
  tool: 'kustomize' | 'helm';
  /** error: the repository's files break the build; skipped: not run; partial: built without its remote entries. */
  status: 'error' | 'skipped' | 'partial';
  reason: string;
  /** Where the finding that says why points. */
  file: string;
  line: number;
}

export interface LintResult {
  findings: Finding[];
  summary: Summary;
  /** Source text per file, for code frames; absent for files that could not be read. */
  sources: ReadonlyMap<string, string>;
  /** Files found by a walk that were read but are not manifests (see ParsedFile.skipped). */
  skipped?: SkippedPath[];
  /** Documents linted through go-yaml's leniency (see ParsedDocument.lenientAt): where each starts to need it. */
  lenient?: Array<{ file: string; line: number }>;
}
