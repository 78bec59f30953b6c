import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  embeddedAssignments,
  findCredential,
  hasCredentialShape,
  isReference,
  isLiteralSecretValue,
  isPlaceholder,
  isSecretLikeName,
  mask,
} from '../../src/rules/utils/secret-detection';

test('credential-like names', () => {
  for (const name of [
    'PASSWORD', 'DB_PASSWORD', 'dbPassword', 'MYSQL_ROOT_PASSWORD', 'POSTGRES_PASSWD', 'SMTP_PASS', 'MYSQL_PWD',
    'GITHUB_TOKEN', 'authToken', 'ACCESSTOKEN', 'JWT_SECRET', 'AZURE_CLIENT_SECRET', 'clientSecret', 'API_KEY', 'apiKey',
    'APIKEY', 'X_APIKEY', 'AWS_SECRET_ACCESS_KEY', 'STORAGE_ACCOUNT_KEY', 'ACCOUNT_KEY', 'PRIVATE_KEY', 'SIGNING_KEY',
    'CREDENTIALS', 'GOOGLE_CREDS', 'SECRET_KEY_BASE', 'spring.datasource.password', 'client-secret', 'DBPASSWORD',
    'passphrase', 'LOG_ANALYTICS_SHARED_KEY',
  ]) {
    assert.ok(isSecretLikeName(name), name);
  }
});

test('names about a credential, or not about one', () => {
  for (const name of [
    'PWD', 'PASSWORD_FILE', 'POSTGRES_PASSWORD_FILE', 'TOKEN_TTL', 'TOKEN_URL', 'OAUTH_TOKEN_ENDPOINT', 'SECRET_NAME',
    'SECRETS_DIR', 'API_KEY_HEADER', 'AWS_ACCESS_KEY_ID', 'CERT_PATH', 'TLS_KEY_PATH', 'PASSWORD_MIN_LENGTH',
    'TOKEN_EXPIRY_SECONDS', 'SESSION_TIMEOUT', 'CACHE_KEY', 'KEY', 'PARTITION_KEY', 'BYPASS_PROXY', 'COMPASS', 'TOKENIZER',
    'SECRET_STORE', 'KEYCLOAK_URL', 'CONNECTION_STRING', 'ConnectionStrings__DefaultConnection', 'NODE_ENV', 'PASSWORD_POLICY', 'SECRET_PROVIDER_CLASS', 'VAULT_SECRET_PATH', '', 'USERNAME',
  ]) {
    assert.not.ok(isSecretLikeName(name), name);
  }
  assert.not.ok(isSecretLikeName(undefined));
  assert.not.ok(isSecretLikeName(42));
});

test('literal values versus placeholders, references, booleans, numbers, paths and URLs', () => {
  for (const value of ['hunter2', 'changeme', 'REPLACE_ME', 'P@ssw0rd!', '12345678', 'x1', 'secret value with spaces']) {
    assert.ok(isLiteralSecretValue(value), value);
  }
  for (const value of [
    '', '   ', '$(DB_PASSWORD)', '${DB_PASSWORD}', '$DB_PASSWORD', 'prefix-$(X)', '{{ .Values.password }}', '<password>',
    '<your-api-key>', '[redacted]', '#{DbPassword}#', '__DbPassword__', '@db.password@', '%DB_PASSWORD%', '****', 'xxxxxxxx',
    'REDACTED', 'true', 'False', 'yes', 'off', 'none', '-', '8080', '3600', '0.5', '30s', '24h', '/run/secrets/db',
    './secret.txt', '~/.ssh/id_rsa', 'C:\\secrets\\db.txt', 'https://vault.example.com/v1/secret',
    // A value naming its own slot (microservices-demo's GOOGLE_API_KEY_VAL, replaced by a script before deploying).
    'GOOGLE_API_KEY_VAL', 'YOUR_DB_PASSWORD',
  ]) {
    assert.not.ok(isLiteralSecretValue(value), value);
  }
  assert.not.ok(isLiteralSecretValue(undefined));
  assert.not.ok(isLiteralSecretValue(1234));
  assert.ok(isPlaceholder('{{ x }}'));
  assert.not.ok(isPlaceholder('abc'));
});

