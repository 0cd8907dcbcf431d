import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import type { ServerProcess } from '../test/helpers/server-process';
import { connectClient, synced } from '../test/helpers/yjs-client';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { typeAtEnd } from './helpers/monaco';
import { fileTreeItem, setName, type CreatedSession } from './helpers/session';

const KEY_CANARY = 'sk-canary-never-in-the-browser-4242';
const XSS = `<img src=x onerror="window.__pwned=1">`;

describe('what reaches the browser: never a model key, never markup from names', () => {
  let sim: ModelSimulator;
  let people: TwoPeople;
  let server: ServerProcess;
  let session: CreatedSession;
  let alice: User;
  let bob: User;
  const received: string[] = [];

  beforeAll(async () => {
    // The fast tier answers 401: its error message travels to the browser, the key must not.
    sim = await startModelSimulator({ port: 0, behaviour: { fault: '401' } });
    people = await twoPeopleInASession({
      env: { SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_KEY: KEY_CANARY, SPARKPAD_FAST_MODEL: 'sim' },
      names: [null, null],
      sparkReadyFor: null,
      // Everything each page receives, from its first response on.
      beforeOpen: (people) => {
        for (const user of [people.alice, people.bob]) {
          user.page.on('response', (response) => void response.text().then((body) => received.push(body), () => {}));
          user.page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => received.push(String(payload))));
        }
      },
    });
    ({ server, session, alice, bob } = people);
  });
  afterAll(async () => {
    await people?.close();
    await sim?.close();
  });

  it('never sends a model API key to the browser, even in a tier error', async () => {
    await typeAtEnd(alice.page, '\nconst total = ');
    // The request reached the tier and failed there, so the error path ran end to end.
    await sim.waitForRequest(1);
    const problem = alice.page.getByTestId('spark-suggestion-problem');
    await problem.waitFor();
    // Named by tier (TIER_UNAUTHORIZED, or TIER_COOLING_DOWN once it failed repeatedly), never with the key.
    expect(await problem.textContent()).toMatch(/fast tier \([^)]*\) refused the API key/);
    expect(received.length).toBeGreaterThan(10);
    expect(received.filter((body) => body.includes(KEY_CANARY))).toEqual([]);
  });

  it('renders names and file names as text, never as HTML', async () => {
    await setName(alice.page, XSS.slice(0, 40));
    const writer = connectClient(server.wsUrl, session.room, session.editToken);
    await synced(writer);
    // A file name that breaks the naming rules is refused by the server; the allowed characters cannot form markup.
    writer.text('notes.md').insert(0, XSS);
    writer.provider.awareness.setLocalState({
      user: { id: 'mallory', name: XSS.slice(0, 40), color: '#ff0000', kind: 'human' },
      file: 'notes.md',
      selection: null,
    });
    await bob.page.getByTestId('presence-item').filter({ hasText: '<img' }).first().waitFor();
    await fileTreeItem(bob.page, 'notes.md').click();
    await bob.page.waitForFunction(() => window.sparkpad?.editorValue()?.includes('<img'));
    const pwned = await Promise.all([alice.page, bob.page].map((page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)));
    expect(pwned).toEqual([undefined, undefined]);
    expect(await bob.page.locator('img[src="x"]').count()).toBe(0);
    writer.destroy();
  });
});
