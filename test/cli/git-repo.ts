// Real Git repositories in temporary directories for the --staged, hook and init tests, isolated from the user's
// Git configuration and from any Git environment the tests run inside (a hook sets GIT_DIR, GIT_INDEX_FILE...).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers';

/** The environment for git and the CLI: no GIT_* from outside, no global or system config, no colour. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('GIT_') || key === 'FORCE_COLOR' || key === 'NO_COLOR' || key === 'CI') continue;
    env[key] = value;
  }
  return { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...extra };
}

export interface Repo {
  dir: string;
  env: Record<string, string>;
  git(...args: string[]): string;
  write(path: string, content: string | Buffer): void;
}

export function gitRepo(files: Record<string, string> = {}): Repo {
  const dir = tempDir();
  const home = tempDir();
  const env = cleanEnv(home);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q');
  git('config', 'user.name', 'kubeguard test');
  git('config', 'user.email', 'test@kubeguard.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'core.autocrlf', 'false');
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { dir, env, git, write };
}
