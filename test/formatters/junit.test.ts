// junit: a testcase per file, a failure per finding, XML-escaped (control characters included).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeXml, junit } from '../../src/formatters/junit';
import { context, everything, lintResult, privileged } from './result-fixture';

test('escapeXml: markup, quotes, whitespace in attributes, and characters XML 1.0 cannot carry', () => {
  assert.is(escapeXml(`a<b>&"c"'d'`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  assert.is(escapeXml('line\nnext\ttab\rcr'), 'line&#10;next&#9;tab&#13;cr');
  assert.is(escapeXml('nul\u0000 bel\u0007 esc\u001b ffff\uFFFF lone\uD800 pair\uD83D\uDE00'), 'nul\uFFFD bel\uFFFD esc\uFFFD ffff\uFFFD lone\uFFFD pair\uD83D\uDE00');
});

test('byte-exact: testcases sorted by file, clean files pass, built findings under their source files', () => {
  assert.is(
    junit(everything(), context()),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="kubeguard" tests="6" failures="5" errors="0" skipped="0">',
      '  <testsuite name="kubeguard" tests="6" failures="5" errors="0" skipped="0">',
      '    <testcase name="base/worker.yaml" classname="kubeguard">',
      '      <failure message="Pod template of Deployment &quot;worker&quot; shares the host PID namespace." type="no-host-pid">base/worker.yaml:21:7: error Pod template of Deployment "worker" shares the host PID namespace. [no-host-pid]',
      'Object: Deployment/prod/worker',
      'Path: spec.template.spec.hostPID',
      'Rendered: overlays/prod:77:9 (kustomize)',
      'Docs: https://docs.example.test/rules/no-host-pid.md</failure>',
      '    </testcase>',
      '    <testcase name="broken.yaml" classname="kubeguard">',
      '      <failure message="Implicit keys need to be on a single line" type="parse-error">broken.yaml:3:1: error Implicit keys need to be on a single line [parse-error]</failure>',
      '    </testcase>',
      '    <testcase name="charts/api/templates/deployment.yaml" classname="kubeguard">',
      '      <failure message="Pod template of Deployment &quot;api&quot; uses the host network. (Deployment/prod/api spec.template.spec.hostNetwork)" type="no-host-network">charts/api/templates/deployment.yaml:1:1: error Pod template of Deployment "api" uses the host network. (Deployment/prod/api spec.template.spec.hostNetwork) [no-host-network]',
      'Object: Deployment/prod/api',
      'Path: spec.template.spec.hostNetwork',
      'Rendered: rendered.yaml:40:11 (helm)',
      'Docs: https://docs.example.test/rules/no-host-network.md</failure>',
      '    </testcase>',
      '    <testcase name="clean.yaml" classname="kubeguard"/>',
      '    <testcase name="deploy/odd name, 50%.yaml" classname="kubeguard">',
      '      <failure message="Image &quot;a&lt;b&gt;&amp;c&quot; is 100%: mutable, &quot;pinned&quot; never&#10;second line\uFFFD" type="image-digest">deploy/odd name, 50%.yaml:3:5: info Image "a&lt;b&gt;&amp;c" is 100%: mutable, "pinned" never',
      'second line\uFFFD [image-digest]',
      'Object: Pod/odd',
      'Path: spec.containers[0].image',
      'Docs: https://docs.example.test/rules/image-digest.md</failure>',
      '    </testcase>',
      '    <testcase name="deploy/web.yaml" classname="kubeguard">',
      '      <failure message="Container &quot;web&quot; does not set readOnlyRootFilesystem: true." type="read-only-root-filesystem">deploy/web.yaml:10:11: warning Container "web" does not set readOnlyRootFilesystem: true. [read-only-root-filesystem]',
      'Object: Deployment/prod/web',
      'Path: spec.template.spec.containers[0].securityContext',
      'Docs: https://docs.example.test/rules/read-only-root-filesystem.md</failure>',
      '      <failure message="Container &quot;web&quot; runs privileged." type="no-privileged">deploy/web.yaml:12:13: error Container "web" runs privileged. [no-privileged]',
      'Object: Deployment/prod/web',
      'Path: spec.template.spec.containers[0].securityContext.privileged',
      'Docs: https://docs.example.test/rules/no-privileged.md</failure>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'),
  );
});

test('no findings: every linted file is a passing testcase', () => {
  const out = junit(lintResult([], ['b.yaml', 'a & b.yaml']), context());
  assert.is(
    out,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="kubeguard" tests="2" failures="0" errors="0" skipped="0">',
      '  <testsuite name="kubeguard" tests="2" failures="0" errors="0" skipped="0">',
      '    <testcase name="a &amp; b.yaml" classname="kubeguard"/>',
      '    <testcase name="b.yaml" classname="kubeguard"/>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'),
  );
});

test('element text cannot close the element or open markup', () => {
  const out = junit(lintResult([{ ...privileged, message: '</failure><x>]]>' }]), context());
  assert.ok(out.includes('message="&lt;/failure&gt;&lt;x&gt;]]&gt;"'));
  assert.ok(out.includes('error &lt;/failure&gt;&lt;x&gt;]]&gt; [no-privileged]'));
  assert.is(out.match(/<failure /g)!.length, 1);
  assert.is(out.match(/<\/failure>/g)!.length, 1);
});

test.run();
