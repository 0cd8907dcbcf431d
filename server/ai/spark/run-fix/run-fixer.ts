// server/ai/spark/run-fix/: Fix with Spark: a failed run's error and code to the model, its blocks to a
// proposal (or typed in), then the file run again by whoever ran it and the outcome told in the chat.
/**
 * Fix with Spark, for one room. The run to fix is named by id and read from the document's run log, its
 * error parsed from the output there, never taken from the asker's message. The model answers with
 * search/replace blocks, which become a proposal; once the fix is in the files, Spark asks the browser of
 * the person who ran the file (runs happen in browsers) to run it again, and says in the room's chat
 * whether it passes now.
 */
import * as Y from 'yjs';
import { getFile, listFiles } from '../../../../lib/shared/document/doc-model';
import { describeRunError, failureOf, type RunError } from '../../../../lib/shared/document/run-error';
import { MAX_RUNS, readRuns, runRecordSchema, runsOf, type RunRecord } from '../../../../lib/shared/document/run-log';
import type { AiError, ServerMessage } from '../../../../lib/shared/protocol/ai';
import type { WorkspaceView } from '../../routing/context';
import type { AiRouter } from '../../routing/router';
import type { SparkRoom } from '../spark-room';
import { writeRefusal } from '../write-refusal';
import type { CarryOut } from './carry-out';
import { planFix } from './fix-changes';
import { fixPrompt } from './fix-prompt';
import { FixThread } from './fix-thread';
import type { PeopleOnline } from './people-online';
import { RunWriters } from './run-writers';

type FixMessage = Extract<ServerMessage, { type: `run:fix:${string}` }>;

export interface FixAsk {
  id: string;
  /** The failed run's id in the document's run log. */
  run: string;
  /** The room-scoped key of the asker, for rate limits and Spark's undo. */
  requester: string;
  /** The id the asker's hello names them by: the proposal records its asker by it. */
  askerId: string;
  /** The asker as the room shows them, with the identity the server verified (null: none). */
  asker: { userId: string | null; name: string; color: string };
}

export interface RunFixerDeps {
  room: SparkRoom;
  router: AiRouter;
  workspace: WorkspaceView | null;
  people: PeopleOnline;
  carryOut: CarryOut;
}

/** The explanation shown in the chat is cut here: the blocks are the fix, the words only introduce it. */
const EXPLANATION_CHARS = 1_500;

interface Rerun {
  file: string;
  thread: FixThread;
  /** Whose browser was asked: a record another person wrote does not count as the check. */
  asked: string;
}

export class RunFixer {
  private readonly writers: RunWriters;
  private readonly runs: Y.Array<unknown>;
  /** Fixes in the files whose rerun Spark waits for, oldest first; no more than the log keeps runs. */
  private readonly reruns = new Map<string, Rerun>();
  /** Runs being fixed, by run id: the fix asked for, until its proposal is decided or the fix failed. */
  private readonly fixing = new Map<string, string>();
  private readonly stopped = new AbortController();

  constructor(private readonly deps: RunFixerDeps) {
    this.writers = new RunWriters(deps.room);
    this.runs = runsOf(deps.room.doc);
    this.runs.observe(this.onRuns);
  }

  /** Starts a fix, or returns why not before anything is written or any model is asked. */
  fix(ask: FixAsk, send: (message: FixMessage) => void): AiError | null {
    const { room, router } = this.deps;
    const run = readRuns(room.doc).find((r) => r.id === ask.run);
    if (!run) return { code: 'RUN_NOT_FOUND', message: 'That run is no longer in the session.' };
    const error = failureOf(run, listFiles(room.doc));
    if (!error) return { code: 'RUN_DID_NOT_FAIL', message: `That run of ${run.file} did not fail with an error.` };
    if (this.fixing.has(run.id)) {
      return { code: 'ALREADY_FIXING', message: `Spark is already fixing that run of ${run.file}: accept or reject its proposal first.` };
    }
    const noModel = router.refusalWithoutModel();
    if (noModel) return noModel;
    const opened = FixThread.open(room, ask.id, ask.asker, `Fix ${run.file}: ${describeRunError(error)}`, `Looking at the error in ${error.file ?? run.file}…`);
    if (!opened.ok) return writeRefusal(opened.reason);
    this.fixing.set(run.id, ask.id);
    for (const id of this.fixing.keys()) if (this.fixing.size > MAX_RUNS) this.fixing.delete(id);
    void this.work(ask, run, error, opened.thread, send)
      .catch((failure: unknown) => {
        opened.thread.say(`Spark could not fix it: ${(failure as Error).message}`, 'error');
        send({ type: 'run:fix:error', id: ask.id, error: { code: 'INTERNAL', message: (failure as Error).message } });
      })
      .finally(() => this.fixing.delete(run.id));
    return null;
  }

