/**
 * The language-service side of the embedded engine: every room's files (mirrored like the n-gram engine's)
 * and a language service per room, created when first asked. It answers what the service knows at a
 * cursor and the code actions of a selection; the worker thread (semantic-worker.ts) runs it.
 */
import { Vocabulary } from '../embedded/tokens';
import { WorkspaceIndex } from '../embedded/workspace-index';
import type { CodeActionOffer } from '../../../lib/shared/protocol/ai';
import { builtProgramMembers } from './built-program-members';
import { computeAction, listActions, type LineReplacement } from './code-actions';
import { cursorContext, isScriptPath, NAME_START } from './cursor-context';
import { followUpsOf, type ChangeInput, type FollowUpEdit } from './follow-ups';
import { RoomLanguageService, type BuiltProgram } from './room-language-service';
import { narrowed, NO_VIEW, semanticView, type SemanticView } from './semantic-view';

export interface SemanticInput {
  room?: string;
  path: string;
  prefix: string;
  suffix: string;
}

export interface ActionInput {
  room: string;
  path: string;
  from: number;
  to: number;
}

const NO_ROOM = '\u0000no room';

/**
 * Full views kept for typing on through a name: the person's own, plus room for what is worked out beside
 * it (a prefetched suggestion's cursor, an anticipated one) so those do not push the person's out.
 */
const RECENT_VIEWS = 3;

interface KeptView {
  room: string;
  path: string;
  /** The text before the name at the cursor, and after the cursor. */
  before: string;
  after: string;
  /** The other files' versions summed: any change to them can change what is allowed. */
  others: number;
  view: SemanticView;
  /** The program the view was answered from, for members asked for later (built-program-members.ts). */
  built: BuiltProgram;
}

/** Characters of the request's text used to find where it sits in the mirrored file. */
const ANCHOR_CHARS = 200;

/**
 * The file as the asker sees it: the request's prefix and suffix may be cut to a window around the
 * cursor, so the mirrored text outside the window fills in the rest.
 */
export function spliceWindow(mirrored: string | undefined, prefix: string, suffix: string): { text: string; cursor: number } {
  if (mirrored === undefined || prefix + suffix === mirrored) return { text: prefix + suffix, cursor: prefix.length };
  const head = prefix.slice(0, ANCHOR_CHARS);
  const start = mirrored.startsWith(head) ? 0 : Math.max(0, mirrored.indexOf(head));
  const tail = suffix.slice(-ANCHOR_CHARS);
  const end = tail ? mirrored.lastIndexOf(tail) : -1;
  const before = mirrored.slice(0, start);
  const after = end >= 0 && end + tail.length >= start + head.length ? mirrored.slice(end + tail.length) : '';
  return { text: before + prefix + suffix + after, cursor: before.length + prefix.length };
}

export class SemanticEngine {
  /** Room files need no tokens here: the table only satisfies the shared file holder. */
  private readonly tokens = new Vocabulary();
  private readonly rooms = new Map<string, { files: WorkspaceIndex; service: RoomLanguageService | null }>();
  private warmed: RoomLanguageService | null = null;
  /** The latest full views, newest first, for typing on through the same name (see narrowed). */
  private recent: KeptView[] = [];

  room(id: string): WorkspaceIndex {
    let room = this.rooms.get(id);
    if (!room) {
      room = { files: new WorkspaceIndex(this.tokens), service: null };
      this.rooms.set(id, room);
    }
    return room.files;
  }

  closeRoom(id: string): void {
    this.recent = this.recent.filter((kept) => kept.room !== id);
    this.rooms.get(id)?.service?.dispose();
    this.rooms.delete(id);
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  /**
   * Builds the standard library's program once, so the first person to type does not pay for it. The
   * service is kept: while it holds the library's parsed files in the shared registry, every room's
   * program reuses them (parsed and bound) instead of reading the library again.
   */
  warm(): void {
    if (this.warmed) return;
    const files = new WorkspaceIndex(this.tokens);
    files.set('warm.ts', 'const warm = [1].map((n) => n);\nwarm.');
    this.warmed = new RoomLanguageService(files);
    semanticView(this.warmed, 'warm.ts', files.text('warm.ts')!.length);
  }

  view(input: SemanticInput): SemanticView {
    if (!isScriptPath(input.path)) return NO_VIEW;
    // Without a room the file is understood alone, in one scratch room that holds only it.
    const room = input.room ?? NO_ROOM;
    const files = this.room(room);
    if (input.room === undefined) for (const path of files.paths()) if (path !== input.path) files.remove(path);
    const { text, cursor } = spliceWindow(files.text(input.path), input.prefix, input.suffix);
    const { kind, partial } = cursorContext(text.slice(Math.max(0, cursor - 256), cursor));
    // Same text around the name being typed and no other file changed: the names allowed are the same.
    const before = text.slice(0, cursor - partial.length);
    const after = text.slice(cursor);
    const others = files.paths().reduce((sum, path) => (path === input.path ? sum : sum + files.version(path)), 0);
    const kept = this.recent.find((k) => k.room === room && k.path === input.path && k.others === others && k.before === before && k.after === after);
    if (kept) return narrowed(kept.view, partial);
    // A file the room does not hold (yet) is still understood on its own.
    if (files.text(input.path) === undefined) files.set(input.path, text);
    // No place for a name (a comment, a number): nothing for the service to judge, nor its text to take.
    if (kind === 'none') return narrowed(NO_VIEW, partial);
    const service = this.service(room);
    const built = this.recent.find((k) => k.room === room)?.built;
    const members = built && builtProgramMembers(service, built, input.path, text, cursor);
    if (members) {
      this.keep({ room, path: input.path, before, after, others, view: members, built });
      return narrowed(members, partial);
    }
    service.setOverlay(input.path, text);
    const view = semanticView(service, input.path, cursor);
    this.keep({ room, path: input.path, before, after, others, view, built: service.built() });
    return narrowed(view, partial);
  }

  /**
   * The cursor sits where the next key may begin a name (a line start, after `(` or `= `): works out what
   * the service allows there now, while the person has not typed it yet, so that key's question is then
   * answered from the list already made (a kept view) instead of asking the service afresh.
   */
  anticipate(input: SemanticInput): void {
    // Only in a file the room holds: view() would otherwise keep the text with the stand-in letter as the file's.
    if (input.room === undefined || this.room(input.room).text(input.path) === undefined) return;
    this.view({ ...input, prefix: input.prefix + NAME_START });
  }

  actions(input: ActionInput): CodeActionOffer[] {
    if (!isScriptPath(input.path) || this.room(input.room).text(input.path) === undefined) return [];
    return listActions(this.service(input.room), input.path, input.from, input.to);
  }

  action(input: ActionInput & { id: string }): LineReplacement | null {
    if (!isScriptPath(input.path) || this.room(input.room).text(input.path) === undefined) return null;
    return computeAction(this.service(input.room), input.path, input.from, input.to, input.id);
  }

  /** The edits elsewhere that a person's change makes necessary (follow-ups.ts). */
  followUps(input: ChangeInput): FollowUpEdit[] {
    if (!isScriptPath(input.path) || this.room(input.room).text(input.path) === undefined) return [];
    return followUpsOf(this.service(input.room), input);
  }

  private keep(view: KeptView): void {
    this.recent = [view, ...this.recent.slice(0, RECENT_VIEWS - 1)];
  }

  private service(id: string): RoomLanguageService {
    this.room(id);
    const room = this.rooms.get(id)!;
    room.service ??= new RoomLanguageService(room.files);
    return room.service;
  }
}
