// Progress: a spinner only for a person at a terminal (never CI, pipes or machine formats), only for long runs,
// rendered while synchronous work blocks the event loop, cleared before the report.
import { spawnSync } from 'node:child_process';
import { clearLine, cursorTo, moveCursor } from 'node:readline';
import { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isCI, LONG_RUN_FILES, oraSpinner, Progress, progressWanted, type Spinner } from '../../src/cli/progress';
import { tempDir } from '../helpers';

const tty = { isTTY: true };
const ttyStream = Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: true });
const person = { stdout: tty, stderr: ttyStream, env: { TERM: 'xterm-256color' }, machineFormat: false };

test('isCI: the usual variables, unless set to false, 0 or empty', () => {
  assert.ok(isCI({ CI: 'true' }));
  assert.ok(isCI({ CI: '1' }));
  assert.ok(isCI({ GITHUB_ACTIONS: 'true' }));
  assert.ok(isCI({ TF_BUILD: 'True' }));
  assert.ok(isCI({ GITLAB_CI: 'true' }));
  assert.ok(isCI({ BUILD_NUMBER: '17' }));
  assert.not.ok(isCI({}));
  assert.not.ok(isCI({ CI: 'false' }));
  assert.not.ok(isCI({ CI: '0' }));
  assert.not.ok(isCI({ CI: '' }));
});

test('progressWanted: a person at a terminal only', () => {
  assert.ok(progressWanted(person));
  assert.not.ok(progressWanted({ ...person, machineFormat: true }));
  assert.not.ok(progressWanted({ ...person, stdout: {} }), 'stdout piped');
  assert.not.ok(progressWanted({ ...person, stderr: Object.assign(new Writable(), { isTTY: false }) }), 'stderr piped');
  assert.not.ok(progressWanted({ ...person, env: { CI: 'true' } }));
  assert.not.ok(progressWanted({ ...person, env: { TF_BUILD: 'True' } }));
  assert.not.ok(progressWanted({ ...person, env: { GITHUB_ACTIONS: 'true' } }));
  assert.not.ok(progressWanted({ ...person, env: { TERM: 'dumb' } }));
});

interface Recorded extends Spinner {
  events: string[];
}

function recorder(): { factory: () => Recorded; made: Recorded[] } {
  const made: Recorded[] = [];
  const factory = () => {
    const spinner: Recorded = {
      text: '',
      events: [],
      start(text?: string) {
        this.text = text ?? this.text;
        this.events.push(`start ${this.text}`);
      },
      render() {
        this.events.push(`render ${this.text}`);
      },
      stop() {
        this.events.push('stop');
      },
    };
    made.push(spinner);
    return spinner;
  };
  return { factory, made };
}

test(`a short run (${LONG_RUN_FILES} files or fewer, no build) never loads a spinner`, () => {
  const { factory, made } = recorder();
  const progress = new Progress(true, ttyStream, factory);
  for (let done = 1; done <= LONG_RUN_FILES; done++) progress.file(done, LONG_RUN_FILES);
  progress.lint(LONG_RUN_FILES);
  progress.stop();
  assert.is(made.length, 0);
});

test('a long run starts the spinner with the count, renders at most every 80 ms while blocked, and clears it', () => {
  const { factory, made } = recorder();
  let now = 1000;
  const progress = new Progress(true, ttyStream, factory, () => now);
  progress.file(1, 60);
  assert.ok(progress.active);
  for (let done = 2; done <= 60; done++) {
    now += 10; // 10 ms per file: a render every eighth file
    progress.file(done, 60);
  }
  progress.lint(60);
  progress.stop();
  assert.not.ok(progress.active);
  const [spinner] = made;
  assert.is(made.length, 1);
  assert.equal(spinner.events, [
    'start Reading manifests 1/60',
    'render Reading manifests 9/60',
    'render Reading manifests 17/60',
    'render Reading manifests 25/60',
    'render Reading manifests 33/60',
    'render Reading manifests 41/60',
    'render Reading manifests 49/60',
    'render Reading manifests 57/60',
    'render Reading manifests 60/60',
    'render Linting 60 files',
    'stop',
  ]);
});

