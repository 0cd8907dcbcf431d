import type { IncomingMessage } from 'node:http';
import type { Permission } from '../../../lib/shared/share-token';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { Room } from './room';
import type { Session } from './session';
import type { UpdateStructs } from './update-structs';

export type AuthResult =
  | {
      ok: true;
      permission: Permission;
      /** The link generation of the token, so rotation can close exactly the connections it cut off. */
      generation: number;
      /** The person's server-signed identity in this room, when they presented a valid one. */
      userId: string | null;
    }
  | { ok: false; reason: RefusalReason };

/**
 * A write a member inside the server (Spark) is about to make, as it states it: an upper bound of the
 * update's bytes, the files it creates and the entries it adds, so the same limits and shape rules as a
 * client's update can be checked before anything is written.
 */
export interface MemberWrite {
  bytes: number;
  files?: string[];
  entries?: Array<{ root: string; value: unknown }>;
}

/**
 * A client's sync answer without what it may not write: `update` is vetted and applied instead of the
 * refused whole, and `dropped` (an update that only deletes, null when nothing was taken out but
 * deletions) goes to every session, so the copies people hold of what was taken out disappear as it did.
 */
export interface Salvage {
  update: Uint8Array;
  dropped: Uint8Array | null;
}

/** Each hook name maps to one payload type. */
export interface HookPayloads {
  onAuthenticate: { roomId: string; token: string | null; identity: string | null; request: IncomingMessage };
  onLoadDocument: { room: Room };
  /** `structs`: the update decoded once, each item's place resolved, for every extension to read. */
  onBeforeUpdate: { room: Room; update: Uint8Array; session: Session; structs: UpdateStructs };
  onBeforeWrite: { room: Room; write: MemberWrite };
  onChange: { room: Room; update: Uint8Array; origin: unknown };
  onConnect: { room: Room; session: Session };
  onDisconnect: { room: Room; session: Session };
  onUnloadDocument: { room: Room };
  onDestroy: Record<string, never>;
}

/**
 * A feature that plugs into the room lifecycle (Hocuspocus-style). The core only runs the chain:
 * it never knows about SQLite, Redis or metrics. Lower priority runs first.
 */
export interface Extension {
  name: string;
  priority?: number;
  /** The first extension to answer decides; returning undefined passes to the next one. */
  onAuthenticate?(payload: HookPayloads['onAuthenticate']): Promise<AuthResult | undefined>;
  onLoadDocument?(payload: HookPayloads['onLoadDocument']): Promise<void>;
  /** Vetoes an incoming client update before it is applied; the session is closed with the reason. */
  onBeforeUpdate?(payload: HookPayloads['onBeforeUpdate']): RefusalReason | undefined;
  /**
   * Takes out of a client's sync answer (everything it holds that the room lacks) that the vetting refused
   * the parts the client may not write, when that is what made it refuse; undefined leaves the refusal.
   */
  onSalvage?(payload: HookPayloads['onBeforeUpdate']): Salvage | undefined;
  /** Vetoes a write by a member inside the server before it is made; the writer ends with the reason. */
  onBeforeWrite?(payload: HookPayloads['onBeforeWrite']): RefusalReason | undefined;
  /** Runs synchronously inside the doc's update event: keep it cheap, defer the work. */
  onChange?(payload: HookPayloads['onChange']): void;
  onConnect?(payload: HookPayloads['onConnect']): void;
  onDisconnect?(payload: HookPayloads['onDisconnect']): void;
  onUnloadDocument?(payload: HookPayloads['onUnloadDocument']): Promise<void>;
  onDestroy?(payload: HookPayloads['onDestroy']): Promise<void>;
}

/** Runs hooks across extensions in priority order. */
export class HookChain {
  private readonly extensions: Extension[];

  constructor(extensions: Extension[]) {
    this.extensions = [...extensions].sort((a, b) => (a.priority ?? 100) - (b.priority ?? 100));
  }

  async authenticate(payload: HookPayloads['onAuthenticate']): Promise<AuthResult> {
    for (const extension of this.extensions) {
      const result = await extension.onAuthenticate?.(payload);
      if (result) return result;
    }
    return { ok: false, reason: 'UNAUTHORIZED' };
  }

  /** The first veto wins; undefined admits the update. */
  vet(payload: HookPayloads['onBeforeUpdate']): RefusalReason | undefined {
    for (const extension of this.extensions) {
      const reason = extension.onBeforeUpdate?.(payload);
      if (reason) return reason;
    }
    return undefined;
  }

  /** The first extension that salvages a refused sync answer decides. */
  salvage(payload: HookPayloads['onBeforeUpdate']): Salvage | undefined {
    for (const extension of this.extensions) {
      const salvage = extension.onSalvage?.(payload);
      if (salvage) return salvage;
    }
    return undefined;
  }

  /** The same for a member's write. */
  vetWrite(payload: HookPayloads['onBeforeWrite']): RefusalReason | undefined {
    for (const extension of this.extensions) {
      const reason = extension.onBeforeWrite?.(payload);
      if (reason) return reason;
    }
    return undefined;
  }

  async run<K extends 'onLoadDocument' | 'onUnloadDocument' | 'onDestroy'>(
    hook: K,
    payload: HookPayloads[K],
  ): Promise<void> {
    for (const extension of this.extensions) {
      const fn = extension[hook] as ((p: HookPayloads[K]) => Promise<void>) | undefined;
      if (fn) await fn.call(extension, payload);
    }
  }

  emit<K extends 'onChange' | 'onConnect' | 'onDisconnect'>(hook: K, payload: HookPayloads[K]): void {
    for (const extension of this.extensions) {
      const fn = extension[hook] as ((p: HookPayloads[K]) => void) | undefined;
      fn?.call(extension, payload);
    }
  }
}
