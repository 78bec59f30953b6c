// Throughput baseline: read every manifest under a directory and parse it with `yaml` as kubeguard must
// (YAML 1.1, every document to JS), nothing else. Prints "<files> files, <bytes> bytes, <documents> documents".
// Usage: node bench/throughput/parse-only.js DIR
'use strict';
const { readFileSync, writeSync } = require('node:fs');
const path = require('node:path');
const { parseAllDocuments } = require('yaml');
const { listManifests } = require('../lib/corpus');

const dir = path.resolve(process.argv[2] ?? '.');
let bytes = 0;
let documents = 0;
const files = listManifests(dir);
for (const file of files) {
  const text = readFileSync(path.join(dir, file), 'utf8');
  bytes += Buffer.byteLength(text);
  // logLevel 'error': yaml would print a warning for each templated key ({{ ... }}) in Helm chart sources.
  for (const document of parseAllDocuments(text, { version: '1.1', logLevel: 'error' })) {
    try {
      document.toJS();
    } catch {
      // a document that cannot be converted (alias limits) counts all the same
    }
    documents++;
  }
}
writeSync(1, `${files.length} files, ${bytes} bytes, ${documents} documents\n`);
