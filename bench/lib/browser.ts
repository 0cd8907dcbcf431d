/**
 * What the browser parts share: one `next build` per run, a server that serves pages, a session made
 * through the public API, and Debian's Chromium driven by playwright-core.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BenchContext } from './part';
import { repoRoot, startOurs, type BenchServer } from './servers';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type Availability = { ok: true } | { ok: false; reason: string };

let build: Promise<Availability> | null = null;

/** Runs `next build` once per bench run (skipped with --no-build, which reuses .next as it is). */
export function ensureBuild(context: BenchContext): Promise<Availability> {
  if (!context.options.build) return Promise.resolve({ ok: true });
  build ??= new Promise((resolve) => {
    const started = performance.now();
    context.log('next build …');
    const child = spawn('npx', ['next', 'build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      context.log(`next build exited ${code} after ${Math.round((performance.now() - started) / 1000)} s`);
      if (code === 0) return resolve({ ok: true });
      const log = path.join(repoRoot, 'bench/results/next-build.log');
      fs.mkdirSync(path.dirname(log), { recursive: true });
      fs.writeFileSync(log, output);
      const firstError = output.split('\n').find((line) => /error/i.test(line)) ?? `exit code ${code}`;
      resolve({ ok: false, reason: `next build failed (bench/results/next-build.log): ${firstError.trim().slice(0, 160)}` });
    });
  });
  return build;
}

export interface CreatedSession {
  room: string;
  editUrl: string;
}

/** A session made the way a person makes one: POST /api/sessions on the running server. */
export async function createSession(server: BenchServer & { process: { url: string } }): Promise<CreatedSession> {
  const response = await fetch(`${server.process.url}/api/sessions`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /api/sessions answered ${response.status}`);
  return (await response.json()) as CreatedSession;
}

export async function startPageServer(env: Record<string, string> = {}) {
  return startOurs({ next: true, env });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/**
 * A page in its own context (one person, own storage). tsx compiles our page scripts with esbuild's
 * keepNames, which wraps inner functions in `__name(...)`; the page needs that helper to run them.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return context.newPage();
}

/**
 * Opens a session link and waits until Monaco shows the shared document. Returns a reason instead of
 * throwing when the page is not there yet, so the part can print "not available".
 */
export async function openEditor(page: Page, url: string): Promise<Availability> {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch((e: Error) => e);
  if (response instanceof Error) return { ok: false, reason: `page did not load: ${response.message.split('\n')[0]}` };
  if (!response || !response.ok()) return { ok: false, reason: `session page answered ${response?.status()}` };
  try {
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 60_000 });
    // The debug handle answers from the bound model once the first sync put the file into it.
    await page.waitForFunction(() => (window as { sparkpad?: { editorValue(): string | null } }).sparkpad?.editorValue(), null, {
      timeout: 60_000,
    });
  } catch {
    return { ok: false, reason: 'no Monaco editor with a synced document on the session page within 60 s' };
  }
  return { ok: true };
}
