'use client';

import { useEffect, useState } from 'react';
import type { CollabClient } from '../collab/collab-client';
import { chatOf, readChat, type ChatMessage } from '../../shared/document/chat-log';
import { receiveChatMessage } from './chat-store';
import { frameCoalesced } from './frame-coalesced';
import type { SparkClient } from './spark-client';

/**
 * The room's chat, live: re-read from the shared document when it changes, at most once per frame (an
 * answer streams in many small inserts), and this page's refusals from the Spark socket.
 */
export function useChat(collab: CollabClient | null, spark: SparkClient | null): ChatMessage[] {
  const [messages, setMessages] = useState<ChatMessage[]>([]);

  useEffect(() => {
    if (!collab) return;
    const chat = chatOf(collab.doc);
    const redraw = frameCoalesced(() => setMessages(readChat(collab.doc)));
    const onChange = () => redraw.request();
    redraw.request();
    chat.observeDeep(onChange);
    return () => {
      chat.unobserveDeep(onChange);
      redraw.dispose();
    };
  }, [collab]);

  useEffect(() => spark?.subscribe(receiveChatMessage), [spark]);

  return messages;
}
