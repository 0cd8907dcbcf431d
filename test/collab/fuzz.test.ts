import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzMessage, prng } from '../helpers/fuzz-messages';
import { startMemoryCollab, type MemoryCollab } from '../helpers/memory-room';
import { randomRoomId } from '../helpers/sessions';
import { whenDoc } from '../helpers/yjs-client';

const MESSAGES = 10_000;
const SEED = 20261125;

describe('hostile input on the Yjs protocol', () => {
  // In-memory connections: what is under test is how sessions and rooms handle the bytes, and a
  // socket would only add a round trip per message.
  let collab: MemoryCollab;
  beforeAll(() => {
    collab = startMemoryCollab();
  });
  afterAll(() => collab.close());

  it(`survives ${MESSAGES} random and mutated messages while honest clients keep syncing`, async () => {
    const room = randomRoomId();
    const honestA = collab.join(room);
    const honestB = collab.join(room);
    await Promise.all([honestA.connection.opened, honestB.connection.opened]);
    const random = prng(SEED);
    const closeReasons = new Map<string, number>();
    let hostile = collab.connect(room);
    await hostile.opened;
    for (let sent = 0; sent < MESSAGES; sent++) {
      // The session handles each message before send returns, so every one meets a live connection.
      hostile.send(fuzzMessage(random));
      if (hostile.closed) {
        const key = `${hostile.closed.code} ${hostile.closed.reason}`;
        closeReasons.set(key, (closeReasons.get(key) ?? 0) + 1);
        hostile = collab.connect(room);
        await hostile.opened;
      }
      if (sent % 500 === 0) {
        honestA.text().insert(0, String(sent % 10));
        await whenDoc(honestB.doc, () => honestB.read() === honestA.read());
      }
    }
    hostile.disconnect();
    // Offending connections were closed with a reason the client can show.
    expect(closeReasons.get('4010 MALFORMED_MESSAGE')).toBeGreaterThan(100);
    // The room still syncs, for old and new members.
    honestA.text().insert(0, 'after the storm');
    await whenDoc(honestB.doc, () => honestB.read().startsWith('after the storm'));
    const late = collab.join(room, 'view');
    await whenDoc(late.doc, () => late.read() === honestA.read());
    for (const client of [honestA, honestB, late]) client.connection.disconnect();
  });
});
