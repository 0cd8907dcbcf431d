import type { AwarenessUser } from '../../lib/shared/protocol/awareness';

export type Writer = Pick<AwarenessUser, 'name' | 'color' | 'kind'>;

/**
 * Who each Yjs client of a room is, learned from the awareness of the connection that wrote with it (and
 * Spark's own peer), so the history panel can name the writer of each line of the text now. A client id
 * is a tab's, so a long session gathers many: past `maxPerRoom` the one seen longest ago goes. Kept while
 * the room is loaded; its text keeps the client ids, not the names.
 */
export class Writers {
  private readonly byRoom = new Map<string, Map<number, Writer>>();

  constructor(private readonly maxPerRoom: number) {}

  note(roomId: string, client: number, writer: Writer): void {
    let writers = this.byRoom.get(roomId);
    if (!writers) this.byRoom.set(roomId, (writers = new Map()));
    const known = writers.get(client);
    const same = known !== undefined && known.name === writer.name && known.color === writer.color && known.kind === writer.kind;
    // Deleted first so the map's order stays the order clients were last seen in.
    writers.delete(client);
    writers.set(client, same ? known : { name: writer.name, color: writer.color, kind: writer.kind });
    if (writers.size > this.maxPerRoom) writers.delete(writers.keys().next().value!);
  }

  of(roomId: string): Record<string, Writer> {
    return Object.fromEntries(this.byRoom.get(roomId) ?? []);
  }

  forget(roomId: string): void {
    this.byRoom.delete(roomId);
  }
}
