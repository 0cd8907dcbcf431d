// server/ai/embedded/: the no-key completion engine: tokenizer, n-gram index, the node_modules corpus and
// the session-files index. The engine (this file) is the entry point.
/**
 * The embedded completion engine: token n-grams over a corpus shipped in node_modules plus prompt-lookup
 * matching against the session's own files (the zero-weight drafting technique of llama.cpp's and vLLM's
 * speculative decoding). No weights, no download, answers in about a millisecond. It completes code that
 * resembles code it has seen; it cannot follow instructions. Quality is measured by the benchmark.
 */
import path from 'node:path';
import { corpusFiles } from './corpus';
import { confidentPart, positionKind, runningConfidence, type ConfidenceModel, type PositionKind } from './confidence';
import { beamLines } from './line-beam';
import { bestLine, FITTED_LINE_CHOICE_MODEL, lineCandidates, type LineCandidate, type LineChoiceModel } from './line-choice';
import { LineBook, lineAtCursor, recallLine, type RecallBook, type RecalledLine } from './line-recall';
import { FITTED_RECALL_MODEL, recallFeatures, recallProbability, type RecallModel } from './recall-confidence';
import { decode, type DecodeOptions, type DecodeStep, type IndexSource } from './decode';
import { TokenIndex } from './token-index';
import { PROMPT_TOKEN_IDS, tokenize, Vocabulary } from './tokens';
import { WorkspaceIndex } from './workspace-index';

export interface EmbeddedEngineOptions {
  /** Cap on corpus text read at start-up; 0 disables the corpus (workspace matching only). */
  corpusBytes: number;
  nodeModules?: string;
  /** The gate's model; the fitted one (confidence-model.json) by default. */
  confidence?: ConfidenceModel;
  /** The recalled line's model; the fitted one (recall-confidence-model.json) by default. */
  recallConfidence?: RecallModel;
  /** The whole-line chooser's model; the fitted one (line-choice-model.json) by default. */
  lineChoice?: LineChoiceModel;
}

/** What the engine weighs at a cursor (lineEvidence), for complete() and for fitting the gates. */
export interface LineEvidence {
  kind: PositionKind;
  steps: DecodeStep[];
  recalled: RecalledLine | null;
  /** The recall gate's probability for the recalled line (0 when there is none). */
  recallChance: number;
  candidates: LineCandidate[];
}

export interface CorpusStats {
  files: number;
  bytes: number;
  tokens: number;
  loadMs: number;
}

/** Where the cursor is, and how far the answer may go (the decoder's own options). */
export interface EmbeddedInput extends Pick<DecodeOptions, 'multiline' | 'maxTokens'> {
  /** The room whose files are the workspace; none means this file alone (and the corpus). */
  room?: string;
  path: string;
  /** The text before and after the cursor. */
  prefix: string;
  suffix: string;
}

/** Only the last part of the prefix matters for an n-gram context; tokenising more is wasted time. */
const PREFIX_CHARS = 4000;
const SUFFIX_CHARS = 2000;
/** Weights: an occurrence in this very file or the session counts more than one in the corpus. */
const WEIGHT = { file: 6, workspace: 4, corpus: 1 } as const;
/** The same for line recall, fitted on the benchmark's tuning half: a line of this file counts thrice. */
const RECALL_WEIGHT = { file: 3, workspace: 1 } as const;
/** Lines of this file around the cursor that line recall reads (each way). */
const RECALL_CHARS = 16_000;

export class EmbeddedEngine {
  /** The corpus's tokens, shared by every room; nothing else adds to it. */
  readonly vocab = new Vocabulary();
  private corpus: TokenIndex | null = null;
  private loading: Promise<CorpusStats> | null = null;
  private readonly rooms = new Map<string, WorkspaceIndex>();

  constructor(private readonly options: EmbeddedEngineOptions) {}

  get corpusReady(): boolean {
    return this.corpus !== null;
  }

  /**
   * Reads and indexes the corpus in the background, one file per event-loop turn so start-up and live
   * traffic are not blocked. Idempotent. Completions before it finishes use the session's files only.
   */
  load(): Promise<CorpusStats> {
    this.loading ??= this.buildCorpus();
    return this.loading;
  }

