import { create } from 'zustand';
import type { FollowUp } from '../../shared/protocol/next-edit';

/**
 * The room's next-edit follow-ups as the server last sent them, and this person's part in them: the one
 * their Tab is taking them to (`going`) and those they waved away with Esc. The server's list is the
 * truth about claims; this store never marks a claim itself.
 */
export interface NextEditState {
  followUps: FollowUp[];
  going: string | null;
  dismissed: ReadonlySet<string>;
}

export const useNextEditStore = create<NextEditState>(() => ({ followUps: [], going: null, dismissed: new Set() }));

export function setFollowUps(followUps: FollowUp[]): void {
  const { going } = useNextEditStore.getState();
  useNextEditStore.setState({ followUps, going: going && followUps.some((f) => f.id === going) ? going : null });
}

export function goTo(id: string | null): void {
  useNextEditStore.setState({ going: id });
}

export function dismiss(id: string): void {
  const { dismissed, going } = useNextEditStore.getState();
  useNextEditStore.setState({ dismissed: new Set([...dismissed, id]), going: going === id ? null : going });
}

/** Someone else was first: Tab no longer heads there (the list already shows whose it is). */
export function refusedClaim(followUp: string): void {
  const { going } = useNextEditStore.getState();
  if (going === followUp) useNextEditStore.setState({ going: null });
}

/**
 * What this person's Tab offers next in `file` with the cursor at `offset`: the follow-up they are on,
 * else one of their own change's that nobody else claimed (this file first, from the cursor on, then the
 * other files), else, in this file only, anyone's unclaimed one on the cursor's line.
 */
export function nextFor(state: NextEditState, me: string, file: string, offset: number, lineOf: (offset: number) => number): FollowUp | null {
  const open = state.followUps.filter((f) => !state.dismissed.has(f.id) && (f.claimedBy === null || f.claimedBy.userId === me));
  const going = open.find((f) => f.id === state.going);
  if (going) return going;
  const mine = open.filter((f) => f.author.userId === me);
  const rank = (f: FollowUp) => (f.file === file ? (f.from >= offset ? 0 : 1) : 2);
  const best = [...mine].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || a.from - b.from)[0];
  if (best) return best;
  const line = lineOf(offset);
  return open.find((f) => f.file === file && lineOf(f.from) === line) ?? null;
}
