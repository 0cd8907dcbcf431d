'use client';

import type { ChatMessage } from '@/lib/shared/document/chat-log';
import { ChatMarkdown } from './chat-markdown';

function contextLabel(message: ChatMessage): string | null {
  const c = message.context;
  if (!c) return null;
  const lines = c.fromLine === c.toLine ? `line ${c.fromLine}` : `lines ${c.fromLine}–${c.toLine}`;
  return `${c.file} · ${lines}${c.selected ? '' : ' (cursor)'}`;
}

const STATUS_TEXT = { streaming: 'Spark is answering…', stopped: 'Stopped.', error: 'Spark could not answer.', done: null } as const;

/**
 * One message. A person's question is plain text; Spark's answer is sanitized Markdown. Names, colours
 * and text come from the shared document, which any edit link can write: they are rendered as text and
 * the colour has been checked to be `#rrggbb` (chat-log.ts), never put into HTML.
 */
export function ChatMessageView({ message, canAct, onStop }: { message: ChatMessage; canAct: boolean; onStop?: () => void }) {
  const context = contextLabel(message);
  const status = STATUS_TEXT[message.status];
  return (
    <article className={`chat-message chat-${message.role}`} data-testid="chat-message" data-role={message.role} data-status={message.status}>
      <header className="chat-message-head">
        <span className="chat-dot" style={{ background: message.color }} aria-hidden="true" />
        <strong className="chat-name" data-testid="chat-name">{message.name}</strong>
        {context && <span className="chat-context">{context}</span>}
      </header>
      {message.role === 'person' ? (
        <p className="chat-text" data-testid="chat-text">{message.text}</p>
      ) : (
        <div data-testid="chat-text">
          <ChatMarkdown text={message.text} actions={canAct && message.status !== 'streaming'} />
        </div>
      )}
      {(status || message.note) && (
        <footer className={`chat-status is-${message.status}`} data-testid="chat-status">
          {status && <span>{status}</span>}
          {message.note && <span className="chat-note" data-testid="chat-note">{message.note}</span>}
          {message.status === 'streaming' && canAct && onStop && (
            <button type="button" className="button chat-stop" data-testid="chat-stop" onClick={onStop}>
              Stop
            </button>
          )}
        </footer>
      )}
      {message.tier && message.status === 'done' && <span className="chat-tier">{message.tier}</span>}
    </article>
  );
}