  private async buildCorpus(): Promise<CorpusStats> {
    const started = performance.now();
    const stats: CorpusStats = { files: 0, bytes: 0, tokens: 0, loadMs: 0 };
    if (this.options.corpusBytes <= 0) return stats;
    // Roughly one token per 3.5 characters of code; sizing up front avoids regrowing large arrays.
    const index = new TokenIndex(Math.ceil(this.options.corpusBytes / 3) + 1024, 20);
    const nodeModules = this.options.nodeModules ?? path.resolve('node_modules');
    for await (const file of corpusFiles(nodeModules, this.options.corpusBytes)) {
      const ids = this.vocab.encode(file.text);
      index.add(ids);
      stats.files++;
      stats.bytes += file.text.length;
      stats.tokens += ids.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.corpus = index;
    // Rooms indexed while the corpus loaded gave their own ids to tokens the corpus has since shared.
    for (const room of this.rooms.values()) room.reindex();
    stats.loadMs = Math.round(performance.now() - started);
    return stats;
  }

  /** The room's files as the engine holds them, created on first use. */
  room(id: string): WorkspaceIndex {
    let room = this.rooms.get(id);
    if (!room) {
      room = new WorkspaceIndex(this.vocab);
      this.rooms.set(id, room);
    }
    return room;
  }

  closeRoom(id: string): void {
    this.rooms.delete(id);
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  /**
   * A completion at the cursor, cut where it stops being likely right; '' when nothing is. The chosen
   * whole line when the line chooser is sure enough, else the recalled line when its gate is, else the
   * n-gram decoder's text as far as the token gate trusts it.
   */
  complete(input: EmbeddedInput): string {
    const evidence = this.lineEvidence(input);
    const choiceModel = this.options.lineChoice ?? FITTED_LINE_CHOICE_MODEL;
    const chosen = bestLine(evidence.candidates, evidence.kind, choiceModel);
    if (chosen && chosen.probability >= choiceModel.threshold[evidence.kind]) return chosen.text;
    return this.recallOrGated(evidence);
  }

  /** What complete() shows when the line chooser is not sure: the recalled line above its gate, or the gated n-grams. */
  recallOrGated(evidence: LineEvidence): string {
    const recallModel = this.options.recallConfidence ?? FITTED_RECALL_MODEL;
    if (evidence.recalled && evidence.recallChance >= recallModel.threshold[evidence.kind]) return evidence.recalled.text;
    return confidentPart(evidence.steps, evidence.kind, this.options.confidence);
  }

  /** The n-gram decoder's answer, cut by the confidence gate. */
  gated(input: EmbeddedInput): string {
    return confidentPart(this.steps(input), positionKind(input.prefix), this.options.confidence);
  }

  /**
   * The rest of the cursor's line as a line of this file or the room's files has it, when the recall model
   * finds it likely right, or null. Text after the cursor on its line (a closing `)` typed ahead) must be
   * in the recalled line and is not repeated. `steps` are the decoder's at the same cursor, if at hand.
   */
  recall(input: EmbeddedInput, steps?: DecodeStep[]): string | null {
    const line = this.recalled(input);
    if (!line) return null;
    const kind = positionKind(input.prefix);
    const model = this.options.recallConfidence ?? FITTED_RECALL_MODEL;
    const features = recallFeatures(line, kind, decodedLine(steps ?? this.steps(input)));
    return recallProbability(features, model) >= model.threshold[kind] ? line.text : null;
  }

  /**
   * Everything the engine weighs at the cursor: the decoder's steps, the recalled line and its gate's
   * probability, and the whole-line candidates (the beam's lines and the recalled one) for the chooser.
   */
  lineEvidence(input: EmbeddedInput): LineEvidence {
    const kind = positionKind(input.prefix);
    const context = this.decodingContext(input);
    const steps = context ? decodeSteps(context, input) : [];
    const greedy = decodedLine(steps).trimEnd();
    const books = this.lineBooks(input);
    const ahead = textAhead(input.suffix);
    const recalled = recallLine(books, input.prefix, ahead);
    const recallModel = this.options.recallConfidence ?? FITTED_RECALL_MODEL;
    const recallChance = recalled ? recallProbability(recallFeatures(recalled, kind, greedy), recallModel) : 0;
    const beam = context ? beamLines(context.vocab, context.sources, context.prefixIds) : [];
    const { typed } = lineAtCursor(input.prefix);
    const candidates = lineCandidates(beam, recalled && { ...recalled, probability: recallChance }, {
      greedy,
      greedyTokens: steps.map((step) => step.text),
      confidence: runningConfidence(steps, kind, this.options.confidence),
      typed,
      ahead,
      occurrences: (line) => books.reduce((sum, { book, here }) => sum + (here ? book.count(line) : 0), 0),
      roomOccurrences: (line) => books.reduce((sum, { book, here }) => sum + (here ? 0 : book.count(line)), 0),
    });
    return { kind, steps, recalled, recallChance, candidates };
  }

  /** The best recalled line with its evidence, however weak (for the gate's fitting and the benchmark). */
  recalled(input: EmbeddedInput): RecalledLine | null {
    return recallLine(this.lineBooks(input), input.prefix, textAhead(input.suffix));
  }

  /** The lines recall reads: this file's around the cursor, and the room's other files'. */
  private lineBooks(input: EmbeddedInput): RecallBook[] {
    const before = input.prefix.slice(-RECALL_CHARS);
    const after = input.suffix.slice(0, RECALL_CHARS);
    const lineEnd = after.indexOf('\n');
    // The cursor's own line is not evidence, and the line after it does not follow the line before it.
    const runs = [before.slice(0, before.lastIndexOf('\n') + 1).split('\n'), lineEnd === -1 ? [] : after.slice(lineEnd + 1).split('\n')];
    const books: RecallBook[] = [{ book: new LineBook(runs), weight: RECALL_WEIGHT.file, here: true }];
    const room = input.room === undefined ? undefined : this.rooms.get(input.room);
    for (const book of room?.linesExcluding(input.path) ?? []) books.push({ book, weight: RECALL_WEIGHT.workspace });
    return books;
  }

  /** The decoder's tokens at the cursor, each with its evidence, before the confidence gate. */
  steps(input: EmbeddedInput): DecodeStep[] {
    const context = this.decodingContext(input);
    return context ? decodeSteps(context, input) : [];
  }

  /** The prompt's token table, the indexes to read and the prefix's tokens; null when nothing is typed. */
  decodingContext(input: EmbeddedInput): DecodingContext | null {
    const prefix = input.prefix.slice(-PREFIX_CHARS);
    // Tokenising from a line start keeps the first token whole.
    const start = prefix.length < input.prefix.length ? prefix.indexOf('\n') + 1 : 0;
    const prefixTokens = tokenize(prefix.slice(start));
    if (prefixTokens.length === 0) return null;
    const room = input.room === undefined ? undefined : this.rooms.get(input.room);
    // Before the prompt's table is made: the room may start its own table afresh here.
    const roomIndexes = room?.indexesExcluding(input.path) ?? [];
    // The prompt's own tokens live only as long as this call.
    const vocab = new Vocabulary(room?.vocab ?? this.vocab, PROMPT_TOKEN_IDS);
    const prefixIds = prefixTokens.map((t) => vocab.id(t));

    // This file: the text before the cursor (without its last token, which is the query itself) and after it.
    const fileIndex = new TokenIndex(prefixIds.length + 1024, 12);
    fileIndex.add(prefixIds.slice(0, -1));
    fileIndex.add(vocab.encode(input.suffix.slice(0, SUFFIX_CHARS)));

    const sources: IndexSource[] = [{ index: fileIndex, weight: WEIGHT.file, kind: 'file' }];
    for (const index of roomIndexes) sources.push({ index, weight: WEIGHT.workspace, kind: 'workspace' });
    if (this.corpus) sources.push({ index: this.corpus, weight: WEIGHT.corpus, kind: 'corpus' });
    return { vocab, sources, prefixIds };
  }
}

interface DecodingContext {
  vocab: Vocabulary;
  sources: IndexSource[];
  prefixIds: number[];
}

function decodeSteps(context: DecodingContext, input: EmbeddedInput): DecodeStep[] {
  const steps: DecodeStep[] = [];
  decode(context.vocab, context.sources, context.prefixIds, { multiline: input.multiline, maxTokens: input.maxTokens, maxLines: 8 }, steps);
  return steps;
}

/** The text after the cursor on its line, trimmed: a suggestion goes before it and does not repeat it. */
function textAhead(suffix: string): string {
  const lineEnd = suffix.indexOf('\n');
  return (lineEnd === -1 ? suffix : suffix.slice(0, lineEnd)).trim();
}

/** The first line of the decoder's ungated text: what the n-grams alone would write on this line. */
export function decodedLine(steps: DecodeStep[]): string {
  let text = '';
  for (const step of steps) {
    const newline = step.text.indexOf('\n');
    if (newline !== -1) return text + step.text.slice(0, newline);
    text += step.text;
  }
  return text;
}
