import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export interface YjsClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The file's Y.Text, created when missing (call on one client only, or both create rival files). */
  text(path?: string): Y.Text;
  /** The file's content, '' when it does not exist; never creates it. */
  read(path?: string): string;
  destroy(): void;
}

/**
 * A stock y-websocket client over `ws`. BroadcastChannel is off: with it on, two clients in one test
 * process would sync directly and hide a server that relays nothing.
 */
/** `identity`: a server-signed identity (POST /api/sessions/<room>/identity), presented as the browser does. */
export function connectClient(wsUrl: string, room: string, token: string | null, doc = new Y.Doc(), identity?: string): YjsClient {
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { ...(token ? { token } : {}), ...(identity ? { identity } : {}) },
    disableBc: true,
  });
  return {
    doc,
    provider,
    text: (path = 'main.ts') => {
      const files = doc.getMap<Y.Text>('files');
      let text = files.get(path);
      if (!text) {
        text = new Y.Text();
        files.set(path, text);
      }
      return text;
    },
    read: (path = 'main.ts') => doc.getMap<Y.Text>('files').get(path)?.toString() ?? '',
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when the provider finished its first sync with the server. */
export function synced(client: YjsClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => client.provider.once('sync', (isSynced: boolean) => isSynced && resolve()));
}

/** Resolves when `check` holds, re-checking on every document update. */
export function whenDoc(doc: Y.Doc, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (!check()) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

/** Resolves with the close event when the server closes the provider's socket. */
export function nextClose(client: YjsClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    client.provider.once('connection-close', (event: CloseEvent | null) =>
      resolve({ code: event?.code ?? 0, reason: String(event?.reason ?? '') }),
    ),
  );
}

/** Resolves when `check` holds, re-checking on every awareness change the client sees. */
export function whenAwareness(client: YjsClient, check: () => boolean): Promise<void> {
  const awareness = client.provider.awareness;
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const onChange = () => {
      if (!check()) return;
      awareness.off('change', onChange);
      resolve();
    };
    awareness.on('change', onChange);
  });
}

/** A presence state as the browser publishes it: a person with a name, no file open. */
export function personState(id: string, name: string, extra: Record<string, unknown> = {}) {
  return { user: { id, name, color: '#3b82f6', kind: 'human' }, file: null, selection: null, ...extra };
}
