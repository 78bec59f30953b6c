// Start-up baseline: load `yaml` and parse one file the way kubeguard does (YAML 1.1, every document to JS).
'use strict';
const { readFileSync } = require('node:fs');
const { parseAllDocuments } = require('yaml');

for (const document of parseAllDocuments(readFileSync(process.argv[2], 'utf8'), { version: '1.1' })) document.toJS();
