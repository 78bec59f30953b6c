// Credential formats and credential-like names, for the secrets rules.
// Value patterns follow the token formats their issuers document, as collected by gitleaks
// (https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml) and Microsoft's credential scanning
// (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string,
// https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas,
// https://learn.microsoft.com/azure/storage/common/storage-sas-overview).
// Every regex is linear (bounded repetitions, no nested quantifiers): ConfigMaps of a megabyte are scanned.

export interface CredentialPattern {
  id: string;
  /** What the credential is, for messages: "an Azure Storage connection string (AccountKey)". */
  description: string;
  pattern: RegExp;
  /** Further check on the matched text (documented example values...). When the pattern has a capture group,
   *  group 1 is the secret part and must also be a literal (not a placeholder or reference). */
  accept?: (match: string, value: string) => boolean;
}

/** Keys published in the emulator and SDK docs: not secrets, and copied into many dev manifests. */
export const PUBLISHED_EXAMPLE_KEYS: readonly string[] = [
  // Azurite / Azure Storage Emulator well-known account key (devstoreaccount1).
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // Azure Cosmos DB emulator well-known key.
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
];

const notPublishedExample = (match: string): boolean => !PUBLISHED_EXAMPLE_KEYS.some((key) => match.includes(key));

/** Checked in order; the first match describes a value. */
export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  {
    id: 'private-key',
    description: 'a PEM private key',
    // RFC 7468 armor has five dashes; libraries and hand edits accept 3 to 5 (`---BEGIN RSA PRIVATE KEY---`).
    pattern: /-{3,5}BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-{3,5}/,
  },
  {
    id: 'putty-private-key',
    description: 'a PuTTY private key',
    pattern: /PuTTY-User-Key-File-[0-9]: /,
  },
  {
    id: 'azure-cosmos-connection-string',
    description: 'an Azure Cosmos DB connection string (AccountKey)',
    pattern: /AccountEndpoint=https:\/\/[^;\s]{1,300};\s{0,4}AccountKey=[A-Za-z0-9+/]{20,}={0,2}/i,
    accept: notPublishedExample,
  },
  {
    id: 'azure-storage-connection-string',
    description: 'an Azure Storage connection string (AccountKey)',
    pattern: /AccountKey=[A-Za-z0-9+/]{20,}={0,2}/i,
    accept: notPublishedExample,
  },
  {
    id: 'azure-service-bus-connection-string',
    description: 'an Azure Service Bus or Event Hubs connection string (SharedAccessKey)',
    pattern: /Endpoint=sb:\/\/[^;\s]{1,300};\s{0,4}SharedAccessKeyName=[^;\s]{1,256};\s{0,4}SharedAccessKey=[A-Za-z0-9+/]{20,}={0,2}/i,
  },
  {
    id: 'azure-shared-access-key',
    description: 'an Azure shared access key (SharedAccessKey), as in IoT Hub and Relay connection strings',
    pattern: /SharedAccessKey=[A-Za-z0-9+/]{20,}={0,2}/i,
  },
  {
    id: 'azure-sas-token',
    description: 'an Azure shared access signature (SAS token)',
    pattern: /(?:^|[?&;\s])sig=[A-Za-z0-9%+/]{20,}/i,
    // `sig=` alone is too common; a SAS also carries its version, expiry, resource or key name.
    accept: (_match, value) => /(?:^|[?&;\s])(?:sv|se|sr|skn|sp)=/i.test(value),
  },
  {
    id: 'azure-entra-client-secret',
    description: 'a Microsoft Entra ID (Azure AD) client secret',
    pattern: /(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
  },
  {
    id: 'aws-access-key-id',
    description: 'an AWS access key id',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/,
    // AWS documentation uses AKIAIOSFODNN7EXAMPLE.
    accept: (match) => !match.endsWith('EXAMPLE'),
  },
  {
    id: 'jwt',
    description: 'a JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/,
  },
  {
    id: 'github-token',
    description: 'a GitHub token',
    pattern: /\b(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})\b/,
  },
  {
    id: 'slack-token',
    description: 'a Slack token',
    pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,255}/,
  },
  {
    id: 'slack-webhook',
    description: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/]{20,}/,
  },
  {
    id: 'google-api-key',
    description: 'a Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/,
  },
  {
    id: 'stripe-secret-key',
    description: 'a Stripe live secret key',
    pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,255}\b/,
  },
  {
    id: 'npm-token',
    description: 'an npm access token',
    pattern: /\bnpm_[A-Za-z0-9]{36}\b/,
  },
  {
    id: 'connection-string-password',
    description: 'a connection string with a password',
    // ADO.NET, ODBC, JDBC-style and StackExchange.Redis strings: `Server=…;User Id=app;Password=…`, `host:6380,password=…`.
    // Group 1 is the password, which must be a literal.
    pattern: /(?:^|[;,])\s{0,10}(?:password|pwd)\s{0,10}=\s{0,10}([^;,\s][^;,]{0,255})/i,
  },
  {
    id: 'url-password',
    description: 'a password in a URL',
    // scheme://user:password@host; the user may be empty (redis://:password@host). Group 1 is the password,
    // which must be a literal (not `$(DB_PASSWORD)` or `<password>`).
    pattern: /\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:@/?#]{0,256}:([^\s@/?#]{1,256})@[^\s@/?#]/,
  },
];

