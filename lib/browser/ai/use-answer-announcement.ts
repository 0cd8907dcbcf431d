'use client';

import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../../shared/document/chat-log';

const ENDINGS: Record<Exclude<ChatMessage['status'], 'streaming'>, string> = {
  done: 'Spark answered',
  stopped: 'Spark’s answer was stopped',
  error: 'Spark could not answer',
};

/**
 * What a screen reader should hear about the chat: each of Spark's answers once, whole, when it stops
 * streaming. A live region on the log itself would read every streamed chunk as it lands. Answers that
 * were complete before this page saw them stream (the history on opening) are not announced.
 */
export function useAnswerAnnouncement(messages: readonly ChatMessage[]): string {
  const streaming = useRef(new Set<string>());
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    for (const message of messages) {
      if (message.role !== 'spark') continue;
      if (message.status === 'streaming') {
        streaming.current.add(message.id);
      } else if (streaming.current.delete(message.id)) {
        setAnnouncement(`${ENDINGS[message.status]}: ${message.text}`);
      }
    }
  }, [messages]);
  return announcement;
}
