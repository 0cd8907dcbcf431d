import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { servedSession, type ServedSession } from './fixtures/served-session';
import { newUser, type User } from './helpers/browser';
import { setTypingAids, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { openSession } from './helpers/session';

/**
 * Keeps the document updates a page sends (y-protocols sync message, update sub-type: bytes 0, 2) until
 * `release` is called; sync handshakes and awareness pass. Two pages held like this have both opened the
 * room and typed before either hears from the other: the moment two first visitors race.
 */
async function holdSentUpdates(page: Page): Promise<{ release(): void }> {
  const held: Array<() => void> = [];
  let holding = true;
  await page.routeWebSocket(/\/yjs\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const isUpdate = typeof message !== 'string' && message[0] === 0 && message[1] === 2;
      if (holding && isUpdate) held.push(() => server.send(message));
      else server.send(message);
    });
  });
  return {
    release() {
      holding = false;
      for (const send of held.splice(0)) send();
    },
  };
}

describe('two first visitors of a new room at the same moment', () => {
  let served: ServedSession;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    served = await servedSession(undefined, async () => ({}));
    [alice, bob] = await Promise.all([newUser(served.browser), newUser(served.browser)]);
    const gates = await Promise.all([holdSentUpdates(alice.page), holdSentUpdates(bob.page)]);
    await Promise.all([openSession(alice.page, served.session.editUrl), openSession(bob.page, served.session.editUrl)]);
    await Promise.all([setTypingAids(alice.page, false), setTypingAids(bob.page, false)]);
    // Each types before anything either of them wrote has reached the server.
    await typeAtEnd(alice.page, '// first words of Alice');
    await typeAtEnd(bob.page, '// first words of Bob');
    for (const gate of gates) gate.release();
  });
  afterAll(() => served?.close());

  it('find the starter file the server made, and end with exactly one main.ts', async () => {
    for (const page of [alice.page, bob.page]) {
      await waitForEditorValue(page, { includes: ['// first words of Alice', '// first words of Bob'] });
      expect(await page.evaluate(() => window.sparkpad?.files())).toEqual([STARTER_FILE.path]);
    }
  });

  it('keep both people’s first keystrokes in the one file', async () => {
    const seen = await Promise.all(
      [alice.page, bob.page].map((page) => waitForEditorValue(page, { includes: ['// first words of Alice', '// first words of Bob'] })),
    );
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]!.startsWith(STARTER_FILE.content)).toBe(true);
  });
});
