import type { Extension, HookPayloads } from '../collab/core/hooks';
import type { HistoryService } from './history-service';
import { creditFor } from './participants';
import { noteWriters } from './note-writers';

/**
 * Watches rooms for history: notes who changes the files, and ends each stretch of editing in an
 * automatic version, `versionEveryMs` after its first change, and when the room unloads (the last member
 * left, or the server stops). Only changes made on this instance count, so each instance of a cluster
 * versions the work of its own members.
 */
export class HistoryExtension implements Extension {
  readonly name = 'history';
  // Before persistence (10) unloads the room: the version is taken from the document as it leaves.
  readonly priority = 8;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly history: HistoryService) {}

  onChange({ room, origin }: HookPayloads['onChange']): void {
    const name = creditFor(room, origin);
    if (name === null) return;
    this.history.participants.note(room.id, name);
    noteWriters(this.history.writers, room, origin);
    if (this.timers.has(room.id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(room.id);
      if (this.history.participants.any(room.id)) void this.history.takeQuietly(room, 'auto', '');
    }, this.history.settings.versionEveryMs);
    // A pending version never keeps the process alive; unloading takes it anyway.
    timer.unref();
    this.timers.set(room.id, timer);
  }

  async onUnloadDocument({ room }: HookPayloads['onUnloadDocument']): Promise<void> {
    const timer = this.timers.get(room.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(room.id);
    this.history.writers.forget(room.id);
    if (!this.history.participants.any(room.id)) return;
    // A failed version must not keep the room loaded: its edits are stored, only this entry is missed.
    await this.history.takeQuietly(room, 'auto', '');
  }
}
