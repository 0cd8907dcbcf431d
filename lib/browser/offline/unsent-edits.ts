import type * as Y from 'yjs';
import { forget, remember, remembered } from '../collab/browser-keys';

/**
 * Edits the server has not seen: none, some still being written to the local copy, or all of them kept
 * there (closing the tab now loses nothing).
 */
export type UnsentState = 'none' | 'saving' | 'kept';

export interface UnsentEditsOptions {
  room: string;
  doc: Y.Doc;
  /** Origins of updates that came from elsewhere (the server's provider, the local copy loading). */
  remoteOrigins: unknown[];
  /** True while the socket is open and the first sync of this connection has finished. */
  inSync(): boolean;
  /** Resolves once the edits so far are in the local copy. */
  stored(): Promise<void>;
  onChange(state: UnsentState): void;
  /** Where the flag is kept across page loads; localStorage unless a test hands in its own. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/**
 * Whether this browser holds edits the server has not seen: made while the socket was closed or not yet
 * in sync. Kept in localStorage beside the local copy, so a page reopened offline still says so. It
 * clears when a connection's first sync finishes: the server sends its state vector first on every
 * connection, and the provider answers with everything the server lacks before that sync completes.
 */
export class UnsentEdits {
  private state: UnsentState;
  private writing = 0;
  private readonly doc: Y.Doc;

  constructor(private readonly options: UnsentEditsOptions) {
    this.doc = options.doc;
    this.state = remembered('unsent', options.room, options.storage) === 'true' ? 'kept' : 'none';
    this.doc.on('update', this.onUpdate);
  }

  get value(): UnsentState {
    return this.state;
  }

  /** The connection finished its first sync: what was unsent went with it. */
  synced(): void {
    forget('unsent', this.options.room, this.options.storage);
    this.set('none');
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
  }

  private set(state: UnsentState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onChange(state);
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (this.options.remoteOrigins.includes(origin) || this.options.inSync()) return;
    this.writing++;
    remember('unsent', this.options.room, 'true', this.options.storage);
    this.set('saving');
    void this.options.stored().finally(() => {
      this.writing--;
      if (this.writing === 0 && this.state === 'saving') this.set('kept');
    });
  };
}
