import { nanoid } from 'nanoid';
import { create } from 'zustand';
import type { AiError, ClientMessageInput, LatencyStats, ServerMessage, StaleBlock, StopReason } from '../../shared/protocol/ai';
import { NOT_CONNECTED, type SparkClient } from './spark-client';

/**
 * Ask Spark: an instruction about a selection (or the cursor's line) that Spark carries out by typing into
 * the shared document on the server. The browser only asks, stops, redirects and undoes; the text itself
 * arrives through Yjs like anyone's. The state is a union: exactly one edit is the one the panel shows.
 */

export interface SparkTarget {
  file: string;
  language: string;
  /** Offsets in the file's Y.Text; equal offsets ask about the cursor's line. */
  from: number;
  to: number;
  /** How the panel names it, e.g. `main.ts · lines 3–5`. */
  label: string;
  /** Lines the instruction is about (the cursor's line counts as one). */
  lines?: number;
}


export type AskPhase =
  | { kind: 'idle' }
  /** `redirected`: it took over from an edit that was still running; `proposed`: shown to the room, not typed in. */
  | { kind: 'working'; id: string; instruction: string; chars: number; redirected: boolean; proposed?: boolean }
  /** `stale` and `applied`: a workspace edit's blocks not applied (by file and place) and places changed. */
  | {
      kind: 'finished';
      id: string;
      instruction: string;
      chars: number;
      stopped: StopReason | null;
      stats: LatencyStats | null;
      stale?: StaleBlock[];
      applied?: number;
      proposed?: boolean;
    }
  | { kind: 'failed'; id: string | null; error: AiError };

export type UndoState = { kind: 'none' } | { kind: 'pending' } | { kind: 'undone' } | { kind: 'nothing-to-undo' } | { kind: 'failed'; error: AiError };

export interface AskSparkState {
  phase: AskPhase;
  /** A tier failed and another took over, or one is resting: the reason, naming the tier. */
  notice: string | null;
  /** What Ctrl/Cmd+K pointed at, for the panel to show. */
  target: SparkTarget | null;
  /** Bumped by Ctrl/Cmd+K, so the panel focuses its input even when the target did not change. */
  focusRequests: number;
  /** This person has a Spark edit that undo would remove. */
  undoable: boolean;
  undo: UndoState;
}

const INITIAL: AskSparkState = { phase: { kind: 'idle' }, notice: null, target: null, focusRequests: 0, undoable: false, undo: { kind: 'none' } };

export const useAskSparkStore = create<AskSparkState>(() => INITIAL);

export function resetAskSpark(): void {
  useAskSparkStore.setState(INITIAL);
}

/** Ctrl/Cmd+K: remember what to work on and bring the instruction input up. */
export function aimSpark(target: SparkTarget): void {
  useAskSparkStore.setState((s) => ({ target, focusRequests: s.focusRequests + 1 }));
}

/**
 * Sends an instruction. While an edit is running this redirects it: the server stops it where it is and
 * starts the new instruction from the text as it now stands, over the same span.
 */
export function askSpark(client: SparkClient | null, target: SparkTarget, instruction: string, propose = false): void {
  const text = instruction.trim();
  if (!text) return;
  const { file, language, from, to } = target;
  startSparkEdit(client, target, text, (id) => ({ type: 'edit', id, file, language, instruction: text, selection: { from, to }, propose }));
}

/**
 * An instruction about the workspace rather than the selection: the model answers in search/replace
 * blocks, and Spark changes every place they name, in any file, creating files (or, with `propose`,
 * shows them to the room as one proposal first). `openFile` is shown to the model whole.
 */
export function askSparkAboutWorkspace(client: SparkClient | null, openFile: string | null, instruction: string, propose = false): void {
  const text = instruction.trim();
  if (!text) return;
  const target: SparkTarget = { file: openFile ?? '', language: '', from: 0, to: 0, label: 'The whole workspace' };
  startSparkEdit(client, target, text, (id) => ({ type: 'edit:workspace', id, instruction: text, file: openFile, propose }));
}

