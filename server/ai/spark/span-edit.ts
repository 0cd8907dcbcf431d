import type { SparkEditRequest } from './spark-peer';
import type { EditRecorder } from './edit-record';
import type { EditMessage, RunningEdit } from './running-edits';
import type { SpanWriter } from './span-writer';

/** A Spark edit of one span of one file, streamed in as the model answers with the span's new text. */
export class SpanEdit implements RunningEdit {
  readonly controller = new AbortController();
  /** The span as it read when the edit started. */
  private readonly region: string;
  private written = '';

  constructor(
    readonly request: SparkEditRequest,
    readonly writer: SpanWriter,
    readonly recorder: EditRecorder,
    readonly send: (message: EditMessage) => void,
    private readonly moveTo: (offset: number) => void,
  ) {
    this.region = writer.current();
  }

  get id(): string {
    return this.request.id;
  }

  get requester(): string {
    return this.request.requester;
  }

  take(text: string, final: boolean) {
    this.written += text;
    // A selection of whole lines keeps its final newline even if the model dropped it.
    if (final && this.region.endsWith('\n') && !this.written.endsWith('\n')) this.written += '\n';
    const refused = this.writer.update(this.written, final);
    if (!refused) this.moveTo(this.writer.cursor);
    return refused;
  }

  outcome() {
    return {};
  }

  dispose(): void {
    this.writer.dispose();
  }
}
