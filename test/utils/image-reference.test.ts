import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { effectiveTag, parseImageReference } from '../../src/rules/utils/image-reference';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function parts(image: unknown) {
  const reference = parseImageReference(image);
  return reference && [reference.registry, reference.repository, reference.tag, reference.digest, reference.normalized];
}

test('Docker Hub short names normalise to docker.io/library/…', () => {
  assert.equal(parts('nginx'), ['docker.io', 'library/nginx', undefined, undefined, 'docker.io/library/nginx']);
  assert.equal(parts('nginx:1.25'), ['docker.io', 'library/nginx', '1.25', undefined, 'docker.io/library/nginx']);
  assert.equal(parts('bitnami/redis:7.2'), ['docker.io', 'bitnami/redis', '7.2', undefined, 'docker.io/bitnami/redis']);
  assert.equal(parts('docker.io/nginx'), ['docker.io', 'library/nginx', undefined, undefined, 'docker.io/library/nginx']);
  assert.equal(parts('index.docker.io/library/nginx:latest'), ['docker.io', 'library/nginx', 'latest', undefined, 'docker.io/library/nginx']);
});

test('registries with a port, localhost, IPv6 and upper case', () => {
  assert.equal(parts('localhost:5000/x'), ['localhost:5000', 'x', undefined, undefined, 'localhost:5000/x']);
  assert.equal(parts('localhost/team/app:2'), ['localhost', 'team/app', '2', undefined, 'localhost/team/app']);
  assert.equal(parts('registry.example.com:443/a/b/c:v1'), ['registry.example.com:443', 'a/b/c', 'v1', undefined, 'registry.example.com:443/a/b/c']);
  assert.equal(parts('[::1]:5000/app:1'), ['[::1]:5000', 'app', '1', undefined, '[::1]:5000/app']);
  assert.equal(parts('MyACR.azurecr.io/app:1'), ['myacr.azurecr.io', 'app', '1', undefined, 'myacr.azurecr.io/app']);
  // A first component without `.` or `:` is a Docker Hub namespace, not a registry.
  assert.equal(parts('myregistry/app:1'), ['docker.io', 'myregistry/app', '1', undefined, 'docker.io/myregistry/app']);
});

test('digests, with and without a tag', () => {
  assert.equal(parts(`mcr.microsoft.com/azure-cli@${DIGEST}`), ['mcr.microsoft.com', 'azure-cli', undefined, DIGEST, 'mcr.microsoft.com/azure-cli']);
  assert.equal(parts(`nginx:1.25@${DIGEST}`), ['docker.io', 'library/nginx', '1.25', DIGEST, 'docker.io/library/nginx']);
  assert.is(effectiveTag(parseImageReference(`nginx@${DIGEST}`)!), undefined);
  assert.is(effectiveTag(parseImageReference('nginx')!), 'latest');
  assert.is(effectiveTag(parseImageReference('nginx:1')!), '1');
});

test('invalid references are undefined, never thrown', () => {
  for (const image of [
    undefined,
    null,
    42,
    {},
    '',
    ' nginx',
    'nginx ',
    'Nginx:1',
    'nginx:$(TAG)',
    '{{ .Values.image }}',
    '${IMAGE}',
    'nginx@sha256:abc',
    `nginx@sha256:${'a'.repeat(63)}`,
    'nginx:',
    'registry.example.com/',
    'a//b',
    `nginx:${'x'.repeat(129)}`,
  ]) {
    assert.is(parseImageReference(image), undefined, String(image));
  }
});

test.run();
