// Formatters by name, loaded only when asked for: start-up time matters.
import type { Formatter } from './types';

const LOADERS: Record<string, () => Formatter> = {
  stylish: () => require('./stylish').stylish,
  json: () => require('./json').json,
  compact: () => require('./compact').compact,
  sarif: () => require('./sarif').sarif,
  github: () => require('./github').github,
  junit: () => require('./junit').junit,
  summary: () => require('./summary').summary,
};

export function formatterNames(): string[] {
  return Object.keys(LOADERS);
}

export function loadFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : undefined;
}

/** Formats whose output a machine reads: no progress spinner, no colour. */
export const MACHINE_FORMATS = new Set(['json', 'sarif', 'junit', 'github']);
