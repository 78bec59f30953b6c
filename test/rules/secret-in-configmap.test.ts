import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'secret-in-configmap';

test('valid: ordinary configuration, names about secrets, references and templates', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app}
      data:
        LOG_LEVEL: info
        TOKEN_TTL: "3600"
        PASSWORD_FILE: /run/secrets/db
        SECRET_NAME: app-secrets
        DATABASE_URL: postgres://app:$(DB_PASSWORD)@db/shop
        ca.crt: |
          -----BEGIN CERTIFICATE-----
          MIIBszCCAVmgAwIBAgIU
          -----END CERTIFICATE-----
        app.env: |
          MODE=production
          DB_PASSWORD=\${DB_PASSWORD}
          API_KEY=
          TOKEN_URL=https://login.example.com/token
        settings.json: |
          {
            "password": "{{ .Values.password }}",
            "secret": {
              "name": "x"
            },
            "tokenLifetime": 30
          }
        SOME_PASSWORD: 42
    `),
    [],
  );
});

test('valid: the kube-prometheus Grafana dashboards and configs of the corpus', () => {
  const corpus = resolve(__dirname, '../../../shared/corpus/real/kube-prometheus');
  for (const file of ['grafana-dashboardDefinitions.yaml', 'grafana-dashboardSources.yaml', 'blackboxExporter-configuration.yaml']) {
    assert.equal(lintOne(RULE, readFileSync(resolve(corpus, file), 'utf8')), [], file);
  }
});

test('invalid: a credential-named key with a literal value, masked in the message', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: app}
    data:
      LOG_LEVEL: info
      DB_PASSWORD: hunter2hunter2
      password.txt: s3cretvalue
  `);
  assert.equal(positions(findings), [
    [RULE, 6, 3],
    [RULE, 7, 3],
  ]);
  assert.is(findings[0].severity, 'warning');
  assert.match(findings[0].message, /ConfigMap "app" key "DB_PASSWORD" holds a literal credential \(hu\*\*\*\*\)/);
  assert.not.match(findings[0].message, /hunter2/);
});

test('invalid: credential formats anywhere in a value, with the line inside multi-line values', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: app}
    data:
      storage: DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==
      appsettings.json: |
        {
          "Logging": {"LogLevel": "Information"},
          "ConnectionStrings": {
            "Db": "Server=tcp:shop.database.windows.net;Database=shop;User ID=app;Password=P@ssw0rd!"
          }
        }
      id_rsa: |
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEA
        -----END RSA PRIVATE KEY-----
  `);
  assert.equal(positions(findings), [
    [RULE, 5, 3],
    [RULE, 6, 3],
    [RULE, 13, 3],
  ]);
  assert.match(findings[0].message, /key "storage" holds an Azure Storage connection string \(AccountKey\):/);
  assert.match(findings[1].message, /a connection string with a password \(line 4 of the value\)/);
  assert.match(findings[2].message, /a PEM private key \(line 1 of the value\)/);
  for (const finding of findings) assert.not.match(finding.message, /Zm9v|P@ss|MIIE/);
});

test('invalid: embedded .env, properties, YAML and XML entries are reported at the key', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: app, namespace: shop}
    data:
      app.env: |
        MODE=production
        export DB_PASSWORD="hunter2hunter2"
        STRIPE_API_KEY=abcdefgh12345678
      application.properties: |
        server.port=8080
        spring.datasource.password = s3cretvalue
      alertmanager.yml: |
        global:
          smtp_auth_password: 'mailpassword'
      web.config: |
        <configuration>
          <password>xmlsecretvalue</password>
        </configuration>
  `);
  assert.equal(positions(findings), [
    [RULE, 5, 3],
    [RULE, 9, 3],
    [RULE, 12, 3],
    [RULE, 15, 3],
  ]);
  assert.match(findings[0].message, /key "app\.env" holds the credential "DB_PASSWORD" \(hu\*\*\*\*, line 2 of the value\) and 1 more/);
  assert.match(findings[1].message, /"spring\.datasource\.password" \(s3\*\*\*\*, line 2 of the value\)/);
  assert.match(findings[2].message, /"smtp_auth_password"/);
  assert.match(findings[3].message, /"password" \(xm\*\*\*\*, line 2 of the value\)/);
  for (const finding of findings) assert.not.match(finding.message, /hunter2|s3cret|mailpassword|xmlsecret/);
});

test('valid: nsswitch.conf sources, variable lookups in code, padded markers, names and namespace/name references', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: app}
    data:
      nsswitch.conf: |
        passwd:     compat
        shadow:     files systemd
        group:      compat
      server.py: |
        import os
        token=os.environ["HUB_TOKEN"]
        api_key = os.getenv('API_KEY')
        secret = process.env.SECRET
      config.yaml: |
        login_token:
          signing_key: CHANGEME00000000
        deployment:
          secret_name: credential-volume
          credentials: credential-volume
        _example:
          client_secret: some-namespace/some-secret
          password: "\${DB_PASSWORD:-x}"
      client_secret: other-namespace/oauth-client
      token: os.environ["TOKEN"]
  `);
  assert.equal(findings, []);
});

test('invalid: credential key names with a literal value (aws, azure batch, oci cli, client secret, password)', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: cloud}
    data:
      aws_secret_access_key: wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY9
      azure_batch_key: Zm9vYmFyYmF6cXV4Zm9vYmFy
      oci_cli_key_content: MIIEvQIBADANBgkqhkiG9w0B
      client_secret: q8R~d.abcDEF123
      password: hunter2hunter2
  `);
  assert.equal(positions(findings), [
    [RULE, 5, 3],
    [RULE, 6, 3],
    [RULE, 7, 3],
    [RULE, 8, 3],
    [RULE, 9, 3],
  ]);
  assert.match(findings[1].message, /key "azure_batch_key" holds a literal credential \(Zm\*\*\*\*\)/);
});

test('invalid: PEM private key armor with 3 to 5 dashes', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: keys}
    data:
      three.pem: |
        ---BEGIN RSA PRIVATE KEY---
        MIIEow
      four.pem: |
        ----BEGIN PRIVATE KEY----
        MIIEow
      five.pem: |
        -----BEGIN EC PRIVATE KEY-----
        MIIEow
      two.txt: |
        --BEGIN PRIVATE KEY--
  `);
  assert.equal(positions(findings), [
    [RULE, 5, 3],
    [RULE, 8, 3],
    [RULE, 11, 3],
  ]);
  assert.match(findings[0].message, /a PEM private key/);
});

test('valid: other kinds, binaryData and malformed data', () => {
  assert.equal(lintOne(RULE, yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: odd}
    data: [DB_PASSWORD, hunter2]
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: bin}
    binaryData: {DB_PASSWORD: aHVudGVyMg==}
    data: {nested: {DB_PASSWORD: hunter2}, empty: null}
  `), []);
});

test.run();
