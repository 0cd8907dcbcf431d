'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { askChat, stopChatAnswer, useChatStore } from '@/lib/browser/ai/chat-store';
import { describeAiError } from '@/lib/browser/ai/describe-error';
import { sparkTarget } from '@/lib/browser/ai/spark-target';
import { canAskSpark, useSparkStore } from '@/lib/browser/ai/spark-store';
import { useAnswerAnnouncement } from '@/lib/browser/ai/use-answer-announcement';
import { useChat } from '@/lib/browser/ai/use-chat';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { useEditorStore } from '@/lib/browser/editor/editor-store';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { ChatMessageView } from './chat-message';
import './chat-panel.css';

/**
 * The room's chat with Spark: everyone sees every question and watches the answer stream in. People with
 * an edit link ask (with their open file and selection as context); a view-only link reads along.
 */
export function ChatPanel() {
  const collab = useSessionStore((s) => s.client);
  const spark = useSparkStore((s) => s.client);
  const connection = useSparkStore((s) => s.connection);
  const messages = useChat(collab, spark);
  const error = useChatStore((s) => s.error);
  const openFile = useWorkspaceStore((s) => s.openFile);
  const [question, setQuestion] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const canAsk = canAskSpark(connection);
  const viewOnly = collab?.permission === 'view' || (connection.kind === 'ready' && connection.permission === 'view');
  const last = messages.at(-1);
  const announcement = useAnswerAnnouncement(messages);

  // Follow the conversation as answers grow.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, last?.text.length]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const { editor } = useEditorStore.getState();
    const target = editor && openFile ? sparkTarget(editor, openFile) : null;
    if (askChat(spark, question, target)) setQuestion('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <section className="chat" data-testid="chat-panel" aria-label="Chat with Spark">
      {/* The log is not live (it would read every streamed chunk); each finished answer is said once here. */}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="chat-announcement">{announcement}</div>
      <div className="chat-log" data-testid="chat-log" role="log" aria-live="off" aria-label="Conversation" tabIndex={0}>
        {messages.length === 0 && (
          <p className="chat-empty">Ask Spark about the code. Everyone in the session sees the question and the answer.</p>
        )}
        {messages.map((message) => (
          <ChatMessageView
            key={message.id}
            message={message}
            canAct={canAsk}
            onStop={message.replyTo ? () => stopChatAnswer(spark, message.replyTo!) : undefined}
          />
        ))}
        <div ref={end} />
      </div>
      {error && (
        <p className="chat-error" role="alert" data-testid="chat-error">
          {describeAiError(error).text}
        </p>
      )}
      {viewOnly ? (
        <p className="chat-read-only" data-testid="chat-read-only">You have a view-only link: you can read the chat but not ask Spark.</p>
      ) : (
        <form className="chat-form" onSubmit={submit}>
          <textarea
            data-testid="chat-input"
            value={question}
            onChange={(event) => setQuestion(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder="Ask Spark about your file or selection…"
            aria-label="Question for Spark"
            rows={2}
            maxLength={4000}
            disabled={!canAsk}
          />
          <button className="button primary" type="submit" data-testid="chat-send" disabled={!canAsk || !question.trim()}>
            Ask
          </button>
        </form>
      )}
    </section>
  );
}
