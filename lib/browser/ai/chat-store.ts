import { nanoid } from 'nanoid';
import { create } from 'zustand';
import type * as monaco from 'monaco-editor';
import type { AiError, ServerMessage } from '../../shared/protocol/ai';
import { useAskSparkStore, type SparkTarget } from './ask-spark-store';
import { NOT_CONNECTED, type SparkClient } from './spark-client';

/**
 * The chat's browser side. The conversation itself lives in the shared document (chat-log.ts) and is read
 * by useChat; this store holds only what is this page's own: the last refusal of its own question (a
 * view-only link, a rate limit), which the server sends back on the socket instead of into the room.
 */
export interface ChatState {
  error: AiError | null;
  /** Ids of questions this page asked, so a refusal for one of them is shown and others' are not. */
  asked: string[];
}

export const useChatStore = create<ChatState>(() => ({ error: null, asked: [] }));

/** Asks Spark in the room's chat, with the open file and selection (or cursor) as context. */
export function askChat(client: SparkClient | null, question: string, target: SparkTarget | null): boolean {
  const text = question.trim();
  if (!text) return false;
  const id = nanoid(12);
  const context = target ? { file: target.file, language: target.language, from: target.from, to: target.to } : null;
  if (!client?.send({ type: 'chat:ask', id, question: text, context })) {
    useChatStore.setState({ error: NOT_CONNECTED });
    return false;
  }
  useChatStore.setState((s) => ({ error: null, asked: [...s.asked.slice(-20), id] }));
  return true;
}

export function stopChatAnswer(client: SparkClient | null, questionId: string): void {
  client?.send({ type: 'chat:stop', id: questionId });
}

export function receiveChatMessage(message: ServerMessage): void {
  if (message.type === 'chat:error' && useChatStore.getState().asked.includes(message.id)) {
    useChatStore.setState({ error: message.error });
  }
}

/** What Apply as edit tells the server it is doing; the model is not asked, the text is typed as is. */
const APPLY_INSTRUCTION = 'Apply code from the chat';

/**
 * Apply: Spark types `code` over the selection (or the cursor's line) through the same streamed edit path
 * as Ask Spark, so the Ask Spark panel shows it working and offers Stop and Undo for it; with `propose`,
 * it is proposed to the room first and typed once accepted.
 */
export function applyAsEdit(client: SparkClient | null, target: SparkTarget, code: string, propose = false): boolean {
  const id = nanoid(12);
  const { file, language, from, to } = target;
  const running = useAskSparkStore.getState().phase.kind === 'working';
  if (!client?.send({ type: 'edit', id, file, language, instruction: APPLY_INSTRUCTION, selection: { from, to }, replacement: code, propose })) {
    useChatStore.setState({ error: NOT_CONNECTED });
    return false;
  }
  useAskSparkStore.setState({
    phase: { kind: 'working', id, instruction: APPLY_INSTRUCTION, chars: 0, redirected: running },
    notice: null,
    target,
    undo: { kind: 'none' },
  });
  return true;
}

/** Insert at cursor: a local edit by this person (over the selection, if any), like pasting. */
export function insertAtCursor(editor: monaco.editor.ICodeEditor, code: string): boolean {
  const selection = editor.getSelection();
  if (!selection || editor.getRawOptions().readOnly) return false;
  editor.pushUndoStop();
  editor.executeEdits('spark-chat', [{ range: selection, text: code, forceMoveMarkers: true }]);
  editor.pushUndoStop();
  editor.focus();
  return true;
}