/**
 * Words that make a variable or key name a credential on their own: `DB_PASSWORD`, `githubToken`, `client-secret`.
 * Names are split into words at `_`, `-`, `.`, spaces and camelCase boundaries before matching.
 */
export const SECRET_WORDS: readonly string[] = [
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS',
  'APIKEY', 'APIKEYS', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'CONNSTR', 'CONNECTIONSTRING',
  'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'ACCOUNTKEY', 'MASTERKEY', 'AUTHKEY',
];

/** `PWD` is a password only beside another word (`MYSQL_PWD`); alone it is the shell's working directory. */
export const SECRET_WORDS_NOT_ALONE: readonly string[] = ['PWD'];

/** One-word names ending in these are credentials too: `DBPASSWORD`, `CLIENTSECRET`, `ACCESSTOKEN`. */
export const SECRET_WORD_SUFFIXES: readonly string[] = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'APIKEY', 'ACCESSKEY', 'SECRETKEY', 'PRIVATEKEY'];

/** `<qualifier>_KEY` is a credential (`API_KEY`, `STORAGE_ACCOUNT_KEY`); a bare `KEY` (`CACHE_KEY`) is not. */
export const KEY_QUALIFIERS: readonly string[] = [
  'API', 'ACCESS', 'SECRET', 'PRIVATE', 'ACCOUNT', 'MASTER', 'SIGNING', 'ENCRYPTION', 'DECRYPTION', 'AUTH', 'APP',
  'LICENSE', 'SUBSCRIPTION', 'STORAGE', 'SESSION', 'HMAC', 'CRYPTO', 'SSH', 'PRIMARY', 'SECONDARY', 'SHARED', 'WORKSPACE',
  // Azure Batch account keys (`azure_batch_key`), the OCI CLI's API signing key (`oci_cli_key_content`).
  'BATCH', 'CLI',
];

/**
 * Words that, after the credential word, say the name is ABOUT a credential, not the credential itself:
 * `PASSWORD_FILE`, `TOKEN_TTL`, `SECRET_NAME`, `API_KEY_HEADER`, `ACCESS_KEY_ID`.
 */
export const METADATA_WORDS: readonly string[] = [
  'FILE', 'FILES', 'PATH', 'PATHS', 'DIR', 'DIRECTORY', 'MOUNT', 'LOCATION', 'NAME', 'NAMES', 'REF', 'REFS', 'ENV', 'VAR',
  'ID', 'IDS', 'USER', 'USERNAME', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRE', 'EXPIRATION', 'LIFETIME', 'DURATION', 'AGE',
  'TIMEOUT', 'INTERVAL', 'PERIOD', 'ROTATION', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'LENGTH', 'LEN', 'MIN', 'MAX',
  'COUNT', 'SIZE', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'HEADER', 'TYPE', 'KIND', 'FORMAT', 'MODE', 'METHOD',
  'ALGORITHM', 'ALG', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED', 'POLICY', 'PROVIDER', 'BACKEND', 'STORE',
  'SOURCE', 'NAMESPACE', 'VERSION', 'AUDIENCE', 'ISSUER', 'SCOPE', 'SCOPES', 'CLAIM', 'CLAIMS', 'FIELD', 'PARAM',
  'PREFIX', 'SUFFIX', 'LABEL', 'HINT', 'STRENGTH', 'COMPLEXITY', 'VALIDATION', 'RETRIES', 'CACHE',
];
