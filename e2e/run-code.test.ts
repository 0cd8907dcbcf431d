import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectClient, synced, type YjsClient } from '../test/helpers/yjs-client';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { fileTreeItem } from './helpers/session';

const FILES = {
  'calc.ts': `interface Pair { n: number }\nconst pair: Pair = { n: 21 };\nconsole.log('double is', pair.n * 2);\nconsole.warn('careful');\n`,
  'loop.ts': `let spins = 0;\nwhile (true) { spins++; }\n`,
  'snoop.ts': [
    'const probes: Record<string, () => unknown> = {',
    '  cookie: () => (globalThis as any).document.cookie,',
    "  storage: () => (globalThis as any).localStorage.getItem('secret'),",
    '  parent: () => (globalThis as any).parent.document.title,',
    '};',
    'for (const [name, probe] of Object.entries(probes)) {',
    "  try { console.log(name, 'READ', String(probe())); } catch (e) { console.log(name, 'BLOCKED'); }",
    '}',
    '',
  ].join('\n'),
  'page.html': `<h1>Hello preview</h1><script>document.body.append(' script ran')</script>`,
  'crash.ts': `const a = 1;\nfunction explode(): never {\n  throw new Error('boom');\n}\nexplode();\n`,
} as const;

describe('running code together', () => {
  let people: TwoPeople;
  let alice: User;
  let bob: User;
  let writer: YjsClient;

  beforeAll(async () => {
    people = await twoPeopleInASession({
      names: ['Alice', null],
      sparkReadyFor: null,
      // The files arrive through the real server, as if a third person had written them.
      beforeOpen: async ({ server, session }) => {
        writer = connectClient(server.wsUrl, session.room, session.editToken);
        await synced(writer);
        for (const [path, text] of Object.entries(FILES)) writer.text(path).insert(0, text);
      },
    });
    ({ alice, bob } = people);
  });
  afterAll(async () => {
    writer?.destroy();
    await people?.close();
  });

  async function run(page: Page, path: string): Promise<void> {
    await fileTreeItem(page, path).click();
    await page.waitForFunction((p) => window.sparkpad?.openFile() === p, path);
    await page.getByTestId('run-button').click();
  }
  const entry = (page: Page, text: string) => page.getByTestId('run-entry').filter({ hasText: text });

  it("prints a TypeScript file's console output in both people's output panels", async () => {
    await run(alice.page, 'calc.ts');
    for (const page of [alice.page, bob.page]) {
      const run = entry(page, 'calc.ts exited normally');
      await run.waitFor();
      expect(await run.textContent()).toContain('double is 42');
      expect(await run.textContent()).toContain('careful');
      expect(await run.textContent()).toContain('Alice ran calc.ts');
    }
  });

  it('stops an endless loop at the time limit while the page stays responsive', async () => {
    await run(alice.page, 'loop.ts');
    await alice.page.getByTestId('run-live').waitFor();
    // The page answers while the loop spins: it runs in a worker, not on the page's thread.
    const answered = await alice.page.evaluate(() => document.querySelector('[data-testid="run-live"]') !== null);
    expect(answered).toBe(true);
    const stopped = entry(alice.page, 'loop.ts stopped');
    await stopped.waitFor();
    expect(await stopped.getAttribute('data-status')).toBe('timeout');
    await entry(bob.page, 'loop.ts stopped').waitFor();
  });

  it("cannot read the page's cookies, storage or DOM", async () => {
    await alice.page.evaluate(() => {
      document.cookie = 'session=top-secret-cookie';
      localStorage.setItem('secret', 'top-secret-storage');
    });
    await run(alice.page, 'snoop.ts');
    const run_ = entry(alice.page, 'snoop.ts exited');
    await run_.waitFor();
    const text = (await run_.textContent()) ?? '';
    expect(text).toContain('cookie BLOCKED');
    expect(text).toContain('storage BLOCKED');
    expect(text).toContain('parent BLOCKED');
    expect(text).not.toContain('top-secret');
  });

  it('reports an uncaught error with its file and line', async () => {
    await run(bob.page, 'crash.ts');
    const crashed = entry(alice.page, 'crash.ts exited with an error');
    await crashed.waitFor();
    expect(await crashed.textContent()).toContain('Uncaught Error: boom (crash.ts:3)');
  });

  it('previews an HTML file live in a sandboxed frame as it is edited', async () => {
    await fileTreeItem(bob.page, 'page.html').click();
    const preview = bob.page.frameLocator('[data-testid="html-preview"]');
    await preview.locator('h1', { hasText: 'Hello preview' }).waitFor({ state: 'attached' });
    await preview.locator('body', { hasText: 'script ran' }).waitFor({ state: 'attached' });
    expect(await bob.page.getByTestId('html-preview').getAttribute('sandbox')).toBe('allow-scripts');
    writer.text('page.html').insert('<h1>Hello'.length, ' again,');
    await preview.locator('h1', { hasText: 'Hello again, preview' }).waitFor({ state: 'attached' });
  });
});
