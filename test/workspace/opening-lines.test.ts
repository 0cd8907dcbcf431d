import { describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { OPENING_MAX_LINE_CHARS, OPENING_MAX_LINES, openingPath, openingSchema } from '../../lib/shared/protocol/opening';
import { inProcessServerForTheseTests } from '../helpers/server-per-test';
import { createSessionViaApi } from '../helpers/sessions';
import { connectClient, whenDoc } from '../helpers/yjs-client';

describe('the first lines of a session, over HTTP', () => {
  const shared = inProcessServerForTheseTests();

  const get = (room: string, token: string | null) =>
    fetch(`${shared.server().url}${openingPath(room)}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('gives any link of the room the file a page opens first and its lines', async () => {
    const session = await createSessionViaApi(shared.server().url);
    const answer = await get(session.room, session.viewToken);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(openingSchema.parse(await answer.json())).toEqual({ path: STARTER_FILE.path, lines: STARTER_FILE.content.split('\n') });
  });

  it('refuses without a token of that room, as the websocket does', async () => {
    const session = await createSessionViaApi(shared.server().url);
    const other = await createSessionViaApi(shared.server().url);
    expect((await get(session.room, null)).status).toBe(403);
    const wrongRoom = await get(session.room, other.editToken);
    expect(wrongRoom.status).toBe(403);
    expect(await wrongRoom.json()).toMatchObject({ error: 'FORBIDDEN_ROOM' });
  });

  it('answers a screen’s worth of the latest text, however long the file', async () => {
    const session = await createSessionViaApi(shared.server().url);
    const writer = await shared.join(session.room, session.editToken);
    const long = 'x'.repeat(OPENING_MAX_LINE_CHARS * 3);
    writer.text('a.ts').insert(0, `${long}\n${'line\n'.repeat(OPENING_MAX_LINES * 2)}`);
    // A second client that sees the edit proves the server holds it.
    const reader = shared.track(connectClient(shared.server().wsUrl, session.room, session.viewToken));
    await whenDoc(reader.doc, () => reader.read('a.ts') !== '');
    const body = openingSchema.parse(await (await get(session.room, session.viewToken)).json());
    expect(body.path).toBe('a.ts');
    expect(body.lines).toHaveLength(OPENING_MAX_LINES);
    expect(body.lines[0]).toBe(long.slice(0, OPENING_MAX_LINE_CHARS));
    expect(body.lines[1]).toBe('line');
  });
});