const CREDENTIALS: Array<[string, string]> = [
  ['private-key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow…\n-----END RSA PRIVATE KEY-----'],
  ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
  ['private-key', '-----BEGIN PRIVATE KEY-----'],
  ['private-key', '-----BEGIN EC PRIVATE KEY-----'],
  ['azure-cosmos-connection-string', 'AccountEndpoint=https://shop.documents.azure.com:443/;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==;'],
  ['azure-storage-connection-string', 'DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==;EndpointSuffix=core.windows.net'],
  ['azure-service-bus-connection-string', 'Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy='],
  ['azure-service-bus-connection-string', 'Endpoint=sb://hub.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy=;EntityPath=orders'],
  ['azure-shared-access-key', 'HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy='],
  ['azure-sas-token', 'https://shop.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&sig=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4%3D'],
  ['azure-sas-token', 'SharedAccessSignature sr=hub.azure-devices.net&sig=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4%3D&se=1700000000&skn=owner'],
  ['azure-entra-client-secret', 'abc8Q~Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm'],
  ['aws-access-key-id', 'AKIAZ7QWERTYUIOPASDF'],
  ['aws-access-key-id', 'ASIAZ7QWERTYUIOPASDF'],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ['github-token', `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`],
  ['github-token', `github_pat_${'A1b2C3d4E5'.repeat(8)}`],
  ['slack-token', 'xoxb-1234567890-abcdefghij'],
  ['slack-webhook', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
  ['google-api-key', `AIza${'A1b2C3d4E5'.repeat(3)}abcde`],
  ['stripe-secret-key', `sk_live_${'A1b2C3d4E5'.repeat(3)}`],
  ['npm-token', `npm_${'A1b2C3d4E5'.repeat(3)}abcdef`],
  ['connection-string-password', 'Server=tcp:shop.database.windows.net,1433;Database=shop;User ID=app;Password=s3cr3t!;Encrypt=True'],
  ['connection-string-password', 'Host=db;Username=app;PWD = hunter2'],
  ['connection-string-password', 'shop.redis.cache.windows.net:6380,password=Zm9vYmFy,ssl=True'],
  ['url-password', 'postgres://app:s3cret@db:5432/shop'],
  ['url-password', 'redis://:s3cret@redis:6379/0'],
  ['url-password', 'mongodb+srv://admin:hunter2@cluster0.example.net/db'],
];

test('credential patterns', () => {
  for (const [id, value] of CREDENTIALS) {
    assert.is(findCredential(value)?.id, id, value);
  }
});

test('near misses: no credential', () => {
  for (const value of [
    '-----BEGIN CERTIFICATE-----',
    '-----BEGIN PUBLIC KEY-----',
    'UseDevelopmentStorage=true',
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
    'AccountKey=',
    'https://example.com/page?sig=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4',
    'AKIAIOSFODNN7EXAMPLE',
    'AKIA123',
    'eyJhbGciOiJIUzI1NiJ9',
    'ghp_short',
    'postgres://app:$(DB_PASSWORD)@db:5432/shop',
    'postgres://app:${DB_PASSWORD}@db/shop',
    'postgres://app:<password>@db/shop',
    'https://user@example.com/',
    'http://example.com:8080/path',
    'mailto:someone@example.com',
    'plain text',
    'Server=tcp:shop.database.windows.net;Database=shop;Authentication=Active Directory Managed Identity',
    'Server=db;Database=shop;User ID=app;Password=$(DB_PASSWORD)',
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
    '',
  ]) {
    assert.is(findCredential(value), undefined, value);
  }
  assert.is(findCredential(undefined), undefined);
  assert.is(findCredential(12345678), undefined);
});

test('patterns stay fast on a large value', () => {
  // A megabyte of near-misses: each regex is linear, so this must not hang (no timing asserted).
  const text = `${'a'.repeat(200)}://${'b'.repeat(300)}:${'c'.repeat(300)} eyJ${'d'.repeat(100)}. sig=${'e'.repeat(50)}\n`.repeat(1200);
  assert.is(findCredential(text), undefined);
});

test('mask keeps at most two characters', () => {
  assert.is(mask('hunter2hunter2'), 'hu****');
  assert.is(mask('short'), '****');
  assert.is(mask('  padded-secret  '), 'pa****');
});

test('embedded configuration files: .env, properties, YAML, JSON, XML', () => {
  const text = [
    '# comment',
    'export DB_PASSWORD="s3cret"',
    'spring.datasource.password = hunter2  # inline comment',
    '  smtp_auth_password: \'pa\'\'ss\'',
    '    "apiKey": "abc123",',
    '<password>xmlsecret</password>',
    'nested:',
    '  list: [a, b]',
    'empty=',
    'block: |',
  ].join('\n');
  assert.equal(
    embeddedAssignments(text).map((entry) => [entry.name, entry.value, entry.line]),
    [
      ['DB_PASSWORD', 's3cret', 2],
      ['spring.datasource.password', 'hunter2', 3],
      ['smtp_auth_password', "pa'ss", 4],
      ['apiKey', 'abc123', 5],
      ['password', 'xmlsecret', 6],
    ],
  );
});


test('hasCredentialShape: a literal that looks like a credential, not a lookup, reference, name or NSS source', () => {
  for (const value of ['hunter2hunter2', 'P@ssw0rd!', 's3cretvalue', 'mailpassword', 'Zm9vYmFyYmF6cXV4']) {
    assert.ok(hasCredentialShape(value), value);
  }
  for (const value of [
    'compat', 'files systemd', 'os.environ["HUB_TOKEN"]', "os.getenv('X')", 'process.env.SECRET', 'credential-volume',
    'some-namespace/some-secret', 'CHANGEME00000000', '${TOKEN}', 'changeme', 'settings.secret_key', 'get_token()', 'abc',
  ]) {
    assert.not.ok(hasCredentialShape(value), value);
  }
  // Under a password name a short plain word is still a (weak) password; a mode word or an NSS source is not.
  assert.ok(hasCredentialShape('admin', 'spring.datasource.password'));
  assert.ok(hasCredentialShape('somepw', 'DB_PASSWORD'));
  assert.not.ok(hasCredentialShape('admin', 'api_token'));
  assert.not.ok(hasCredentialShape('compat', 'passwd'));
  assert.not.ok(hasCredentialShape('required', 'password'));
  assert.not.ok(hasCredentialShape('os.environ["X"]', 'password'));
  assert.ok(isReference('System.getenv("DB_PASSWORD")'));
  assert.ok(isReference('ENV["TOKEN"]'));
  assert.ok(isReference('ns/secret-name'));
  assert.not.ok(isReference('hunter2'));
});

test.run();
