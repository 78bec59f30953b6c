import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'no-hardcoded-secret-env';

test('valid: references, files, placeholders, booleans, numbers and names about a secret', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            containers:
              - name: app
                image: app:1.0
                env:
                  - name: DB_PASSWORD
                    valueFrom: {secretKeyRef: {name: db, key: password}}
                  - name: POSTGRES_PASSWORD_FILE
                    value: /run/secrets/db-password
                  - name: TOKEN_TTL
                    value: "3600"
                  - name: SECRET_NAME
                    value: my-app-secret
                  - name: API_KEY_HEADER
                    value: X-Api-Key
                  - name: DATABASE_URL
                    value: postgres://app:$(DB_PASSWORD)@db:5432/shop
                  - name: REDIS_PASSWORD
                    value: "$(REDIS_SECRET)"
                  - name: CLIENT_SECRET
                    value: "{{ .Values.clientSecret }}"
                  - name: STORAGE_KEY
                    value: "#{StorageKey}#"
                  - name: GITHUB_TOKEN
                    value: <your-token>
                  - name: USE_TOKEN_AUTH
                    value: "true"
                  - name: PASSWORD
                    value: ""
                  - name: PWD
                    value: srv
                  - name: AWS_ACCESS_KEY_ID
                    value: AKIAIOSFODNN7EXAMPLE
                  - name: OAUTH_TOKEN_URL
                    value: https://login.microsoftonline.com/tenant/oauth2/v2.0/token
                  - name: ConnectionStrings__Default
                    value: Server=tcp:shop.database.windows.net;Database=shop;Authentication=Active Directory Managed Identity
                  - name: SECRET_NUMBER
                    value: 42
                  - name: API_KEY
                  - null
                  - name: 7
                    value: 8
    `),
    [],
  );
});

test('invalid: a credential-like name with a literal, reported at the value key, never printing it', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: app:1.0
          env:
            - name: DB_PASSWORD
              value: hunter2hunter2
            - name: apiKey
              value: changeme
            - name: MYSQL_PWD
              value: "123456789"
  `);
  assert.equal(positions(findings), [
    [RULE, 10, 11],
    [RULE, 12, 11],
    [RULE, 14, 11],
  ]);
  assert.is(findings[0].severity, 'error');
  assert.match(findings[0].message, /Container "app" sets the credential-like env "DB_PASSWORD" to a literal value/);
  for (const finding of findings) {
    assert.not.match(finding.message, /hunter2|changeme|123456789/);
  }
});

test('invalid: a credential format under any name, in init and ephemeral containers of a CronJob', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
  const findings = lintOne(RULE, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              initContainers:
                - name: init
                  image: app:1.0
                  env:
                    - name: STORAGE
                      value: DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==;EndpointSuffix=core.windows.net
              containers:
                - name: job
                  image: app:1.0
                  env:
                    - name: DATABASE_URL
                      value: postgres://app:s3cret@db:5432/shop
                    - name: HEADER
                      value: "Bearer ${jwt}"
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  env:
                    - {name: BUS, value: "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy="}
  `);
  assert.equal(positions(findings), [
    [RULE, 16, 19],
    [RULE, 22, 19],
    [RULE, 24, 19],
    [RULE, 29, 31],
  ]);
  assert.match(findings[0].message, /Init container "init" sets env "STORAGE" to an Azure Storage connection string \(AccountKey\) in plain text/);
  assert.match(findings[1].message, /a password in a URL/);
  assert.match(findings[2].message, /a JSON Web Token/);
  assert.match(findings[3].message, /Ephemeral container "debug" sets env "BUS" to an Azure Service Bus or Event Hubs connection string/);
  for (const finding of findings) assert.not.match(finding.message, /Zm9v|s3cret|eyJ/);
});

test('invalid: a private key and a GitHub token in a Pod', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: app:1.0
          env:
            - name: SSH_KEY
              value: |
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAA
                -----END OPENSSH PRIVATE KEY-----
            - name: GH
              value: ghp_A1b2C3d4E5A1b2C3d4E5A1b2C3d4E5abcdef
  `);
  assert.equal(positions(findings), [
    [RULE, 10, 11],
    [RULE, 15, 11],
  ]);
  assert.match(findings[0].message, /a PEM private key/);
  assert.match(findings[1].message, /a GitHub token/);
});

test('invalid: an unnamed env entry is named by its position, unquoted, like an unnamed container', () => {
  const findings = lintOne('no-hardcoded-secret-env', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - image: app:1.0
          env:
            - value: postgres://app:s3cr3tPass@db/shop
  `);
  assert.equal(positions(findings), [['no-hardcoded-secret-env', 8, 11]]);
  assert.is(findings[0].message, 'Container #1 sets env #1 to a password in a URL in plain text: move it to a Secret or Azure Key Vault and reference it with valueFrom.');
});

test.run();
