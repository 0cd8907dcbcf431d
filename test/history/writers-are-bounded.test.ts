import { describe, expect, it } from 'vitest';
import { Writers } from '../../server/history/writers';

const ana = { name: 'Ana', color: '#aa3377', kind: 'human' } as const;
const bob = { name: 'Bob', color: '#3377aa', kind: 'human' } as const;

describe('the names a room keeps for its writers', () => {
  it('keeps at most the cap, dropping the client seen longest ago', () => {
    const writers = new Writers(2);
    writers.note('r', 1, ana);
    writers.note('r', 2, bob);
    writers.note('r', 1, ana);
    writers.note('r', 3, { ...bob, name: 'Bea' });
    expect(Object.keys(writers.of('r')).sort()).toEqual(['1', '3']);
  });

  it('follows a rename and forgets a room that unloads', () => {
    const writers = new Writers(10);
    writers.note('r', 1, ana);
    writers.note('r', 1, { ...ana, name: 'Ana B.' });
    expect(writers.of('r')).toEqual({ 1: { ...ana, name: 'Ana B.' } });
    writers.forget('r');
    expect(writers.of('r')).toEqual({});
  });
});