test('a build starts the spinner at once, however few files', () => {
  const { factory, made } = recorder();
  const progress = new Progress(true, ttyStream, factory, () => 0);
  progress.file(1, 2);
  progress.build('Running 2 helm/kustomize builds');
  progress.lint(4);
  progress.stop();
  assert.equal(made[0].events, ['start Running 2 helm/kustomize builds', 'render Linting 4 files', 'stop']);
});

test('disabled progress never creates a spinner; an unavailable spinner is asked for once and the run goes on', () => {
  const { factory, made } = recorder();
  const off = new Progress(false, ttyStream, factory);
  off.build('x');
  off.file(100, 100);
  off.stop();
  assert.is(made.length, 0);
  let asked = 0;
  const unavailable = new Progress(true, ttyStream, () => {
    asked++;
    return undefined;
  });
  unavailable.file(1, 100);
  unavailable.file(2, 100);
  unavailable.build('y');
  unavailable.lint(100);
  unavailable.stop();
  assert.is(asked, 1);
  assert.not.ok(unavailable.active);
});

test('the real ora spinner draws on the stream and clears its line on stop', () => {
  let output = '';
  const writable = new Writable({
    write(chunk, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  // What ora uses of a tty.WriteStream, drawn with the readline helpers as the real one does.
  const stream = Object.assign(writable, {
    isTTY: true,
    columns: 80,
    rows: 24,
    cursorTo: (x: number) => cursorTo(writable, x),
    moveCursor: (dx: number, dy: number) => moveCursor(writable, dx, dy),
    clearLine: (direction: -1 | 0 | 1) => clearLine(writable, direction),
  });
  const progress = new Progress(true, stream, oraSpinner);
  for (let done = 1; done <= 60; done++) progress.file(done, 60);
  progress.lint(60);
  progress.stop();
  assert.match(output, /Reading manifests 1\/60/);
  assert.match(output, /Linting 60 files/);
  // The last thing written erases the spinner's line.
  assert.match(output, /\u001b\[1G\u001b\[0K$|\u001b\[2K\u001b\[1G$|\u001b\[0K$/);
  // A terminal nobody sized (0 columns) gets no spinner: ora would erase lines without end.
  assert.is(oraSpinner(Object.assign(new Writable(), { isTTY: true, columns: 0 })), undefined);
});

function hasScript(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}

test('end to end in a pseudo-terminal: the spinner shows on a long run and is gone before the report', () => {
  // util-linux `script` gives the CLI a terminal on stdout and stderr, as a person's shell does.
  assert.ok(hasScript(), 'util-linux script is needed for this test');
  const files: Record<string, string> = {};
  for (let index = 0; index < 60; index++) files[`m${index}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${index}}\n`;
  const dir = tempDir(files);
  const bin = resolve(__dirname, '..', '..', 'bin', 'kubeguard.js');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm' };
  const command = (args: string) => `stty cols 100 rows 30; '${process.execPath}' '${bin}' ${args}`;
  const run = (args: string, extra: NodeJS.ProcessEnv = {}) =>
    spawnSync('script', ['-qec', command(args), '/dev/null'], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', timeout: 60_000 });
  const long = run('.');
  assert.is(long.status, 0, long.stderr);
  assert.match(long.stdout, /Reading manifests \d+\/60/);
  const report = long.stdout.lastIndexOf('✔ no problems; 60 files');
  assert.ok(report > long.stdout.lastIndexOf('Reading manifests'), 'the report comes after the spinner');
  assert.match(long.stdout.slice(0, report), /\u001b\[0K$/, 'the spinner line is erased before the report');
  // The same run in CI, with a machine format, or short: no spinner.
  assert.not.match(run('.', { CI: 'true' }).stdout, /Reading manifests/);
  assert.not.match(run('--format json .').stdout, /Reading manifests/);
  assert.not.match(run('m1.yaml m2.yaml').stdout, /Reading manifests/);
});

test.run();
