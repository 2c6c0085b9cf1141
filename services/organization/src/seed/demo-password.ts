import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir } from '@cbccvc/platform';

/**
 * The demo users' password: random per installation and kept beside the data (mode 0600), never a
 * built-in default. Used only with the development identity provider.
 */
export function demoPassword(dataDir: string): string {
  const file = join(dataDir, 'demo-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(9).toString('base64url');
  ensureDir(file);
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}
