import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/**
 * A second person in the room without a browser: a stock y-websocket client with a name and a caret the
 * session page draws (awareness), so the page under measurement pays for a peer as it does in real use.
 * It can also fill the shared file, as a person pasting a large file would.
 */
export interface RoomPeer {
  /** Puts `text` at the start of the file and parks the caret at its end. */
  prepend(text: string): void;
  destroy(): void;
}

export async function joinRoom(editUrl: string, file = 'main.ts'): Promise<RoomPeer> {
  const url = new URL(editUrl);
  const room = url.pathname.split('/').filter(Boolean).at(-1)!;
  const token = new URLSearchParams(url.hash.slice(1)).get('k') ?? '';
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://${url.host}/yjs`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  // A session holds its starter file from its creation, so the file is there once synced.
  const text = () => doc.getMap<Y.Text>('files').get(file)!;
  if (!text()) throw new Error(`the room has no ${file} after its first sync`);
  const park = (index: number) => {
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text(), index));
    provider.awareness.setLocalState({
      user: { id: 'bench-peer', name: 'Bo', color: '#3fb950', kind: 'human' },
      file,
      selection: { anchor: at, head: at },
    });
  };
  park(0);
  return {
    prepend(content) {
      text().insert(0, content);
      park(content.length);
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
