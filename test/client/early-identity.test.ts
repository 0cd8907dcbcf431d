import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestIdentity } from '../../lib/browser/collab/session-api';
import { OPENING_GLOBAL, type EarlyAnswer } from '../../lib/browser/ui/opening-boot-script';

const ISSUED = { identity: 'signed.identity', userId: 'u1' };

function bootState(room: string, token: string, storedIdentity: string | null) {
  const state = {
    room,
    token,
    storedIdentity,
    identity: Promise.resolve<EarlyAnswer | null>({ ok: true, status: 200, body: ISSUED }),
  };
  vi.stubGlobal('window', { [OPENING_GLOBAL]: state });
  return state;
}

describe("the identity the page's inline script asked for", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is taken once, for the same room, token and stored identity, without a second request', async () => {
    bootState('room1', 'tok', null);
    const fetchSpy = vi.fn(async () => new Response(JSON.stringify(ISSUED), { status: 200 }));
    vi.stubGlobal('fetch', fetchSpy);
    const first = await requestIdentity('room1', 'tok', null);
    expect(first.ok).toBe(true);
    expect(fetchSpy).not.toHaveBeenCalled();
    await requestIdentity('room1', 'tok', null);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('is not taken when the page asks with another token or stored identity', async () => {
    bootState('room1', 'tok', null);
    const fetchSpy = vi.fn(async () => new Response(JSON.stringify(ISSUED), { status: 200 }));
    vi.stubGlobal('fetch', fetchSpy);
    await requestIdentity('room1', 'other', null);
    await requestIdentity('room1', 'tok', 'kept.identity');
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });

  it("keeps the server's refusal as the page's own request would report it", async () => {
    const state = bootState('room1', 'tok', null);
    state.identity = Promise.resolve({ ok: false, status: 401, body: { error: 'UNAUTHORIZED' } });
    expect(await requestIdentity('room1', 'tok', null)).toEqual({ ok: false, message: 'The server answered 401 (UNAUTHORIZED).' });
  });
});
