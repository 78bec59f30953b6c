// github: workflow-command annotations with file, position, title, escaped as @actions/core does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeData, escapeProperty, github } from '../../src/formatters/github';
import { context, everything, lintResult, privileged } from './result-fixture';

test('escaping follows @actions/core: data escapes %, CR, LF; properties also : and ,', () => {
  assert.is(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
  assert.is(escapeProperty('C:\\x, 50%\n'), 'C%3A\\x%2C 50%25%0A');
  // % first: an escape sequence already in the text is escaped, not decoded.
  assert.is(escapeData('%0A'), '%250A');
});

test('byte-exact: one annotation per finding at the source position, info as notice, a summary line', () => {
  assert.is(
    github(everything(), context()),
    [
      '::error file=base/worker.yaml,line=21,col=7,endLine=21,endColumn=15,title=no-host-pid (kubeguard)::Pod template of Deployment "worker" shares the host PID namespace.%0ADocs: https://docs.example.test/rules/no-host-pid.md',
      '::error file=broken.yaml,line=3,col=1,endLine=3,endColumn=2,title=parse-error (kubeguard)::Implicit keys need to be on a single line',
      '::error file=charts/api/templates/deployment.yaml,title=no-host-network (kubeguard)::Pod template of Deployment "api" uses the host network. (Deployment/prod/api spec.template.spec.hostNetwork)%0ADocs: https://docs.example.test/rules/no-host-network.md',
      '::notice file=deploy/odd name%2C 50%25.yaml,line=3,col=5,endLine=3,endColumn=10,title=image-digest (kubeguard)::Image "a<b>&c" is 100%25: mutable, "pinned" never%0Asecond line\u0007%0ADocs: https://docs.example.test/rules/image-digest.md',
      '::warning file=deploy/web.yaml,line=10,col=11,endLine=10,endColumn=26,title=read-only-root-filesystem (kubeguard)::Container "web" does not set readOnlyRootFilesystem: true.%0ADocs: https://docs.example.test/rules/read-only-root-filesystem.md',
      '::error file=deploy/web.yaml,line=12,col=13,endLine=12,endColumn=23,title=no-privileged (kubeguard)::Container "web" runs privileged.%0ADocs: https://docs.example.test/rules/no-privileged.md',
      'kubeguard: 6 problems (4 errors, 1 warning, 1 info) in 5 files',
      '',
    ].join('\n'),
  );
});

test('every line is one command: no raw line break survives in a message or a property', () => {
  const out = github(lintResult([{ ...privileged, file: 'a\nb.yaml', message: 'x\ny\rz' }]), context());
  const lines = out.trimEnd().split('\n');
  assert.is(lines.length, 2);
  assert.ok(lines[0].startsWith('::error file=a%0Ab.yaml,line=12,'));
  assert.ok(lines[0].includes('::x%0Ay%0Dz%0ADocs: '));
});

test('an annotation spanning lines carries no columns (GitHub rejects them)', () => {
  const out = github(lintResult([{ ...privileged, endLine: 14, endColumn: 3 }]), context());
  assert.ok(out.startsWith('::error file=deploy/web.yaml,line=12,endLine=14,title=no-privileged (kubeguard)::'));
});

test('no findings: no output', () => {
  assert.is(github(lintResult([], ['clean.yaml']), context()), '');
});

test.run();
