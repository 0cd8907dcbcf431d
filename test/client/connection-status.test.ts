import { describe, expect, it } from 'vitest';
import { nextStatus, type ConnectionEvent, type ConnectionStatus } from '../../lib/browser/collab/connection-status';
import { REFUSAL } from '../../lib/shared/protocol/refusals';

const run = (events: ConnectionEvent[], start: ConnectionStatus = { kind: 'connecting' }) =>
  events.reduce(nextStatus, start);

describe('the connection status a person sees', () => {
  it('is connecting until the first connection, then online', () => {
    expect(run([{ type: 'connecting' }])).toEqual({ kind: 'connecting' });
    expect(run([{ type: 'connecting' }, { type: 'closed', code: 1006 }])).toEqual({ kind: 'connecting' });
    expect(run([{ type: 'connecting' }, { type: 'connected' }])).toEqual({ kind: 'online' });
  });

  it('says reconnecting after a lost connection, and online again once back', () => {
    const lost = run([{ type: 'connected' }, { type: 'closed', code: 1006 }, { type: 'connecting' }]);
    expect(lost).toEqual({ kind: 'reconnecting' });
    expect(nextStatus(lost, { type: 'connected' })).toEqual({ kind: 'online' });
  });

  it('keeps reconnecting through a server restart', () => {
    expect(run([{ type: 'connected' }, { type: 'closed', code: REFUSAL.SERVER_SHUTTING_DOWN }])).toEqual({ kind: 'reconnecting' });
  });

  it('says offline while the browser is offline', () => {
    expect(run([{ type: 'connected' }, { type: 'browser-offline' }, { type: 'closed', code: 1006 }])).toEqual({ kind: 'offline' });
    expect(run([{ type: 'browser-offline' }, { type: 'browser-online' }])).toEqual({ kind: 'reconnecting' });
  });

  it('shows a refusal by name and keeps showing it', () => {
    const refused = run([{ type: 'connecting' }, { type: 'closed', code: REFUSAL.UNAUTHORIZED }]);
    expect(refused).toEqual({ kind: 'refused', reason: 'UNAUTHORIZED' });
    expect(run([{ type: 'connecting' }, { type: 'connected' }], refused)).toBe(refused);
  });
});
