import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { ROOM_ID_PATTERN } from '../../../lib/shared/share-token';
import { REFUSAL, type RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { HookChain } from './hooks';
import type { RoomRegistry } from './room-registry';
import { Session, type SessionCounters } from './session';
import type { Transport } from './transport';

export const YJS_PATH_PREFIX = '/yjs/';

export interface YjsEndpointOptions {
  hooks: HookChain;
  rooms: RoomRegistry;
  counters: SessionCounters;
  logger: Logger;
  maxMessageBytes: number;
  maxConnections: number;
  maxClientsPerRoom: number;
  maxLoadedRooms: number;
}

function transportFor(socket: WebSocket): Transport {
  return {
    isOpen: () => socket.readyState === socket.OPEN,
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The y-websocket protocol endpoint at /yjs/<room>?token=... Refusals happen after the upgrade so the
 * client gets a close code and a reason name instead of a bare failed handshake.
 */
export class YjsEndpoint {
  private readonly wss: WebSocketServer;

  constructor(private readonly options: YjsEndpointOptions) {
    // maxPayload makes ws close oversized frames with 1009 and report them as an 'error' event.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  /** Claims upgrades under /yjs/; returns false for other paths so Next and socket.io get them. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return false;
    this.wss.handleUpgrade(request, socket, head, (ws) => void this.accept(ws, request, url));
    return true;
  }

  closeAll(reason: RefusalReason): void {
    for (const client of this.wss.clients) client.close(REFUSAL[reason], reason);
  }

  private async accept(ws: WebSocket, request: IncomingMessage, url: URL): Promise<void> {
    const { hooks, rooms, counters, logger } = this.options;
    // Messages may arrive while we authenticate and load; keep them in order for the session.
    const early: Uint8Array[] = [];
    let session: Session | null = null;
    ws.on('message', (data) => (session ? session.receive(toBytes(data)) : early.push(toBytes(data))));
    ws.on('error', (error) => {
      logger.warn({ err: error.message }, 'yjs socket error');
      if (error.message.includes('Max payload')) counters.refused('MESSAGE_TOO_LARGE');
    });
    ws.on('close', () => {
      const ending = session;
      session = null;
      if (!ending) return;
      ending.end();
      rooms.unloadIfIdle(ending.room);
    });

    const refuse = (reason: RefusalReason) => {
      counters.refused(reason);
      ws.close(REFUSAL[reason], reason);
    };
    // Shed load before doing any work for the newcomer; sessions already open are untouched.
    if (this.wss.clients.size > this.options.maxConnections) return refuse('TOO_MANY_CONNECTIONS');
    const roomId = safeDecode(url.pathname.slice(YJS_PATH_PREFIX.length));
    if (!ROOM_ID_PATTERN.test(roomId)) return refuse('BAD_ROOM_ID');
    const auth = await hooks.authenticate({ roomId, token: url.searchParams.get('token'), request });
    if (!auth.ok) return refuse(auth.reason);
    if (ws.readyState !== ws.OPEN) return;

    if (!rooms.isLoaded(roomId) && rooms.loadedCount >= this.options.maxLoadedRooms) return refuse('TOO_MANY_ROOMS');
    const room = await rooms.open(roomId);
    if (ws.readyState !== ws.OPEN) return rooms.unloadIfIdle(room);
    if (room.sessions.size >= this.options.maxClientsPerRoom) {
      refuse('ROOM_FULL');
      return rooms.unloadIfIdle(room);
    }
    const started = new Session(room, auth.permission, transportFor(ws), counters);
    session = started;
    started.start();
    for (const message of early.splice(0)) started.receive(message);
  }
}
