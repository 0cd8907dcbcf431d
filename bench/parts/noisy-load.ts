/**
 * The noisy room's load, run as its own process (forked by noisy-neighbour.ts) so generating it costs the
 * measuring process nothing. The heaviest use one room may legally make at once:
 * - a workspace written up to the document limit (files of 100 kB, under the message limit);
 * - completions at the per-person rate limit, over those files;
 * - a Spark edit over a 120k-character line, started again as soon as it ends;
 * - a view-only reader that stops reading and keeps asking for the whole document (SyncStep1).
 * It reports `ready` once the workspace is written, then runs until killed.
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { AI_EVENT, AI_PROTOCOL_VERSION } from '../../lib/shared/protocol/ai';

export interface NoisyConfig {
  url: string;
  room: string;
  editToken: string;
  viewToken: string;
  /** Bytes of files to write; just under the server's document limit. */
  workspaceBytes: number;
  completionsPerSecond: number;
}

export type NoisyMessage = { type: 'ready'; files: number } | { type: 'stats'; completions: number; edits: number; readerDrops: number };

const FILE_BYTES = 100_000;
const LONG_LINE = 120_000;
const SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);

function line(i: number): string {
  return `export function handler${i}(request, response) { return response.send(request.body.items.map((x) => x * ${i})); }\n`;
}

async function writeWorkspace(config: NoisyConfig): Promise<{ files: string[]; doc: Y.Doc }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${config.url.replace('http', 'ws')}/yjs`, config.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: config.editToken },
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const map = doc.getMap<Y.Text>('files');
  map.set('minified.js', new Y.Text('var a=1;'.repeat(LONG_LINE / 8) + '\n'));
  const files: string[] = [];
  for (let n = 0; (n + 2) * FILE_BYTES < config.workspaceBytes; n++) {
    let text = '';
    for (let i = 0; text.length < FILE_BYTES; i++) text += line(n * 1000 + i);
    const path = `src/module${n}.js`;
    map.set(path, new Y.Text(text));
    files.push(path);
    // One file per message, and a breath between them, as an upload of many files would arrive.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { files, doc };
}

function startAi(config: NoisyConfig, files: string[], stats: { completions: number; edits: number }) {
  const socket = io(config.url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { room: config.room, token: config.editToken, protocolVersion: AI_PROTOCOL_VERSION, userId: 'noisy' },
  });
  let n = 0;
  const timer = setInterval(() => {
    const file = files[n % files.length]!;
    socket.emit(AI_EVENT, { type: 'complete', id: `c${n++}`, file, language: 'javascript', prefix: line(n).repeat(40) + 'const total = ', suffix: '\n' });
    stats.completions++;
  }, 1000 / config.completionsPerSecond);
  const editLongLine = () => {
    stats.edits++;
    socket.emit(AI_EVENT, {
      type: 'edit',
      id: `e${stats.edits}`,
      file: 'minified.js',
      language: 'javascript',
      instruction: 'rewrite',
      selection: { from: 0, to: LONG_LINE },
      replacement: 'let b=2;'.repeat(100_000 / 8),
    });
  };
  socket.on(AI_EVENT, (message: { type: string }) => {
    if (message.type === 'edit:done' || message.type === 'edit:error') setTimeout(editLongLine, 100);
  });
  socket.on('connect', editLongLine);
  return () => {
    clearInterval(timer);
    socket.close();
  };
}

function startStalledReader(config: NoisyConfig, stats: { readerDrops: number }): () => void {
  let ws: WebSocket | null = null;
  const open = () => {
    ws = new WebSocket(`${config.url.replace('http', 'ws')}/yjs/${config.room}?token=${config.viewToken}`);
    ws.on('error', () => {});
    ws.once('open', () => ws!.pause());
  };
  open();
  const ask = setInterval(() => ws?.readyState === ws?.OPEN && ws!.send(SYNC_STEP_1), 50);
  // A paused socket never sees its close: start a new one every few seconds, as a reconnecting client would.
  const renew = setInterval(() => {
    stats.readerDrops++;
    ws?.terminate();
    open();
  }, 5_000);
  return () => {
    clearInterval(ask);
    clearInterval(renew);
    ws?.terminate();
  };
}

process.on('disconnect', () => process.exit(0));
process.on('message', (config: NoisyConfig) => {
  void (async () => {
    const { files } = await writeWorkspace(config);
    process.send!({ type: 'ready', files: files.length } satisfies NoisyMessage);
    const stats = { completions: 0, edits: 0, readerDrops: 0 };
    startAi(config, files, stats);
    startStalledReader(config, stats);
    setInterval(() => process.send!({ type: 'stats', ...stats } satisfies NoisyMessage), 1_000);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
