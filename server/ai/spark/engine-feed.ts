/**
 * Mirrors a room's files into the embedded engine's thread: each file's whole text once when the room is
 * attached or the file appears, then only the text deltas of each Yjs change. Nothing per request is sent
 * but the cursor's surroundings.
 */
import * as Y from 'yjs';
import type { RoomMirror, WorkspaceMirrors } from '../embedded/engine-thread';
import type { TextDelta } from '../embedded/text-delta';
import { filesOf } from '../../../lib/shared/document/doc-model';

export class EngineFeed {
  private readonly map: Y.Map<Y.Text>;
  private readonly mirror: RoomMirror;

  constructor(roomId: string, doc: Y.Doc, mirrors: WorkspaceMirrors) {
    this.map = filesOf(doc);
    this.mirror = mirrors.attach(roomId, (mirror) => {
      this.map.forEach((text, path) => {
        if (text instanceof Y.Text) mirror.set(path, text.toString());
      });
    });
    this.map.observeDeep(this.onChange);
  }

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
    this.mirror.close();
  }

  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    // A file created in this transaction is sent whole; its text events would repeat what that holds.
    const sentWhole = new Set<string>();
    for (const event of events) {
      if (event.target !== this.map) continue;
      for (const path of (event as Y.YMapEvent<Y.Text>).keysChanged) {
        const text = this.map.get(path);
        if (text instanceof Y.Text) {
          this.mirror.set(path, text.toString());
          sentWhole.add(path);
        } else {
          this.mirror.remove(path);
        }
      }
    }
    for (const event of events) {
      if (event.target === this.map || !(event.target instanceof Y.Text)) continue;
      const path = event.path[0];
      if (typeof path !== 'string' || sentWhole.has(path)) continue;
      const delta: TextDelta = [];
      for (const op of (event as Y.YTextEvent).delta) {
        if (op.retain) delta.push({ retain: op.retain });
        else if (typeof op.insert === 'string') delta.push({ insert: op.insert });
        else if (op.delete) delta.push({ delete: op.delete });
      }
      this.mirror.apply(path, delta);
    }
  };
}
