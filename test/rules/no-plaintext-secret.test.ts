import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'no-plaintext-secret';

test('valid: encrypted or referencing kinds are never flagged', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: bitnami.com/v1alpha1
      kind: SealedSecret
      metadata: {name: db}
      spec:
        encryptedData: {password: AgBy3i4OJSWK+PiTySYZZA==}
      ---
      apiVersion: external-secrets.io/v1beta1
      kind: ExternalSecret
      metadata: {name: db}
      spec:
        data:
          - secretKey: password
            remoteRef: {key: db-password}
      ---
      apiVersion: secrets-store.csi.x-k8s.io/v1
      kind: SecretProviderClass
      metadata: {name: kv}
      spec:
        provider: azure
        parameters: {keyvaultName: shop-kv, tenantId: 00000000-0000-0000-0000-000000000000}
    `),
    [],
  );
});

test('valid: Secrets without values: empty, template slots, a service account token shell, SOPS', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: empty}
      type: Opaque
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: slots}
      data: {}
      stringData:
        password: ""
        token: "{{ .Values.token }}"
        key: "#{StorageKey}#"
        other: null
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: build-robot-token
        annotations: {kubernetes.io/service-account.name: build-robot}
      type: kubernetes.io/service-account-token
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: sops-values}
      stringData:
        password: ENC[AES256_GCM,data:Tr7o1Q==,iv:abc=,tag:def=,type:str]
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: sops-file}
      data: {password: c2VjcmV0}
      sops:
        version: 3.8.1
      ---
      apiVersion: example.com/v1
      kind: Secret
      metadata: {name: not-core}
      data: {password: c2VjcmV0}
    `),
    [],
  );
});

test('invalid: data with values, reported at data, naming keys but no values', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Secret
    metadata: {name: db, namespace: shop}
    type: Opaque
    data:
      username: YXBw
      password: aHVudGVyMg==
  `);
  assert.equal(positions(findings), [[RULE, 5, 1]]);
  assert.is(findings[0].severity, 'warning');
  assert.match(findings[0].message, /Secret "db" keeps 2 values \("username", "password"\) in data in the repository, only base64-encoded/);
  assert.not.match(findings[0].message, /aHVudGVyMg|hunter2/);
});

test('invalid: stringData and data both reported; a token in a service-account-token Secret; many keys shortened', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Secret
    metadata: {name: tls}
    type: kubernetes.io/tls
    stringData:
      tls.key: |
        -----BEGIN PRIVATE KEY-----
    data:
      tls.crt: LS0t
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: token}
    type: kubernetes.io/service-account-token
    data: {token: ZXlKaGJHY2lPaUpTVXpJMU5pSjk=}
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: many}
    stringData: {a: "1", b: "2", c: "3", d: "4", e: "5", f: "6", g: 7}
  `);
  assert.equal(positions(findings), [
    [RULE, 5, 1],
    [RULE, 8, 1],
    [RULE, 15, 1],
    [RULE, 20, 1],
  ]);
  assert.match(findings[0].message, /keeps a value \("tls\.key"\) in stringData in the repository:/);
  assert.match(findings[3].message, /keeps 7 values \("a", "b", "c", "d", "e", …\)/);
});

test('valid: malformed data does not crash', () => {
  assert.equal(lintOne(RULE, yaml`
    apiVersion: v1
    kind: Secret
    metadata: {name: odd}
    data: [a, b]
    stringData: "text"
  `), []);
});

test('valid: an unquoted {{HF_TOKEN}} (a mapping to YAML), ellipsis prose and HELMSUBST_ tokens are placeholders', () => {
  assert.equal(
    lintOne('no-plaintext-secret', yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: hf}
      stringData:
        hf_api_token: {{HF_TOKEN}}
        other: {{ .Values.other | quote }}
        subst: HELMSUBST_secret_value
      data:
        tls.key: "...base64 encoded data..."
    `),
    [],
  );
});

test('invalid: a real value beside placeholders is still reported', () => {
  const findings = lintOne('no-plaintext-secret', yaml`
    apiVersion: v1
    kind: Secret
    metadata: {name: hf}
    stringData:
      hf_api_token: {{HF_TOKEN}}
      nested: {user: admin}
  `);
  assert.equal(positions(findings), [['no-plaintext-secret', 4, 1]]);
  assert.match(findings[0].message, /keeps a value \("nested"\) in stringData/);
});

test.run();
