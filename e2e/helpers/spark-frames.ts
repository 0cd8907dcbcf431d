import type { Page } from 'playwright-core';

/** One message on Spark's socket.io channel, as it crossed the wire. */
export interface SparkFrame {
  direction: 'sent' | 'received';
  message: { type: string; [key: string]: unknown };
}

/** socket.io event packets on the `/ai` namespace: `42/ai,<ack id?>["ai",{…}]`. */
const EVENT_PACKET = /^42\/ai,\d*(\[.*\])$/s;

function parse(payload: string | Buffer): SparkFrame['message'] | null {
  const match = EVENT_PACKET.exec(typeof payload === 'string' ? payload : payload.toString());
  if (!match) return null;
  const [event, message] = JSON.parse(match[1]!) as [string, SparkFrame['message']];
  return event === 'ai' && message && typeof message.type === 'string' ? message : null;
}

/**
 * Records every Spark message the page sends and receives, read from the websocket frames themselves:
 * what reached the wire, not what the page meant to send. Call before the page opens the session.
 */
export function recordSparkFrames(page: Page): SparkFrame[] {
  const frames: SparkFrame[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/socket.io/')) return;
    socket.on('framesent', ({ payload }) => {
      const message = parse(payload);
      if (message) frames.push({ direction: 'sent', message });
    });
    socket.on('framereceived', ({ payload }) => {
      const message = parse(payload);
      if (message) frames.push({ direction: 'received', message });
    });
  });
  return frames;
}

export const sentOfType = (frames: SparkFrame[], type: string) =>
  frames.filter((f) => f.direction === 'sent' && f.message.type === type).map((f) => f.message);

export const receivedOfType = (frames: SparkFrame[], type: string) =>
  frames.filter((f) => f.direction === 'received' && f.message.type === type).map((f) => f.message);
