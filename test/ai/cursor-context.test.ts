import { describe, expect, it } from 'vitest';
import { cursorContext } from '../../server/ai/semantic/cursor-context';

describe('where the language service can judge the cursor', () => {
  it('after a dot on a value: a member', () => {
    expect(cursorContext('user.')).toEqual({ kind: 'member', partial: '' });
    expect(cursorContext('load().then(r => r.js')).toEqual({ kind: 'member', partial: 'js' });
    expect(cursorContext('rows[0].na')).toEqual({ kind: 'member', partial: 'na' });
  });

  it('not after a number or a spread', () => {
    expect(cursorContext('const x = 1.').kind).toBe('none');
    expect(cursorContext('f(...').kind).toBe('none');
  });

  it('in an identifier: names in scope; right after a call opens: its first argument', () => {
    expect(cursorContext('  return cou')).toEqual({ kind: 'scope', partial: 'cou' });
    expect(cursorContext('send(')).toEqual({ kind: 'argument', partial: '' });
    expect(cursorContext('if (').kind).toBe('none');
  });

  it('not in a comment, where names are prose (a JSDoc type tag included)', () => {
    expect(cursorContext('const a = 1; // see options.ti').kind).toBe('none');
    expect(cursorContext('/**\n * @param {Buf').kind).toBe('none');
    expect(cursorContext('  /* the socket.re').kind).toBe('none');
    expect(cursorContext('/** doc */\nsocket.re')).toEqual({ kind: 'member', partial: 're' });
  });
});
