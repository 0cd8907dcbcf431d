import { describe, expect, it } from 'vitest';
import { accessFromLocation, tokenFromHash } from '../../lib/browser/collab/share-link';
import { TokenSigner } from '../../server/auth/tokens';

const signer = new TokenSigner('unit-test-secret-unit-test-secret-0123');
const room = 'R'.repeat(22);

describe('the token in a share link', () => {
  it('is read from the fragment only', () => {
    expect(tokenFromHash('#k=abc.def')).toBe('abc.def');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });

  it('makes the editor read-only for a view link and editable for an edit link', () => {
    expect(accessFromLocation(room, `#k=${signer.issue(room, 'view')}`)).toMatchObject({ kind: 'ok', permission: 'view' });
    expect(accessFromLocation(room, `#k=${signer.issue(room, 'edit')}`)).toMatchObject({ kind: 'ok', permission: 'edit' });
  });

  it('names a link without a key or for another room', () => {
    expect(accessFromLocation(room, '')).toEqual({ kind: 'missing-token' });
    expect(accessFromLocation(room, `#k=${signer.issue('S'.repeat(22), 'edit')}`)).toEqual({ kind: 'wrong-room' });
  });

  it('still asks the server about a token it cannot read, as a viewer', () => {
    expect(accessFromLocation(room, '#k=garbage')).toEqual({ kind: 'ok', token: 'garbage', permission: 'view' });
  });
});
