import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../server/auth/secret';
import { makeDataDir } from '../helpers/server-process';

const root = path.resolve(import.meta.dirname, '../..');

function startWithSecretFile(content: string) {
  const dataDir = makeDataDir();
  fs.writeFileSync(path.join(dataDir, 'secret.key'), content, { mode: 0o600 });
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, SPARKPAD_SERVE_NEXT: 'false', SPARKPAD_DATA_DIR: dataDir, SPARKPAD_SECRET: '', PORT: '0' },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the secret file', () => {
  it('refuses to start on an empty secret.key (anyone could forge links with an empty key)', () => {
    const result = startWithSecretFile('');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/secret\.key.*(empty|shorter than 32)/);
  });

  it('refuses to start on a secret.key shorter than 32 characters', () => {
    const result = startWithSecretFile('short-secret\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/secret\.key.*shorter than 32/);
  });

  it('generates a full-length secret on first start and reads the same one back', () => {
    const dataDir = makeDataDir();
    const first = loadOrCreateSecret(dataDir, undefined);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadOrCreateSecret(dataDir, undefined)).toBe(first);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
