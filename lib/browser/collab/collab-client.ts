// lib/browser/collab/: joining a session: the Yjs websocket client, the share link in the URL fragment,
// connection status and the session store. CollabClient is the entry point.

import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessUser } from '../../shared/protocol/awareness';
import { canEdit, type Permission } from '../../shared/share-token';
import { LocalCopy } from '../offline/local-copy';
import { UnsentEdits, type UnsentState } from '../offline/unsent-edits';
import { markOpen } from '../ui/open-timeline';
import { isTerminalClose, nextStatus, type ConnectionEvent, type ConnectionStatus } from './connection-status';

export interface CollabClientOptions {
  room: string;
  token: string;
  /** The server-signed identity of this browser in the room, when the server gave one. */
  identity: string | null;
  permission: Permission;
  user: AwarenessUser;
  /** `ws://host` or `wss://host`; the Yjs endpoint lives under `/yjs`. */
  wsOrigin: string;
  onStatus(status: ConnectionStatus): void;
  /** Whether this browser holds edits the server has not seen changed. */
  onUnsentEdits?(state: UnsentState): void;
}

/** Refusals that mean this link no longer opens the room: its local copy must not outlive the access. */
const ACCESS_GONE = new Set(['UNAUTHORIZED', 'FORBIDDEN_ROOM', 'ROOM_NOT_FOUND', 'BAD_ROOM_ID', 'LINKS_ROTATED']);

/**
 * One open session: the Y.Doc, its awareness and the stock y-websocket provider. It knows nothing of
 * React or Monaco, so the page, the editor and tests can share it.
 */
export class CollabClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly permission: Permission;
  /** The document as this browser keeps it in IndexedDB, so it opens without a network. */
  readonly localCopy: LocalCopy;
  private readonly unsent: UnsentEdits;
  private status: ConnectionStatus = { kind: 'connecting' };
  private readonly onStatus: (status: ConnectionStatus) => void;
  private readonly disposers: Array<() => void> = [];

  constructor(options: CollabClientOptions) {
    this.permission = options.permission;
    this.onStatus = options.onStatus;
    this.localCopy = new LocalCopy(options.room, this.doc);
    // Opened with no network: wait for the browser's 'online' instead of failing to connect in a loop.
    const offlineAtStart = typeof navigator !== 'undefined' && navigator.onLine === false;
    this.provider = new WebsocketProvider(`${options.wsOrigin}/yjs`, options.room, this.doc, {
      // y-websocket puts params in the query string; the token must never be part of the path.
      params: options.identity ? { token: options.token, identity: options.identity } : { token: options.token },
      // Tabs would otherwise sync through BroadcastChannel, around the server and its view-only rule.
      disableBc: true,
      // A refusal such as UNAUTHORIZED will not change on retry; a restart will.
      shouldReconnect: (event) => !isTerminalClose(event.code),
      connect: !offlineAtStart,
    });
    this.unsent = new UnsentEdits({
      room: options.room,
      doc: this.doc,
      remoteOrigins: [this.provider, this.localCopy.origin],
      inSync: () => this.status.kind === 'online' && this.provider.synced,
      stored: () => this.localCopy.stored(),
      onChange: (state) => options.onUnsentEdits?.(state),
    });
    if (offlineAtStart) this.report({ type: 'browser-offline' });
    this.awareness.setLocalState({ user: options.user, file: null, selection: null });
    this.listen();
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  /** This browser holds edits the server has not seen (made offline, possibly in an earlier tab). */
  get unsentEdits(): UnsentState {
    return this.unsent.value;
  }

  get canEdit(): boolean {
    return canEdit(this.permission);
  }

  get connectionStatus(): ConnectionStatus {
    return this.status;
  }

  setUser(user: AwarenessUser): void {
    this.awareness.setLocalStateField('user', user);
  }

  destroy(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    // Tell peers we left now rather than after their awareness timeout (30 s).
    this.awareness.setLocalState(null);
    this.unsent.destroy();
    this.localCopy.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }

  private report(event: ConnectionEvent): void {
    const next = nextStatus(this.status, event);
    if (next === this.status) return;
    this.status = next;
    if (next.kind === 'refused' && ACCESS_GONE.has(next.reason)) void this.localCopy.clear();
    this.onStatus(next);
  }

  private listen(): void {
    const onStatus = ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) => {
      if (status === 'connecting') this.report({ type: 'connecting' });
      if (status === 'connected') this.report({ type: 'connected' });
    };
    const onClose = (event: CloseEvent | null) => this.report({ type: 'closed', code: event?.code ?? null });
    const onSync = (synced: boolean) => {
      if (synced) markOpen('yjs-synced');
      if (synced) this.unsent.synced();
    };
    // A socket can outlive the network silently; drop it when the browser says it is offline and open
    // a fresh one (with a full resync) when it is back, instead of waiting for a timeout to notice.
    const onOffline = () => {
      this.report({ type: 'browser-offline' });
      this.provider.disconnect();
    };
    const onOnline = () => {
      this.report({ type: 'browser-online' });
      if (this.status.kind !== 'refused') this.provider.connect();
    };
    this.provider.on('status', onStatus);
    this.provider.on('connection-close', onClose);
    this.provider.on('sync', onSync);
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    this.disposers.push(
      () => this.provider.off('status', onStatus),
      () => this.provider.off('connection-close', onClose),
      () => this.provider.off('sync', onSync),
      () => window.removeEventListener('offline', onOffline),
      () => window.removeEventListener('online', onOnline),
    );
  }
}

/** The websocket origin matching the page: wss behind https. */
export function wsOriginFor(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}
