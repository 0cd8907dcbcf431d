import { beforeEach, describe, expect, it } from 'vitest';
import { dismiss, goTo, nextFor, setFollowUps, useNextEditStore } from '../../lib/browser/ai/next-edit-store';
import type { FollowUp, FollowUpPerson } from '../../lib/shared/protocol/next-edit';

const ALICE: FollowUpPerson = { userId: 'alice', name: 'Alice', color: '#00f' };
const BOB: FollowUpPerson = { userId: 'bob', name: 'Bob', color: '#f00' };

function followUp(id: string, file: string, from: number, author = ALICE, claimedBy: FollowUpPerson | null = null): FollowUp {
  return { id, file, from, to: from + 5, before: 'greet', after: 'welcome', kind: 'rename', title: 'greet → welcome', author, claimedBy };
}

/** Lines of 10 characters: offset 25 is on line 3. */
const lineOf = (offset: number) => Math.floor(offset / 10) + 1;
const offered = (me: string, file: string, offset: number) => nextFor(useNextEditStore.getState(), me, file, offset, lineOf)?.id ?? null;

describe('which follow-up Tab offers', () => {
  beforeEach(() => useNextEditStore.setState({ followUps: [], going: null, dismissed: new Set() }));

  it('offers the author their own follow-ups, in the open file from the cursor on first, then other files', () => {
    setFollowUps([followUp('other-file', 'b.ts', 0), followUp('earlier', 'a.ts', 3), followUp('later', 'a.ts', 40)]);
    expect(offered('alice', 'a.ts', 20)).toBe('later');
    expect(offered('alice', 'c.ts', 0)).toBe('earlier');
  });

  it('never offers a follow-up someone else claimed, to anyone', () => {
    setFollowUps([followUp('taken', 'b.ts', 0, ALICE, BOB)]);
    expect(offered('alice', 'a.ts', 0)).toBeNull();
    expect(offered('carol', 'b.ts', 0)).toBeNull();
    expect(offered('bob', 'b.ts', 0)).toBe('taken');
  });

  it('offers someone else’s follow-up only in the open file and on the cursor’s line', () => {
    setFollowUps([followUp('f', 'b.ts', 25)]);
    expect(offered('bob', 'b.ts', 0)).toBeNull();
    expect(offered('bob', 'b.ts', 21)).toBe('f');
    expect(offered('bob', 'a.ts', 21)).toBeNull();
  });

  it('keeps offering the one Tab went to, and not one skipped with Esc', () => {
    setFollowUps([followUp('first', 'b.ts', 0), followUp('second', 'b.ts', 40)]);
    goTo('second');
    expect(offered('alice', 'b.ts', 0)).toBe('second');
    dismiss('second');
    expect(offered('alice', 'b.ts', 0)).toBe('first');
  });

  it('forgets where Tab was going once the server no longer lists it', () => {
    setFollowUps([followUp('gone', 'b.ts', 0)]);
    goTo('gone');
    setFollowUps([]);
    expect(useNextEditStore.getState().going).toBeNull();
  });
});