  destroy(): void {
    this.stopped.abort(new Error('Spark left the room'));
    this.runs.unobserve(this.onRuns);
    this.writers.destroy();
  }

  private async work(ask: FixAsk, run: RunRecord, error: RunError, thread: FixThread, send: (message: FixMessage) => void): Promise<void> {
    const { room, router, workspace } = this.deps;
    const read = (path: string) => getFile(room.doc, path)?.toString() ?? null;
    const fail = (failure: AiError) => {
      thread.say(`Spark could not fix it: ${failure.message}`, 'error');
      send({ type: 'run:fix:error', id: ask.id, error: failure });
    };
    const content = fixPrompt(run, error, read, workspace);
    let reply = '';
    for await (const event of router.chat({ userId: ask.requester, roomId: room.id, pin: 'auto', messages: [{ role: 'user', content }] }, this.stopped.signal)) {
      if (event.type === 'chunk') reply += event.text;
      else if (event.type === 'error') return fail(event.error);
      else if (event.type === 'cancelled') return;
    }
    const plan = planFix(reply, router.editBlockLimits, read);
    if (plan.changes.length === 0) {
      return fail({ code: 'FIX_NOT_APPLICABLE', message: plan.problems.length ? plan.problems.join('; ') : 'the model proposed no change.' });
    }
    const title = `Fix ${run.file}: ${describeRunError(error)}`.slice(0, 4000);
    const carried = await this.deps.carryOut(plan.changes, { id: ask.id, requester: ask.requester, askerId: ask.askerId, asker: ask.asker, title });
    if (carried.kind === 'refused') return fail(carried.error);
    const files = [...new Set(plan.changes.map((c) => c.file))].join(', ');
    const what = `${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'} in ${files}`;
    const skipped = plan.problems.length ? ` Left out: ${plan.problems.join('; ')}.` : '';
    const explanation = plan.explanation.slice(0, EXPLANATION_CHARS);
    send({ type: 'run:fix:ready', id: ask.id, proposal: carried.proposalId, changes: plan.changes.length });
    thread.say(`${explanation ? `${explanation}\n\n` : ''}Proposed a fix: ${what}.${skipped} Accept it and Spark runs ${run.file} again.`, 'done');
    if ((await carried.decided) === 'rejected') return void thread.say('The fix was rejected.', 'done');
    this.runAgain(ask, run, thread);
  }

  /** Asks the runner's browser (else the asker's) to run the file again and waits for its record. */
  private runAgain(ask: FixAsk, run: RunRecord, thread: FixThread): void {
    const runner = this.writers.runnerOf(run.id);
    const doc = this.deps.room.doc;
    const again = { type: 'run:again', id: ask.id, file: run.file, after: { client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) } } as const;
    const asked = [runner, ask.asker.userId].find((who): who is string => who !== null && this.deps.people.send(who, again));
    if (!asked) return void thread.say(`Run ${run.file} again to check the fix: ${run.by}, who ran it, is not connected.`, 'done');
    this.reruns.set(ask.id, { file: run.file, thread, asked });
    for (const id of this.reruns.keys()) if (this.reruns.size > MAX_RUNS) this.reruns.delete(id);
    thread.say(`Running ${run.file} again${asked === runner ? ` in ${run.by}’s browser` : ''}…`, 'done');
  }

  private readonly onRuns = (event: Y.YArrayEvent<unknown>): void => {
    // Null when the record came through another instance: then who wrote it cannot be told, and it counts.
    const writer = this.deps.room.writerOf?.(event.transaction.origin) ?? null;
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent()) {
        const record = runRecordSchema.safeParse(entry);
        const rerun = record.success && record.data.rerunOf ? this.reruns.get(record.data.rerunOf) : undefined;
        if (!record.success || !rerun || record.data.file !== rerun.file) continue;
        if (writer !== null && writer !== rerun.asked) continue;
        this.reruns.delete(record.data.rerunOf!);
        rerun.thread.say(outcome(record.data, listFiles(this.deps.room.doc)), 'done');
      }
    }
  };
}

/** Whether the run after the fix passed, as Spark says it in the room. */
function outcome(run: RunRecord, files: string[]): string {
  switch (run.status) {
    case 'ok':
      return `✓ ${run.file} passes now (run by ${run.by}).`;
    case 'timeout':
      return `✗ ${run.file} no longer fails, but it was still running at the time limit (run by ${run.by}).`;
    case 'error': {
      const error = failureOf(run, files);
      return `✗ ${run.file} still fails${error ? `: ${describeRunError(error)}` : ''} (run by ${run.by}).`;
    }
  }
}
