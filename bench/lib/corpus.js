// Builds the throughput corpus: ../shared/corpus (real/, helm-rendered/ without the chart sources, kustomize/) copied
// N times into a temp directory. Only manifest files (.yaml, .yml, .json) are copied, so kubeguard and the parse-only baseline read
// exactly the same files. Nothing is written inside the repository.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const PARTS = ['real', 'helm-rendered', 'kustomize'];
const EXTENSIONS = ['.yaml', '.yml', '.json'];

function isManifest(name) {
  const lower = name.toLowerCase();
  return EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** Manifest files under `dir`, recursively, in a stable order (relative paths). */
function listManifests(dir, base = dir, out = []) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') listManifests(full, base, out);
    } else if (entry.isFile() && isManifest(entry.name)) {
      out.push(path.relative(base, full));
    }
  }
  return out;
}

function sourceFiles() {
  if (!fs.existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS} (expected ../shared/corpus next to the checkout)`);
  const files = [];
  for (const part of PARTS) {
    for (const file of listManifests(path.join(CORPUS, part))) {
      // helm-rendered/<name>/chart/ holds the Helm chart sources (Go templates) next to the rendered output: kubeguard
      // renders charts or skips them, so neither side of the comparison should read them as YAML.
      if (part === 'helm-rendered' && file.split(path.sep).includes('chart')) continue;
      const source = path.join(CORPUS, part, file);
      files.push({ source, relative: path.join(part, file), bytes: fs.statSync(source).size });
    }
  }
  return files;
}

/** Copies the corpus `copies` times into a new temp directory; returns { dir, files, bytes, remove() }. */
function replicateCorpus(copies, label = `x${copies}`) {
  const files = sourceFiles();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kubeguard-bench-${label}-`));
  let count = 0;
  let bytes = 0;
  for (let copy = 1; copy <= copies; copy++) {
    const copyDir = path.join(dir, `copy-${String(copy).padStart(3, '0')}`);
    for (const file of files) {
      const target = path.join(copyDir, file.relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file.source, target);
      count++;
      bytes += file.bytes;
    }
  }
  return { dir, files: count, bytes, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function corpusSize() {
  const files = sourceFiles();
  return { files: files.length, bytes: files.reduce((sum, file) => sum + file.bytes, 0) };
}

module.exports = { CORPUS, PARTS, replicateCorpus, corpusSize, listManifests, isManifest };
