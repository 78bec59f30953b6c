// Loads the kubernetes-models validator of one built-in kind, lazily and synchronously, only for kinds a run contains.
//
// Each model module (`kubernetes-models/apps/v1/Deployment`) wraps a generated ajv validator in
// `kubernetes-models/_schemas/<Definition>.js`. We resolve the model module (the package's exports map decides which
// apiVersion/kind pairs exist), read which `_schemas` file it wraps and require that file directly: the model class and
// @kubernetes-models/base are never loaded. The schema files need `formats` from @kubernetes-models/validate, whose
// index pulls in ajv-formats, ajv-formats-draft2019, is-cidr and ajv-i18n (about 30 ms); the few formats the Kubernetes
// schemas use are provided here instead, with a fallback to the real module for any other one.
// kubernetes-models is external to the esbuild bundle, so these computed requires resolve at run time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Module } from 'node:module';
import * as vm from 'node:vm';
import { formats } from './formats';

/** The error objects the generated ajv validators produce (ajv's ErrorObject, the fields we use). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

const GROUP = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const VERSION = /^v[0-9]+((alpha|beta)[0-9]*)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** The kubernetes-models module name for a built-in apiVersion/kind, or undefined when the text cannot be one. */
export function modelModuleName(apiVersion: string, kind: string): string | undefined {
  const parts = apiVersion.split('/');
  if (parts.length > 2 || !KIND.test(kind)) return undefined;
  const [group, version] = parts.length === 2 ? parts : ['', parts[0]];
  if ((group !== '' && !GROUP.test(group)) || !VERSION.test(version)) return undefined;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

const cache = new Map<string, SchemaValidator | null>();

/**
 * The validator of `apiVersion`/`kind`, or undefined when kubernetes-models does not know the pair as a top-level
 * kind (custom resources, typos, nested types such as `v1/Container`). Results, including misses, are cached.
 */
export function loadValidator(apiVersion: string, kind: string): SchemaValidator | undefined {
  const key = `${apiVersion} ${kind}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  const validator = resolveValidator(apiVersion, kind);
  cache.set(key, validator ?? null);
  return validator;
}

// The per-schema bundles scripts/build-schemas.js writes next to the CLI bundle (dist/schemas/): one self-contained
// file per kind instead of a validator's ~115 modules, each with the V8 code cache of its compiled code
// (`<name>.js.cache`), made by the build from a training run. Absent when running from sources, and for the kinds the
// build leaves out (List kinds, older versions of a kind): then the kubernetes-models modules are loaded as below.
let bundles: { directory: string; index: Record<string, string> } | null | undefined;

function bundledValidator(moduleName: string): SchemaValidator | undefined {
  if (bundles === undefined) {
    bundles = null;
    try {
      const directory = path.join(__dirname, 'schemas');
      bundles = { directory, index: JSON.parse(fs.readFileSync(path.join(directory, 'index.json'), 'utf8')) as Record<string, string> };
    } catch {
      // Not built: the modules of kubernetes-models.
    }
  }
  if (!bundles) return undefined;
  const key = moduleName.slice('kubernetes-models/'.length);
  const name = Object.prototype.hasOwnProperty.call(bundles.index, key) ? bundles.index[key] : undefined;
  if (typeof name !== 'string' || !/^[A-Za-z0-9]+$/.test(name)) return undefined;
  try {
    const loaded = runSchemaBundle(path.join(bundles.directory, `${name}.js`)).exports as { validate?: SchemaValidator };
    return typeof loaded.validate === 'function' ? loaded.validate : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compiles and runs one schema bundle as a CommonJS module, with its code cache when there is one (V8 rejects a
 * stale or foreign cache and compiles as usual). V8 matches a cache to the source text, which the build's training run
 * compiles the same way (`Module.wrap` of the file). The bundles are ASCII (the build checks), so latin1 is the
 * cheaper exact decoding.
 */
export function runSchemaBundle(file: string, cachedData = readCache(`${file}.cache`)): { exports: unknown; script: vm.Script } {
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'latin1')), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  const unexpectedRequire = (id: string): never => {
    throw new Error(`schema bundle ${file} requires ${id}: it should be self-contained`);
  };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, unexpectedRequire, module, file, path.dirname(file));
  return { exports: module.exports, script };
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function resolveValidator(apiVersion: string, kind: string): SchemaValidator | undefined {
  const moduleName = modelModuleName(apiVersion, kind);
  if (!moduleName) return undefined;
  const bundled = bundledValidator(moduleName);
  if (bundled) return bundled;
  let modelFile: string;
  try {
    modelFile = require.resolve(moduleName);
  } catch {
    return undefined;
  }
  let source: string;
  try {
    source = fs.readFileSync(modelFile, 'utf8');
  } catch {
    return undefined;
  }
  // Top-level kinds carry `Kind.kind="Kind"`; nested types (Container, PodSpec) have no kind and are not objects of their own.
  if (!source.includes(`.kind="${kind}"`)) return undefined;
  const schema = /require\("((?:\.\.\/)+_schemas\/[A-Za-z0-9]+\.js)"\)/.exec(source);
  if (!schema) return undefined;
  installFormats(path.dirname(modelFile));
  try {
    const loaded = require(path.resolve(path.dirname(modelFile), schema[1])) as { validate?: SchemaValidator };
    return typeof loaded.validate === 'function' ? loaded.validate : undefined;
  } catch {
    return undefined;
  }
}

let formatsInstalled = false;

function installFormats(fromDirectory: string): void {
  if (formatsInstalled) return;
  formatsInstalled = true;
  let id: string;
  try {
    id = require.resolve('@kubernetes-models/validate', { paths: [fromDirectory] });
  } catch {
    return;
  }
  if (require.cache[id]) return;
  const distDirectory = path.dirname(id);
  let real: Record<string, unknown> | undefined;
  const loadReal = (file: string): Record<string, unknown> => require(path.join(distDirectory, file)) as Record<string, unknown>;
  const proxied = new Proxy(formats, {
    get(target, name) {
      if (typeof name === 'string' && name in target) return target[name];
      real ??= loadReal('formats.js');
      return (real.formats as Record<string | symbol, unknown>)[name];
    },
  });
  const shim = new Module(id) as NodeJS.Module;
  shim.filename = id;
  shim.loaded = true;
  shim.exports = {
    formats: proxied,
    // Never called by the schema files; kept so that any other user of the module still gets it.
    get runValidateFunc() {
      return loadReal('validate.js').runValidateFunc;
    },
  };
  require.cache[id] = shim;
}
