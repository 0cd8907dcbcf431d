/**
 * Spark's side of the room's chat. A question becomes two entries in the shared document (the question
 * and an empty answer, see lib/shared/document/chat-log.ts); the answer streams from the deep tier into the answer's
 * Y.Text chunk by chunk, so every browser in the room watches it arrive through the ordinary document
 * sync. The conversation so far, the asker's open file and selection, and the parts of the room's other
 * files most related to the question (the snippets completions use, from the room's index) go to the
 * model as context.
 */
import * as Y from 'yjs';
import { assertNever, type AiError, type Pin, type TierName } from '../../../lib/shared/protocol/ai';
import { SPARK_USER } from '../../../lib/shared/protocol/awareness';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import { filesOf } from '../../../lib/shared/document/doc-model';
import { appendExchange, CHAT_KEY, MAX_ANSWER_CHARS, readChat, type ChatContext, type ChatMessage } from '../../../lib/shared/document/chat-log';
import type { WorkspaceView } from '../routing/context';
import type { AiRouter } from '../routing/router';
import type { ContextSnippet } from '../tiers/model-tier';
import type { SparkRoom } from './spark-room';
import { writeBound } from './write-bound';
import { writeRefusal } from './write-refusal';

export const SPARK_CHAT_ORIGIN = { sparkChat: true } as const;

/** Room kept for the fields that close an answer (status, tier, note). */
const CLOSING_STATUS_BYTES = 1_500;
/** Earlier exchanges sent along; the router trims further to its budget, oldest first. */
const HISTORY_MESSAGES = 12;
/** File text around the selection sent as context: enough for a few functions either side. */
const FILE_CONTEXT_CHARS = 8_000;
/** Other files' windows sent along: a handful of related functions, half the open file's share. */
const SNIPPET_CONTEXT_CHARS = 4_000;

export interface ChatAsk {
  id: string;
  /** The room-scoped user id, for rate limits. */
  requester: string;
  asker: { name: string; color: string };
  question: string;
  /** Offsets in the file's Y.Text; from === to means the cursor. */
  context: { file: string; language: string; from: number; to: number } | null;
  pin: Pin;
}

export class SparkChat {
  private readonly active = new Map<string, { controller: AbortController; requester: string }>();

  constructor(
    private readonly room: SparkRoom,
    private readonly router: AiRouter,
    /** The room's files as completion context; without it only the open file is sent. */
    private readonly workspace: WorkspaceView | null = null,
  ) {}

  /**
   * Opens the exchange and streams the answer, or returns the refusal and leaves the history untouched:
   * no model can answer, or the room cannot take the two entries.
   */
  ask(ask: ChatAsk): AiError | null {
    const noModel = this.router.refusalWithoutModel();
    if (noModel) return noModel;
    const doc = this.room.doc;
    const history = readChat(doc);
    const file = ask.context ? filesOf(doc).get(ask.context.file) : undefined;
    const text = file instanceof Y.Text ? file.toString() : null;
    const context = ask.context && text !== null ? describeContext(text, ask.context) : null;
    const related = this.relatedTo(ask.question, context?.focusText ?? '', context ? ask.context!.file : '');
    const now = Date.now();
    const question = { id: ask.id, role: 'person', ...ask.asker, at: now, text: ask.question, status: 'done', replyTo: null, context: context?.ref ?? null, tier: null, note: null } as const;
    const opened = { id: `${ask.id}:answer`, role: 'spark', name: SPARK_USER.name, color: SPARK_USER.color, at: now, text: '', status: 'streaming', replyTo: ask.id, context: null, tier: null, note: null } as const;
    const refused = this.admit([JSON.stringify(question), JSON.stringify(opened)], [question, opened]);
    if (refused) return writeRefusal(refused);
    const answer = appendExchange(doc, question, opened, SPARK_CHAT_ORIGIN);
    const controller = new AbortController();
    this.active.set(ask.id, { controller, requester: ask.requester });
    const prompt = `${describeSnippets(related)}${context?.prompt ?? ''}${ask.asker.name} asks: ${ask.question}`;
    const messages = [...toModelMessages(history), { role: 'user' as const, content: prompt }];
    void this.stream(answer, { ...ask, messages }, controller).finally(() => this.active.delete(ask.id));
    return null;
  }

  /** Stops the requester's own answer mid-stream; what was written stays. */
  stop(id: string, requester: string): boolean {
    const active = this.active.get(id);
    if (!active || active.requester !== requester) return false;
    active.controller.abort(new Error('stopped'));
    return true;
  }

  destroy(): void {
    for (const { controller } of this.active.values()) controller.abort(new Error('Spark left the room'));
  }

