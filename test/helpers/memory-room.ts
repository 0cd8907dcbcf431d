import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Permission } from '../../lib/shared/share-token';
import type { RefusalReason } from '../../lib/shared/protocol/refusals';
import { loadConfig } from '../../server/config';
import { HookChain } from '../../server/collab/core/hooks';
import { RoomRegistry } from '../../server/collab/core/room-registry';
import { Session, type SessionCounters } from '../../server/collab/core/session';
import type { Transport } from '../../server/collab/core/transport';
import { encodeSyncStep1, encodeUpdate, MESSAGE } from '../../server/collab/core/yjs-messages';
import { DocumentShapeExtension, LimitsExtension, PersistenceExtension, ServerWrittenExtension } from '../../server/collab/extensions';
import { SqliteStorage } from '../../server/collab/storage/sqlite-storage';
import { makeDataDir } from './server-process';

/** How the server ended a connection: the close code and the refusal's name. */
export interface Closed {
  code: number;
  reason: string;
}

/** A connection's client end: bytes to the server in, and what the server did with the connection. */
export interface MemoryConnection {
  /** Hands the session one message, at once: when this returns the server has handled it. */
  send(message: Uint8Array): void;
  /** Resolves once the room is loaded and the session has joined it; messages sent before wait for it. */
  opened: Promise<void>;
  /** Set once the server closed the connection. */
  closed: Closed | null;
  /** The client goes away (its socket closed). */
  disconnect(): void;
}

/** A Yjs client on an in-memory connection: its own Y.Doc, synced with the room through the session. */
export interface MemoryClient {
  doc: Y.Doc;
  connection: MemoryConnection;
  /** Resolves once the client holds the whole document as the server had it when it joined. */
  synced: Promise<void>;
  /** The file's Y.Text, created when missing. */
  text(path?: string): Y.Text;
  /** The file's content, '' when it does not exist. */
  read(path?: string): string;
}

export interface MemoryCollab {
  /** A connection that speaks no protocol by itself: what it receives is dropped. */
  connect(roomId: string, permission?: Permission): MemoryConnection;
  /** A client that syncs its document like y-websocket does; the server's messages reach it a microtask later. */
  join(roomId: string, permission?: Permission): MemoryClient;
  /** Every refusal the sessions counted, by name. */
  refusals: Map<RefusalReason, number>;
  close(): Promise<void>;
}

/**
 * The collab core as the server assembles it (rooms, sessions, the limits, document-shape and SQLite
 * persistence extensions, on the default settings) without a port: each connection is an in-memory transport, as if
 * authentication had already admitted it. For protocol tests where a socket would add only waiting.
 */
export function startMemoryCollab(env: Record<string, string> = {}): MemoryCollab {
  const config = loadConfig({ SPARKPAD_DATA_DIR: makeDataDir(), ...env });
  const storage = new SqliteStorage(config.dataDir);
  const logger = pino({ level: 'silent' });
  // Options share the settings' names (but for the storage retry pair), so the whole config is handed in
  // and settings added later reach the core here as they do in the server.
  const retry = { retryInitialMs: config.storageRetryInitialMs, retryMaxMs: config.storageRetryMaxMs };
  const persistence = new PersistenceExtension({ ...config, ...retry, storage, logger });
  const hooks = new HookChain([new LimitsExtension(config), new DocumentShapeExtension(), new ServerWrittenExtension(), persistence]);
  const rooms = new RoomRegistry(hooks, { ...config, ...retry, logger });
  const refusals = new Map<RefusalReason, number>();
  const counters: SessionCounters = {
    droppedReadOnlyUpdate: () => {},
    droppedAwareness: () => {},
    refused: (reason) => void refusals.set(reason, (refusals.get(reason) ?? 0) + 1),
  };

  /** Opens a session once its room is loaded; messages sent before that wait, in order, as on a socket. */
  const open = (roomId: string, permission: Permission, deliver: (message: Uint8Array) => void): MemoryConnection => {
    let session: Session | null = null;
    const early: Uint8Array[] = [];
    let opened = () => {};
    const connection: MemoryConnection = {
      opened: new Promise((resolve) => (opened = resolve)),
      closed: null,
      send: (message) => (session ? session.receive(message) : void early.push(message)),
      disconnect: () => {
        if (!session) return;
        session.end();
        rooms.unloadIfIdle(session.room);
      },
    };
    const transport: Transport = {
      isOpen: () => connection.closed === null,
      backlogBytes: () => 0,
      send: deliver,
      close: (code, reason) => void (connection.closed ??= { code, reason }),
    };
    void rooms.open(roomId).then((room) => {
      session = new Session(room, { permission, generation: 0, userId: null }, transport, counters);
      session.start();
      for (const message of early.splice(0)) session.receive(message);
      opened();
    });
    return connection;
  };

  return {
    refusals,
    connect: (roomId, permission = 'edit') => open(roomId, permission, () => {}),
    join(roomId, permission = 'edit') {
      const doc = new Y.Doc();
      const fromServer = Symbol('from-server');
      const files = doc.getMap<Y.Text>('files');
      let synced = () => {};
      const whenSynced = new Promise<void>((resolve) => (synced = resolve));
      const connection = open(roomId, permission, (message) => {
        const copy = message.slice();
        queueMicrotask(() => {
          const decoder = decoding.createDecoder(copy);
          if (decoding.readVarUint(decoder) !== MESSAGE.SYNC) return; // awareness is not what these tests read
          const reply = encoding.createEncoder();
          encoding.writeVarUint(reply, MESSAGE.SYNC);
          const kind = syncProtocol.readSyncMessage(decoder, reply, doc, fromServer);
          if (kind === syncProtocol.messageYjsSyncStep2) synced();
          if (encoding.length(reply) > 1 && !connection.closed) connection.send(encoding.toUint8Array(reply));
        });
      });
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== fromServer && !connection.closed) connection.send(encodeUpdate(update));
      });
      connection.send(encodeSyncStep1(doc));
      return {
        doc,
        connection,
        synced: whenSynced,
        text(path = 'main.ts') {
          let text = files.get(path);
          if (!text) files.set(path, (text = new Y.Text()));
          return text;
        },
        read: (path = 'main.ts') => files.get(path)?.toString() ?? '',
      };
    },
    async close() {
      await rooms.closeAll();
      await hooks.run('onDestroy', {});
      await storage.close();
    },
  };
}
