import type { ClientMessageInput, ServerMessage } from '../../shared/protocol/ai';

/**
 * A provider that answers every completion at once, inside the page, with a fixed text: no socket, no
 * server, no model. Switched on from `window.sparkpad.instantSuggestions(text)`, it makes the time from a
 * keystroke to its ghost text on screen the floor of the drawing path alone, which the benchmark measures
 * on the same page as the real providers. Off (null) in normal use.
 */
let instantText: string | null = null;

export function setInstantSuggestions(text: string | null): void {
  instantText = text;
}

/**
 * Sends through `send` unless the instant provider is on; then a completion is answered in a microtask
 * (still before the next frame) and every other message is dropped.
 */
export function withInstantProvider(send: (message: ClientMessageInput) => boolean, receive: (message: ServerMessage) => void) {
  return (message: ClientMessageInput): boolean => {
    const text = instantText;
    if (text === null) return send(message);
    if (message.type === 'complete') {
      const { id } = message;
      queueMicrotask(() => {
        receive({ type: 'complete:chunk', id, text });
        receive({ type: 'complete:done', id, stats: { tier: null, source: 'model', firstTokenMs: 0, tokensPerSecond: null, chars: text.length } });
      });
    }
    return true;
  };
}
