/** What the numbers were measured on: they mean little without the machine and the exact versions. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAverage, repoRoot } from './servers';

const PACKAGES = [
  'yjs', 'y-websocket', 'y-protocols', '@y/websocket-server', 'ws', 'socket.io', 'socket.io-client',
  'next', 'react', 'monaco-editor', 'y-monaco', 'better-sqlite3', 'playwright-core', 'tsx',
] as const;

function packageVersion(name: string): string | null {
  try {
    const file = path.join(repoRoot, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function tryRun(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  chromium: string | null;
  gitCommit: string | null;
  gitDirty: boolean;
  loadAverageAtStart: number;
  packages: Record<string, string | null>;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    // The Debian wrapper prints a harmless shell warning on stderr; only stdout is read.
    chromium: tryRun('/usr/bin/chromium', ['--version']),
    gitCommit: tryRun('git', ['rev-parse', 'HEAD']),
    gitDirty: (tryRun('git', ['status', '--porcelain']) ?? '') !== '',
    loadAverageAtStart: loadAverage(),
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}
