// Progress for long runs: an ora spinner on stderr while manifests are read, charts and overlays built and rules
// run. Only for a person at a terminal: never in CI, never when stdout or stderr is piped, never with a
// machine-read format. ora is loaded only once a run turns out to be long (it costs ~150 ms to load).
export const LONG_RUN_FILES = 50;

/** Variables CI services set (the ci-info list, trimmed to the common ones); any of them means "not a person". */
const CI_VARIABLES = [
  'CI',
  'CONTINUOUS_INTEGRATION',
  'BUILD_NUMBER',
  'RUN_ID',
  'GITHUB_ACTIONS',
  'TF_BUILD',
  'GITLAB_CI',
  'BUILDKITE',
  'CIRCLECI',
  'JENKINS_URL',
  'TEAMCITY_VERSION',
  'TRAVIS',
  'APPVEYOR',
  'BITBUCKET_BUILD_NUMBER',
  'CODEBUILD_BUILD_ID',
  'DRONE',
];

export function isCI(env: NodeJS.ProcessEnv): boolean {
  return CI_VARIABLES.some((name) => {
    const value = env[name];
    return value !== undefined && value !== '' && value !== 'false' && value !== '0';
  });
}

export interface ProgressEnvironment {
  stdout: { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The output format is read by a machine (json, sarif, github, junit). */
  machineFormat: boolean;
}

export function progressWanted(environment: ProgressEnvironment): boolean {
  if (environment.machineFormat) return false;
  if (environment.stderr.isTTY !== true || environment.stdout.isTTY !== true) return false;
  if (environment.env.TERM === 'dumb') return false;
  return !isCI(environment.env);
}

/** The part of an ora spinner Progress uses. */
export interface Spinner {
  text: string;
  start(text?: string): unknown;
  render(): unknown;
  stop(): unknown;
}

export type SpinnerFactory = (stream: NodeJS.WritableStream) => Spinner | undefined;

/**
 * An ora spinner, loaded synchronously: collection is synchronous, and Node 20.19+ can require() an ES module
 * (ora is ESM-only). Where it cannot, there is no spinner rather than a failed run.
 */
export const oraSpinner: SpinnerFactory = (stream) => {
  try {
    const { default: ora } = require('ora') as { default: (options: object) => Spinner };
    // ora replaces `write` on its stream while it spins; the CLI's stderr is a stand-in that forwards to the real
    // stream (src/cli/stdio.ts), so ora gets the real one or the two would call each other forever.
    const target = (stream as { fd?: unknown }).fd === 2 ? process.stderr : stream;
    // A terminal of no width (a pty nobody sized) makes ora erase lines without end.
    if ((target as { columns?: number }).columns === 0) return undefined;
    // No cursor hiding and no stdin discarding: both install signal handlers that would hold Ctrl+C back until the
    // synchronous work ends.
    return ora({ stream: target, isEnabled: true, hideCursor: false, discardStdin: false });
  } catch {
    return undefined;
  }
};

/** Hooks the sources call; all optional, so a source need not care whether anyone listens. */
export interface ProgressSink {
  /** After each file is read: `done` of `total` files. */
  file?(done: number, total: number, file: string): void;
  /** Before an external build (helm template, kustomize build) starts. */
  build?(label: string): void;
}

/** Renders at most this often while the event loop is blocked (the spinner's own timer cannot fire then). */
const RENDER_INTERVAL_MS = 80;

export class Progress {
  private spinner: Spinner | undefined;
  private unavailable = false;
  private lastRender = 0;
  readonly sink: ProgressSink;

  constructor(
    private readonly enabled: boolean,
    private readonly stream: NodeJS.WritableStream,
    private readonly createSpinner: SpinnerFactory = oraSpinner,
    private readonly now: () => number = Date.now,
    private readonly threshold = LONG_RUN_FILES,
  ) {
    this.sink = { file: (done, total) => this.file(done, total), build: (label) => this.build(label) };
  }

  get active(): boolean {
    return this.spinner !== undefined;
  }

  file(done: number, total: number): void {
    const text = `Reading manifests ${done}/${total}`;
    if (!this.spinner && total > this.threshold) this.start(text);
    else this.update(text, done === total);
  }

  build(label: string): void {
    if (!this.spinner) this.start(label);
    else this.update(label, true);
  }

  lint(files: number): void {
    this.update(`Linting ${files} file${files === 1 ? '' : 's'}`, true);
  }

  /** Clears the spinner line; call before writing the report. */
  stop(): void {
    this.spinner?.stop();
    this.spinner = undefined;
  }

  private start(text: string): void {
    if (!this.enabled || this.unavailable) return;
    const spinner = this.createSpinner(this.stream);
    if (!spinner) {
      this.unavailable = true;
      return;
    }
    this.spinner = spinner;
    spinner.start(text);
    this.lastRender = this.now();
  }

  private update(text: string, force: boolean): void {
    if (!this.spinner) return;
    this.spinner.text = text;
    const now = this.now();
    if (force || now - this.lastRender >= RENDER_INTERVAL_MS) {
      this.spinner.render();
      this.lastRender = now;
    }
  }
}

export function createProgress(environment: ProgressEnvironment): Progress {
  return new Progress(progressWanted(environment), environment.stderr);
}
