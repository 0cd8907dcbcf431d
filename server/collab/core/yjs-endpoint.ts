// server/collab/core/: the sync server proper: the /yjs endpoint, a session per socket, a room per
// document, the room registry and the hook chain extensions plug into. It knows no storage or Redis.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { ROOM_ID_PATTERN } from '../../../lib/shared/share-token';
import { REFUSAL, type RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { LiveGrants } from '../../auth/live-grants';
import { ConnectionGate, type ConnectionCaps, type Slot } from './connection-gate';
import { Heartbeat } from './heartbeat';
import type { HookChain } from './hooks';
import type { RoomRegistry } from './room-registry';
import { Session, type SessionCounters } from './session';
import type { Transport } from './transport';
import { WriteCoalescer } from './write-coalescer';

export const YJS_PATH_PREFIX = '/yjs/';

export interface YjsEndpointOptions extends ConnectionCaps {
  hooks: HookChain;
  rooms: RoomRegistry;
  /** Open connections of both channels, for rotation to close. */
  grants: LiveGrants;
  counters: SessionCounters;
  logger: Logger;
  maxMessageBytes: number;
  maxClientsPerRoom: number;
  maxLoadedRooms: number;
  heartbeatTimeoutMs: number;
  maxSocketBufferBytes: number;
  closeTimeoutMs: number;
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
 * client gets a close code and a reason name instead of a bare failed handshake; a refused or closed
 * socket is cut off if its peer does not finish the close handshake in `closeTimeoutMs`, and only admitted
 * connections count toward the caps.
 */
export class YjsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly gate: ConnectionGate;
  private readonly heartbeat: Heartbeat;
  private readonly writes = new WriteCoalescer();

  constructor(private readonly options: YjsEndpointOptions) {
    // maxPayload makes ws close oversized frames with 1009 and report them as an 'error' event.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    this.gate = new ConnectionGate(options);
    this.heartbeat = new Heartbeat(options.heartbeatTimeoutMs, (ws) => {
      options.counters.refused('HEARTBEAT_TIMEOUT');
      ws.terminate(); // a half-open peer would never read a close frame
    });
  }

  /** Admitted connections (refused sockets still closing are not counted). */
  get connectionCount(): number {
    return this.gate.count;
  }

  /** Claims upgrades under /yjs/; returns false for other paths so Next and socket.io get them. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return false;
    this.wss.handleUpgrade(request, socket, head, (ws) => void this.accept(ws, socket, request, url));
    return true;
  }

  closeAll(reason: RefusalReason): void {
    this.heartbeat.stop();
    for (const client of this.wss.clients) this.closeSocket(client, reason);
  }

  private closeSocket(ws: WebSocket, reason: RefusalReason): void {
    this.closeWithCutOff(ws, REFUSAL[reason], reason);
  }

  /** Sends the close frame, and cuts the socket off if the peer does not answer it in time. */
  private closeWithCutOff(ws: WebSocket, code: number, reason: string): void {
    ws.close(code, reason);
    setTimeout(() => ws.terminate(), this.options.closeTimeoutMs).unref();
  }

  private transportFor(ws: WebSocket, socket: Duplex): Transport {
    const { counters, maxSocketBufferBytes } = this.options;
    return {
      isOpen: () => ws.readyState === ws.OPEN,
      backlogBytes: () => ws.bufferedAmount,
      send: (data) => {
        // A reader that does not keep up would otherwise make us hold a document copy per request.
        if (ws.bufferedAmount + data.byteLength > maxSocketBufferBytes) {
          counters.refused('SLOW_CONSUMER');
          return ws.terminate();
        }
        this.writes.beforeWrite(socket);
        ws.send(data);
      },
      close: (code, reason) => this.closeWithCutOff(ws, code, reason),
    };
  }

  private async accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, url: URL): Promise<void> {
    const { hooks, rooms, counters, logger } = this.options;
    // Messages may arrive while we authenticate and load; keep them in order for the session.
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let session: Session | null = null;
    let slot: Slot | null = null;
    ws.on('message', (data) => {
      if (session) {
        const receiving = session;
        return this.writes.relay(() => receiving.receive(toBytes(data)));
      }
      // Copied: a view into ws's receive buffer would pin it while we wait.
      const message = new Uint8Array(toBytes(data));
      earlyBytes += message.byteLength;
      if (earlyBytes > this.options.maxSocketBufferBytes) return refuse('SLOW_CONSUMER');
      early.push(message);
    });
    ws.on('error', (error) => {
      logger.warn({ err: error.message }, 'yjs socket error');
      if (error.message.includes('Max payload')) counters.refused('MESSAGE_TOO_LARGE');
    });
    ws.on('close', () => {
      slot?.release();
      const ending = session;
      session = null;
      if (!ending) return;
      ending.end();
      rooms.unloadIfIdle(ending.room);
    });

    const refuse = (reason: RefusalReason) => {
      if (ws.readyState !== ws.OPEN) return;
      counters.refused(reason);
      slot?.release();
      early.length = 0;
      this.closeSocket(ws, reason);
    };
    // Shed load before doing any work for the newcomer; sessions already open are untouched.
    const admission = await this.gate.admit(request.socket.remoteAddress ?? 'unknown');
    if (!admission.ok) return refuse(admission.reason);
    slot = admission.slot;
    if (ws.readyState !== ws.OPEN) return slot.release();
    this.heartbeat.watch(ws);
    const roomId = safeDecode(url.pathname.slice(YJS_PATH_PREFIX.length));
    if (!ROOM_ID_PATTERN.test(roomId)) return refuse('BAD_ROOM_ID');
    const auth = await hooks.authenticate({
      roomId,
      token: url.searchParams.get('token'),
      identity: url.searchParams.get('identity'),
      request,
    });
    if (!auth.ok) return refuse(auth.reason);
    if (ws.readyState !== ws.OPEN) return;

    if (!rooms.isLoaded(roomId) && rooms.loadedCount >= this.options.maxLoadedRooms) return refuse('TOO_MANY_ROOMS');
    const room = await rooms.open(roomId);
    if (ws.readyState !== ws.OPEN) return rooms.unloadIfIdle(room);
    if (room.sessions.size >= this.options.maxClientsPerRoom) {
      refuse('ROOM_FULL');
      return rooms.unloadIfIdle(room);
    }
    const started = new Session(room, auth, this.transportFor(ws, socket), counters);
    session = started;
    const untrack = this.options.grants.add({ roomId, permission: auth.permission, generation: auth.generation, close: (reason) => started.close(reason) });
    ws.once('close', untrack);
    started.start();
    for (const message of early.splice(0)) started.receive(message);
  }
}
