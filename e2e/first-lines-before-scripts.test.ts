import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { servedSession, type ServedSession } from './fixtures/served-session';
import { newUser } from './helpers/browser';
import { waitUntilReady } from './helpers/session';

/** A line of the starter file as the page shows it (spaces may be U+00A0 in Monaco). */
const LINE = STARTER_FILE.content.split('\n').find((line) => line.includes('function'))!;

describe('opening a link shows the file before the page’s scripts', () => {
  let served: ServedSession;

  beforeAll(async () => {
    served = await servedSession(undefined, async () => ({}));
  });
  afterAll(() => served?.close());

  it('draws the first file’s lines from the HTML alone, with none of the app’s scripts loaded', async () => {
    const person = await newUser(served.browser);
    await person.page.route('**/_next/static/**/*.js', (route) => route.abort());
    await person.page.goto(served.session.editUrl);
    const view = person.page.getByRole('region', { name: `${STARTER_FILE.path}, loading the editor` });
    await view.waitFor();
    expect((await view.textContent())?.includes(LINE.trim())).toBe(true);
    expect(await person.page.locator('.editor-tab').textContent()).toBe(STARTER_FILE.path);
    await person.context.close();
  });

  it('then hands over to the session view and Monaco, with no error on the page', async () => {
    const person = await newUser(served.browser);
    // React reports a hydration mismatch on the console: the shell the script drew into must not cause one.
    const consoleErrors: string[] = [];
    person.page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await person.page.goto(served.session.editUrl);
    await waitUntilReady(person.page);
    expect(await person.page.evaluate(() => window.sparkpad?.editorValue())).toBe(STARTER_FILE.content);
    expect(person.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await person.context.close();
  });
});
