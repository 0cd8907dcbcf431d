import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envNames, loadConfig } from '../server/config';

const root = path.resolve(import.meta.dirname, '..');

describe('settings', () => {
  it('are all listed in the README', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const missing = Object.values(envNames).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('name the variable when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty', SPARKPAD_MAX_FILES_PER_ROOM: '0' })).toThrow(
      /PORT: [\s\S]*SPARKPAD_MAX_FILES_PER_ROOM: /,
    );
  });

  it('stop the server at start with a clear message on a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: { ...process.env, SPARKPAD_SERVE_NEXT: 'false', SPARKPAD_FAST_FORMAT: 'telepathy', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('SPARKPAD_FAST_FORMAT');
  });
});