/** Sends an edit request (an instruction or a language-service action) and shows it as the current edit. */
export function startSparkEdit(client: SparkClient | null, target: SparkTarget, label: string, message: (id: string) => ClientMessageInput): void {
  const id = nanoid(12);
  const running = useAskSparkStore.getState().phase.kind === 'working';
  const request = message(id);
  if (!client?.send(request)) {
    useAskSparkStore.setState({ phase: { kind: 'failed', id: null, error: NOT_CONNECTED } });
    return;
  }
  const proposed = request.type === 'edit' && request.propose === true;
  useAskSparkStore.setState({ phase: { kind: 'working', id, instruction: label, chars: 0, redirected: running, ...(proposed ? { proposed } : {}) }, notice: null, target, undo: { kind: 'none' } });
}

/** Stop: Spark halts at once and what it wrote so far stays. */
export function stopSpark(client: SparkClient | null): void {
  const { phase } = useAskSparkStore.getState();
  if (phase.kind === 'working') client?.send({ type: 'edit:stop', id: phase.id });
}

/** Removes this person's most recent Spark edit as one step (the server keeps one undo step per edit). */
export function undoSparkEdit(client: SparkClient | null): void {
  if (!client?.send({ type: 'edit:undo' })) {
    useAskSparkStore.setState({ undo: { kind: 'failed', error: NOT_CONNECTED } });
    return;
  }
  useAskSparkStore.setState({ undo: { kind: 'pending' } });
}

/** The connection dropped: the server stops this person's edits, so the panel must not say "working". */
export function sparkDisconnected(): void {
  const { phase } = useAskSparkStore.getState();
  if (phase.kind === 'working') useAskSparkStore.setState({ phase: { ...phase, kind: 'finished', stopped: 'disconnected', stats: null } });
}

export function receiveEditMessage(message: ServerMessage): void {
  const state = useAskSparkStore.getState();
  const { phase } = state;
  const current = phase.kind === 'working' ? phase : null;
  switch (message.type) {
    case 'edit:progress':
      if (current?.id === message.id) useAskSparkStore.setState({ phase: { ...current, chars: message.chars } });
      return;
    case 'edit:notice':
      if (current?.id === message.id) useAskSparkStore.setState({ notice: message.error.message });
      return;
    case 'edit:done':
      // The edit it replaced also reports done (stopped: 'redirected'); only the current one counts.
      if (current?.id !== message.id) return;
      useAskSparkStore.setState({
        phase: {
          kind: 'finished',
          id: current.id,
          instruction: current.instruction,
          chars: current.chars,
          stopped: message.stopped,
          stats: message.stats,
          ...(message.stale ? { stale: message.stale } : {}),
          ...(message.applied !== undefined ? { applied: message.applied } : {}),
          ...(current.proposed ? { proposed: true } : {}),
        },
        // A proposal changed no text: there is nothing of it to undo until someone accepts it.
        undoable: current.proposed ? state.undoable : true,
      });
      return;
    case 'edit:error':
      if (current?.id !== message.id) return;
      // Text written before the failure is in the document and can be undone.
      useAskSparkStore.setState({ phase: { kind: 'failed', id: message.id, error: message.error }, undoable: state.undoable || current.chars > 0 });
      return;
    case 'edit:undone':
      useAskSparkStore.setState({ undo: { kind: message.ok ? 'undone' : 'nothing-to-undo' }, undoable: false });
      return;
    case 'error':
      if (message.id && current?.id === message.id) useAskSparkStore.setState({ phase: { kind: 'failed', id: message.id, error: message.error } });
      else if (!message.id && state.undo.kind === 'pending') useAskSparkStore.setState({ undo: { kind: 'failed', error: message.error } });
      return;
    default:
      return;
  }
}
