import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { zipOf } from '../test/helpers/workspace-zips';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { dropFiles } from './helpers/drop';
import { openSession, waitUntilReady } from './helpers/session';

describe('work comes in from files and goes out as a .zip', () => {
  let server: ServerProcess;
  let browser: Browser;
  let alice: User;
  let bob: User;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkpad-transfer-'));
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, content);
    return file;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    [alice, bob] = await Promise.all([newUser(browser), newUser(browser)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('starts a session from a .zip picked on the landing page, adds files for everyone, refuses by name and downloads it all', async () => {
    await alice.page.goto(server.url);
    const project = write('project.zip', zipOf({ 'src/index.ts': 'export const a = 1;\n', 'README.md': '# Project\r\n' }));
    await alice.page.getByTestId('import-files-input').setInputFiles(project);
    await alice.page.waitForURL(/\/s\/[^#]+#k=/);
    await waitUntilReady(alice.page);
    expect(await alice.page.evaluate(() => window.sparkpad?.files())).toEqual(['README.md', 'src/index.ts']);

    await openSession(bob.page, alice.page.url());
    await alice.page.getByTestId('add-files-input').setInputFiles(write('extra.ts', 'export const extra = 2;\n'));
    await alice.page.getByTestId('add-files-status').filter({ hasText: 'Added extra.ts.' }).waitFor();
    await bob.page.locator('[data-testid="file-tree-item"][data-path="extra.ts"]').waitFor();

    await alice.page.getByTestId('add-files-input').setInputFiles(write('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe])));
    await alice.page.getByTestId('add-files-status').filter({ hasText: 'logo.png: Only text files' }).waitFor();
    expect(await alice.page.evaluate(() => window.sparkpad?.files())).toEqual(['extra.ts', 'README.md', 'src/index.ts']);

    const [download] = await Promise.all([bob.page.waitForEvent('download'), bob.page.getByTestId('download-workspace-button').click()]);
    const unzipped = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    const texts = Object.fromEntries(Object.entries(unzipped).map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
    expect(texts).toEqual({ 'README.md': '# Project\r\n', 'extra.ts': 'export const extra = 2;\n', 'src/index.ts': 'export const a = 1;\n' });
  });

  it('starts a session from files dropped on the landing page and adds files dropped on the file tree', async () => {
    const carol = await newUser(browser);
    await carol.page.goto(server.url);
    await dropFiles(carol.page, '[data-testid="landing-drop"]', { 'dropped.ts': 'export const dropped = 1;\n', 'notes.md': '# notes\n' });
    await carol.page.waitForURL(/\/s\/[^#]+#k=/);
    await waitUntilReady(carol.page);
    expect(await carol.page.evaluate(() => window.sparkpad?.files())).toEqual(['dropped.ts', 'notes.md']);
    await dropFiles(carol.page, 'nav.file-tree', { 'more.ts': 'export const more = 2;\n' });
    await carol.page.getByTestId('add-files-status').filter({ hasText: 'Added more.ts.' }).waitFor();
    expect(await carol.page.evaluate(() => window.sparkpad?.fileText('more.ts'))).toBe('export const more = 2;\n');
  });
});
