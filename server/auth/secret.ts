import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

/** Shortest secret accepted, the same rule as SPARKPAD_SECRET: a shorter HMAC key is guessable. */
export const MIN_SECRET_CHARS = 32;

/**
 * The configured secret, or one generated on first start and kept in the data dir (mode 0600). A secret
 * file that is empty or short (a first start on a full disk, a hand edit) is refused: with it, anyone
 * could forge share links.
 */
export function loadOrCreateSecret(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  const existing = readSecretFile(file);
  if (existing !== null) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // Written whole to a temporary file, then linked into place: the link fails if another process got
  // there first (theirs wins), and nobody ever reads a half-written secret.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, secret, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return readSecretFile(file) ?? secret;
}

function readSecretFile(file: string): string | null {
  let secret: string;
  try {
    secret = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (secret.length < MIN_SECRET_CHARS) {
    const what = secret.length === 0 ? 'is empty' : `is shorter than ${MIN_SECRET_CHARS} characters`;
    throw new ConfigError(
      `${file} ${what}: share links signed with it could be forged. ` +
        `Delete the file to generate a new secret (existing share links stop working), ` +
        `or set SPARKPAD_SECRET to a secret of at least ${MIN_SECRET_CHARS} characters.`,
    );
  }
  return secret;
}
