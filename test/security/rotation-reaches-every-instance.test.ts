import { describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../../lib/shared/document/doc-model';
import { REFUSAL } from '../../lib/shared/protocol/refusals';
import { aiHandshake, connectAi } from '../helpers/ai-client';
import { clusterForTheseTests } from '../helpers/cluster';
import type { ServerProcess } from '../helpers/server-process';
import { createSessionViaApi, rotateLinks } from '../helpers/sessions';
import { connectClient, nextClose, synced, whenDoc } from '../helpers/yjs-client';

describe('rotating the links reaches every instance of a cluster', () => {
  const scaled = clusterForTheseTests(2, { env: { SPARKPAD_EMBEDDED_CORPUS_BYTES: '0' } });

  it('closes old-token Yjs and AI sockets on both instances when the links rotate; the owner link keeps working', async () => {
    const [one, two] = scaled.cluster.instances as [ServerProcess, ServerProcess];
    const session = await createSessionViaApi(one.url);
    const stale = [one, two].flatMap((instance) => [
      connectClient(instance.wsUrl, session.room, session.editToken),
      connectClient(instance.wsUrl, session.room, session.viewToken),
    ]);
    await Promise.all(stale.map(synced));
    // Nothing but the rotation's announcement closes a socket here (an instance rechecks its links only when
    // its broker connection comes back), so each close must follow the rotation and carry its reason.
    let rotating = false;
    const closes = stale.map((client) => nextClose(client).then((close) => ({ ...close, afterRotation: rotating })));
    const staleAi = await Promise.all([one, two].map((instance) => connectAi(instance.url, { room: session.room, token: session.editToken })));
    const aiCloses = staleAi.map((client) => client.closed.then((closed) => ({ ...closed, afterRotation: rotating })));
    const owners = [one, two].map((instance) => connectClient(instance.wsUrl, session.room, session.ownerToken));
    await Promise.all(owners.map(synced));
    const ownerAi = await connectAi(two.url, { room: session.room, token: session.ownerToken });

    rotating = true;
    const rotated = await rotateLinks(one.url, session.room, session.ownerToken);
    expect(rotated.status).toBe(200);

    for (const close of await Promise.all(closes)) {
      expect(close).toMatchObject({ code: REFUSAL.LINKS_ROTATED, reason: 'LINKS_ROTATED', afterRotation: true });
    }
    for (const client of stale) client.provider.shouldConnect = false;
    for (const closed of await Promise.all(aiCloses)) expect(closed).toMatchObject({ reason: 'LINKS_ROTATED', afterRotation: true });

    // A fresh handshake with an old token is refused on either instance; the new link is let in.
    for (const instance of [one, two]) {
      const again = connectClient(instance.wsUrl, session.room, session.editToken);
      expect((await nextClose(again)).reason).toBe('LINKS_ROTATED');
      again.destroy();
      expect(await aiHandshake(instance.url, { room: session.room, token: session.viewToken })).toBe('LINKS_ROTATED');
      expect(await aiHandshake(instance.url, { room: session.room, token: rotated.body.editToken as string })).toBe('connected');
    }

    // The owner's sockets on both instances were never closed and still carry edits across.
    owners[0]!.text('main.ts').insert(0, 'owner still edits');
    await whenDoc(owners[1]!.doc, () => owners[1]!.read('main.ts') === `owner still edits${STARTER_FILE.content}`);
    ownerAi.send({ type: 'edit:undo' });
    expect(await ownerAi.next('edit:undone')).toMatchObject({ ok: false });
    for (const client of [...stale, ...owners]) client.destroy();
    ownerAi.close();
  });
});
