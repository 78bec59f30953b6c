// Command-line parsing without a dependency: a table of flags, `--flag value` and `--flag=value` forms.

export interface FlagSpec {
  name: string;
  alias?: string;
  /** 'boolean' flags take no value; 'string' one; 'list' may repeat. */
  type: 'boolean' | 'string' | 'list';
  valueName?: string;
  description: string;
}

export const FLAGS: FlagSpec[] = [
  { name: 'format', alias: 'f', type: 'string', valueName: 'NAME', description: 'Output format: stylish (default), compact, json, sarif, github, junit, summary (problems per rule and folder only).' },
  { name: 'output', alias: 'o', type: 'string', valueName: 'FILE', description: 'Write the report to FILE (atomically) instead of standard output.' },
  { name: 'config', alias: 'c', type: 'string', valueName: 'FILE', description: 'Use this config file instead of searching for one.' },
  { name: 'preset', type: 'string', valueName: 'NAME', description: 'Use a preset instead of any config file: recommended, pss-baseline, pss-restricted, aks, strict.' },
  { name: 'rule', type: 'list', valueName: 'ID=SEVERITY', description: 'Set a rule\'s severity (off, info, warning, error); repeatable.' },
  { name: 'max-warnings', type: 'string', valueName: 'N', description: 'Fail (exit 1) when there are more than N warnings.' },
  { name: 'quiet', alias: 'q', type: 'boolean', description: 'Report errors only.' },
  { name: 'stdin', type: 'boolean', description: 'Read a manifest from standard input (also: the path "-").' },
  { name: 'stdin-filename', type: 'string', valueName: 'NAME', description: 'File name for standard input in results and config matching.' },
  { name: 'staged', type: 'boolean', description: 'Lint the staged content of staged manifest files (Git pre-commit).' },
  { name: 'fix', type: 'boolean', description: 'Apply the safe fixes to the files (standard input: print the fixed text).' },
  { name: 'fix-dry-run', type: 'boolean', description: 'Print the fixes as a unified diff without writing (the report goes to standard error).' },
  { name: 'baseline', type: 'string', valueName: 'FILE', description: 'Accept the known findings recorded in FILE.' },
  { name: 'write-baseline', type: 'string', valueName: 'FILE', description: 'Record the current findings in FILE.' },
  { name: 'kubernetes-version', type: 'string', valueName: '1.NN', description: 'Target Kubernetes version (default: the newest).' },
  { name: 'chart', type: 'string', valueName: 'DIR', description: 'Helm chart directory that rendered input comes from.' },
  { name: 'values', type: 'list', valueName: 'FILE', description: 'Values file passed to helm template; repeatable.' },
  { name: 'set', type: 'list', valueName: 'KEY=VALUE', description: 'Value passed to helm template; repeatable.' },
  { name: 'kustomize-bin', type: 'string', valueName: 'PATH', description: 'Kustomize binary (default: kustomize, else kubectl kustomize).' },
  { name: 'constraints', type: 'list', valueName: 'GLOB', description: 'Gatekeeper Constraint files to evaluate as the cluster would (repeatable; also config `constraints`).' },
  { name: 'threads', type: 'string', valueName: 'N', description: 'Worker threads for plain files (default: one per CPU from 32 MB of them; 1: none).' },
  { name: 'azure-policy', type: 'string', valueName: 'FILE', description: 'Mirror an Azure Policy assignment (az policy assignment show > FILE): its effects and parameters set the rules.' },
  { name: 'no-ignore', type: 'boolean', description: 'Lint files that the config\'s `ignores` exclude.' },
  { name: 'verbose', type: 'boolean', description: 'List the paths a directory walk skipped and the documents read with go-yaml\'s leniency.' },
  { name: 'no-build', type: 'boolean', description: 'Run no kustomize or helm: lint Kustomize files as plain files; Helm charts are not rendered (a note says so).' },
  { name: 'timing', type: 'boolean', description: 'Print the time of each build and each rule on standard error.' },
  { name: 'color', type: 'boolean', description: 'Force colour output.' },
  { name: 'no-color', type: 'boolean', description: 'Disable colour output.' },
  { name: 'list-rules', type: 'boolean', description: 'List the rules with their default severity and presets.' },
  { name: 'explain', type: 'string', valueName: 'ID', description: 'Show the documentation of a rule.' },
  { name: 'husky', type: 'boolean', description: 'init: also write a husky pre-commit hook.' },
  { name: 'lint-staged', type: 'boolean', description: 'init: also add a lint-staged entry for YAML and JSON files.' },
  { name: 'force', type: 'boolean', description: 'init: replace files that already exist.' },
  { name: 'version', alias: 'v', type: 'boolean', description: 'Print the version.' },
  { name: 'help', alias: 'h', type: 'boolean', description: 'Show this help.' },
];

export interface ParsedArgs {
  command?: 'init';
  paths: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const byName = new Map(FLAGS.map((flag) => [flag.name, flag]));
  const byAlias = new Map(FLAGS.filter((flag) => flag.alias).map((flag) => [flag.alias!, flag]));
  const parsed: ParsedArgs = { paths: [], flags: {} };
  let onlyPaths = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      if (!onlyPaths && index === 0 && arg === 'init') parsed.command = 'init';
      else parsed.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: FlagSpec | undefined;
    if (arg.startsWith('--')) {
      [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      spec = byName.get(name);
    } else {
      name = arg.slice(1);
      if (name.length > 1 && byAlias.has(name[0])) {
        inline = name.slice(1);
        name = name[0];
      }
      spec = byAlias.get(name);
    }
    if (!spec) {
      const { didYouMean } = require('../model/suggest') as typeof import('../model/suggest');
      throw new UsageError(`unknown option ${arg}${didYouMean(name, FLAGS.map((flag) => flag.name)).replace('"', '"--')}`);
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      parsed.flags[spec.name] = true;
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined) throw new UsageError(`--${spec.name} needs a value (${spec.valueName})`);
    if (spec.type === 'list') parsed.flags[spec.name] = [...((parsed.flags[spec.name] as string[]) ?? []), value];
    else parsed.flags[spec.name] = value;
  }
  return parsed;
}

export function helpText(): string {
  const lines = FLAGS.map((flag) => {
    const names = `${flag.alias ? `-${flag.alias}, ` : '    '}--${flag.name}${flag.valueName ? ` ${flag.valueName}` : ''}`;
    return `  ${names.padEnd(32)} ${flag.description}`;
  });
  return [
    'Usage: kubeguard [options] [paths...]',
    '       kubeguard init [--preset NAME] [--husky] [--lint-staged] [--force]',
    '',
    'Lints Kubernetes manifests, Helm output and Kustomize overlays offline. Paths are files, directories',
    '(recursive: .yaml, .yml, .json; .gitignore is honoured) and globs; no path means ".", "-" reads standard input.',
    '',
    'Options:',
    ...lines,
    '',
    'Exit codes: 0 no failing findings, 1 failing findings, 2 usage or config error (builds that cannot run are findings).',
    '',
  ].join('\n');
}
