/**
 * A room's next-edit follow-ups and who took each on. They are held by the server, never in the shared
 * document: a claim is made by a connection the server authenticated, for the identity it verified, so no
 * browser can write someone else's claim or take one a second time. Each follow-up is anchored by Yjs
 * relative positions, so it moves with the text around it, and goes away as soon as its span no longer
 * reads what it read (applied by someone, or overtaken by typing). Every change of the list is sent to
 * every listener (each connection of the room), coalesced to one list per turn of the event loop.
 */
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { FollowUp, FollowUpPerson, NextEditRefusal } from '../../../lib/shared/protocol/next-edit';
import type { FollowUpEdit } from '../semantic/follow-ups';

interface Held {
  id: string;
  source: string;
  file: string;
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  before: string;
  after: string;
  kind: FollowUp['kind'];
  title: string;
  author: FollowUpPerson;
  /** `holder` is the connection that claimed it: its end gives the claim back. */
  claim: { by: FollowUpPerson; holder: string } | null;
}

type Listener = (followUps: FollowUp[]) => void;

export class FollowUpBoard {
  private held: Held[] = [];
  private readonly listeners = new Set<Listener>();
  private sent: FollowUp[] = [];
  private sentJson = '[]';
  private timer: NodeJS.Immediate | null = null;

  constructor(
    private readonly doc: Y.Doc,
    /** Most follow-ups a room holds at once; a change with more offers its nearest ones. */
    private readonly limit: number,
  ) {
    filesOf(doc).observeDeep(this.schedule);
  }

  /**
   * The follow-ups of one change by `author`. Those of an earlier change to the same declaration by the
   * same person are replaced (a rename typed on: `greet → wel`, then `greet → welcome`), unless someone
   * has claimed one; a span that already has a follow-up keeps that one.
   */
  offer(author: FollowUpPerson, edits: readonly FollowUpEdit[]): void {
    const sources = new Set(edits.map((edit) => edit.source));
    this.held = this.held.filter((h) => h.claim !== null || h.author.userId !== author.userId || !sources.has(h.source));
    const taken = new Set(this.current().map((f) => `${f.file}:${f.from}:${f.to}`));
    const contents = new Map<string, string>();
    for (const edit of edits) {
      if (this.held.length >= this.limit) break;
      const text = filesOf(this.doc).get(edit.path);
      if (!(text instanceof Y.Text) || taken.has(`${edit.path}:${edit.from}:${edit.to}`)) continue;
      if (!contents.has(edit.path)) contents.set(edit.path, text.toString());
      // The file may have moved on while the language service worked.
      if (contents.get(edit.path)!.slice(edit.from, edit.to) !== edit.before) continue;
      taken.add(`${edit.path}:${edit.from}:${edit.to}`);
      this.held.push({
        id: nanoid(12),
        source: edit.source,
        file: edit.path,
        start: Y.createRelativePositionFromTypeIndex(text, edit.from, 0),
        // The end sticks to the span's last character, so typing just after it does not grow it.
        end: Y.createRelativePositionFromTypeIndex(text, edit.to, -1),
        before: edit.before,
        after: edit.after,
        kind: edit.kind,
        title: edit.title,
        author,
        claim: null,
      });
    }
    this.publish();
  }

  /** Takes follow-up `id` on for `by`; refused when it is someone else's or gone. Claiming one's own again is fine. */
  claim(id: string, by: FollowUpPerson, holder: string): NextEditRefusal | null {
    const held = this.current().some((f) => f.id === id) ? this.held.find((h) => h.id === id) : undefined;
    if (!held) return 'FOLLOW_UP_GONE';
    if (held.claim && held.claim.holder !== holder) return 'ALREADY_CLAIMED';
    held.claim = { by, holder };
    this.publish();
    return null;
  }

  release(id: string, holder: string): void {
    const held = this.held.find((h) => h.id === id);
    if (held?.claim?.holder !== holder) return;
    held.claim = null;
    this.publish();
  }

  /** A connection ended: what it claimed is free again. */
  releaseAll(holder: string): void {
    let changed = false;
    for (const held of this.held) {
      if (held.claim?.holder !== holder) continue;
      held.claim = null;
      changed = true;
    }
    if (changed) this.publish();
  }

  /** Calls `listener` with the list now and after every change; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.sent);
    return () => void this.listeners.delete(listener);
  }

  /** The follow-ups that still apply, with their offsets now; the others are forgotten. */
  current(): FollowUp[] {
    const files = filesOf(this.doc);
    const texts = new Map<string, string>();
    const out: FollowUp[] = [];
    this.held = this.held.filter((h) => {
      const text = files.get(h.file);
      const start = Y.createAbsolutePositionFromRelativePosition(h.start, this.doc);
      const end = Y.createAbsolutePositionFromRelativePosition(h.end, this.doc);
      if (!(text instanceof Y.Text) || start?.type !== text || end?.type !== text) return false;
      if (!texts.has(h.file)) texts.set(h.file, text.toString());
      if (texts.get(h.file)!.slice(start.index, end.index) !== h.before) return false;
      const { id, file, before, after, kind, title, author, claim } = h;
      out.push({ id, file, from: start.index, to: end.index, before, after, kind, title, author, claimedBy: claim?.by ?? null });
      return true;
    });
    return out;
  }

  destroy(): void {
    filesOf(this.doc).unobserveDeep(this.schedule);
    if (this.timer) clearImmediate(this.timer);
    this.listeners.clear();
    this.held = [];
  }

  private readonly schedule = (): void => {
    if (this.held.length === 0 && this.sent.length === 0) return;
    this.timer ??= setImmediate(() => {
      this.timer = null;
      this.publish();
    });
  };

  private publish(): void {
    const list = this.current();
    const json = JSON.stringify(list);
    if (json === this.sentJson) return;
    this.sent = list;
    this.sentJson = json;
    for (const listener of [...this.listeners]) listener(list);
  }
}