  private async stream(
    answer: Y.Map<unknown>,
    ask: ChatAsk & { messages: Array<{ role: 'user' | 'assistant'; content: string }> },
    controller: AbortController,
  ): Promise<void> {
    const text = answer.get('text') as Y.Text;
    const set = (fields: Record<string, unknown>) =>
      this.room.doc.transact(() => {
        for (const [key, value] of Object.entries(fields)) answer.set(key, value);
      }, SPARK_CHAT_ORIGIN);
    let note: string | null = null;
    try {
      const events = this.router.chat({ userId: ask.requester, roomId: this.room.id, pin: ask.pin, messages: ask.messages }, controller.signal);
      for await (const event of events) {
        if (controller.signal.aborted) break;
        switch (event.type) {
          case 'chunk': {
            const room = MAX_ANSWER_CHARS - text.length;
            const piece = event.text.slice(0, room);
            const refused = this.admit([piece]);
            if (refused) {
              controller.abort(new Error(refused));
              return set({ status: 'error', note: writeRefusal(refused).message });
            }
            this.room.doc.transact(() => text.insert(text.length, piece), SPARK_CHAT_ORIGIN);
            if (event.text.length > room) {
              controller.abort(new Error('too long'));
              return set({ status: 'stopped', note: `The answer was cut at ${MAX_ANSWER_CHARS.toLocaleString('en')} characters.` });
            }
            break;
          }
          case 'notice':
            note = event.error.message;
            set({ note });
            break;
          case 'done': {
            const tier = event.stats.tier;
            return set({ status: 'done', tier: tier ? this.tierLabel(tier) : null, note: note ?? fallbackNote(tier, ask.pin) });
          }
          case 'error':
            return set({ status: 'error', note: event.error.message });
          case 'cancelled':
            return set({ status: 'stopped' });
          default:
            return assertNever(event);
        }
      }
      set({ status: 'stopped' });
    } catch (error) {
      set(controller.signal.aborted ? { status: 'stopped' } : { status: 'error', note: (error as Error).message });
    }
  }

  /**
   * The room's limits, as for a person's write. Each check keeps room for the answer's closing status, so
   * a refused chunk can still say why the answer stopped.
   */
  private admit(pieces: string[], entries: unknown[] = []): RefusalReason | undefined {
    const bytes = writeBound(pieces) + CLOSING_STATUS_BYTES;
    return this.room.admitWrite?.({ bytes, entries: entries.map((value) => ({ root: CHAT_KEY, value })) });
  }

  /**
   * The other files' windows that share the most names with the question and the code in focus; the
   * question comes last, so its names weigh most (the index looks at the last lines of its query).
   */
  private relatedTo(question: string, focus: string, openFile: string): ContextSnippet[] {
    return this.workspace?.relatedSnippets(`${focus}\n${question}`, openFile, false, SNIPPET_CONTEXT_CHARS) ?? [];
  }

  private tierLabel(tier: TierName): string {
    return this.router.tiers[tier].label;
  }
}

/** Chat goes to the deep tier unless pinned; an answer from another tier says so. */
function fallbackNote(tier: TierName | null, pin: Pin): string | null {
  const wanted = pin === 'auto' ? 'deep' : pin;
  if (!tier || tier === wanted) return null;
  return `Answered by the ${tier === 'embedded' ? 'embedded engine' : `${tier} tier`}: the ${wanted} tier was not available.`;
}

function toModelMessages(history: ChatMessage[]): Array<{ role: 'user' | 'assistant'; content: string }> {
  return history
    .filter((m) => m.role === 'person' || m.status === 'done')
    .slice(-HISTORY_MESSAGES)
    .map((m) => (m.role === 'person' ? { role: 'user', content: `${m.name} asks: ${m.text}` } : { role: 'assistant', content: m.text }));
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Other files' code as prompt text, each window under its path. */
function describeSnippets(snippets: ContextSnippet[]): string {
  if (snippets.length === 0) return '';
  return `Related code elsewhere in the workspace:\n${snippets.map((s) => `${s.path}:\n\`\`\`\n${s.text}\n\`\`\`\n`).join('')}\n`;
}

/** The asker's file and selection as prompt text, and as the reference shown with the question. */
function describeContext(text: string, c: NonNullable<ChatAsk['context']>): { prompt: string; ref: ChatContext; focusText: string } {
  const from = Math.min(c.from, c.to, text.length);
  const to = Math.min(Math.max(c.from, c.to), text.length);
  const fromLine = lineOf(text, from);
  const toLine = lineOf(text, Math.max(from, to - (to > from && text[to - 1] === '\n' ? 1 : 0)));
  const half = FILE_CONTEXT_CHARS / 2;
  const start = Math.max(0, from - half);
  const end = Math.min(text.length, to + half);
  const excerpt = `${start > 0 ? '…\n' : ''}${text.slice(start, end)}${end < text.length ? '\n…' : ''}`;
  const selected = to > from;
  const focus = selected
    ? `Selected (lines ${fromLine}-${toLine}):\n\`\`\`${c.language}\n${text.slice(from, to)}\n\`\`\`\n`
    : `The cursor is on line ${fromLine}.\n`;
  return {
    prompt: `Open file: ${c.file}\n\`\`\`${c.language}\n${excerpt}\n\`\`\`\n${focus}\n`,
    ref: { file: c.file, fromLine, toLine, selected },
    focusText: selected ? text.slice(from, to) : linesNear(text, from),
  };
}

/** The lines just before and at the cursor: what the asker is looking at when nothing is selected. */
function linesNear(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(0, end === -1 ? text.length : end).split('\n').slice(-6).join('\n');
}
