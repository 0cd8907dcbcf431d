/**
 * A workspace instruction as a proposal: the model's search/replace blocks stream into a ProposalDraft
 * (shown to the room as a diff over every file they touch) instead of into the files. Each block is
 * located once, when its SEARCH is complete, against the files as they are (nothing changes until someone
 * accepts); the draft gets the whole plan so far at every step. Blocks that cannot be placed are named in
 * the proposal's note and in `edit:done`.
 */
import { getFile, STARTER_FILE } from '../../../../lib/shared/document/doc-model';
import { assertNever, type ServerMessage, type StaleBlock } from '../../../../lib/shared/protocol/ai';
import type { AiRouter } from '../../routing/router';
import type { FileChange } from '../file-change';
import type { ProposalAuthor } from '../proposals/proposal-draft';
import { streamProposal } from '../proposals/stream-proposal';
import type { SparkPeer } from '../spark-peer';
import type { WorkspaceEditRequest } from '../workspace-edits';
import { BlockParser, type BlockEvent } from './block-parser';
import { locateBlock, type BlockTarget, type Claimed } from './block-planner';

type EditMessage = Extract<ServerMessage, { type: `edit:${string}` }>;

/** The plan so far: every block located, with its REPLACE text as far as it has come. */
class StreamingPlan {
  readonly stale: StaleBlock[] = [];
  private readonly placed: Array<{ key: string; target: Exclude<BlockTarget, { kind: 'stale' }>; text: string; label: string }> = [];
  private readonly claimed = new Map<string, Claimed[]>();
  private readonly created = new Set<string>();

  constructor(private readonly fileText: (path: string) => string | undefined) {}

  /** Takes one parser event; true when the plan changed. */
  take(event: BlockEvent): boolean {
    switch (event.type) {
      case 'open':
        return false;
      case 'search': {
        const label = `${event.file} block ${event.block}`;
        if (this.created.has(event.file)) {
          const message = `${label} changes ${event.file}, which an earlier block of this answer creates; the file's text belongs in that block.`;
          this.stale.push({ file: event.file, block: event.block, reason: event.search === '' ? 'FILE_EXISTS' : 'OVERLAPS', message });
          return false;
        }
        const target = locateBlock(event, this.fileText(event.file), this.claimed.get(event.file));
        if (target.kind === 'stale') {
          this.stale.push(target.stale);
          return false;
        }
        if (target.kind === 'create') this.created.add(event.file);
        else this.claimed.set(event.file, [...(this.claimed.get(event.file) ?? []), { from: target.from, to: target.to }]);
        this.placed.push({ key: label, target, text: '', label });
        return true;
      }
      case 'replace':
      case 'close': {
        const { file, block } = event.type === 'close' ? event.edit : event;
        const text = event.type === 'close' ? event.edit.replace : event.replace;
        const place = this.placed.find((p) => p.key === `${file} block ${block}`);
        if (!place || place.text === text) return false;
        place.text = text;
        return true;
      }
      case 'invalid': {
        const at = this.placed.findIndex((p) => p.key === `${event.file} block ${event.block}`);
        if (at !== -1) this.placed.splice(at, 1);
        this.stale.push({ file: event.file, block: event.block, reason: event.reason, message: event.message });
        return at !== -1;
      }
      default:
        return assertNever(event);
    }
  }

  changes(): FileChange[] {
    return this.placed.map(({ target, text, label }) =>
      target.kind === 'create' ? { kind: 'create', file: target.file, text, label } : { kind: 'replace', file: target.file, from: target.from, to: target.to, text, label },
    );
  }
}

export function proposeBlocks(
  spark: SparkPeer,
  router: AiRouter,
  request: WorkspaceEditRequest,
  asker: Omit<ProposalAuthor, 'id' | 'title'>,
  send: (message: EditMessage) => void,
): void {
  const plan = new StreamingPlan((path) => getFile(spark.room.doc, path)?.toString());
  const parser = new BlockParser(router.editBlockLimits);
  const who = { userId: request.requester, roomId: spark.room.id, pin: request.pin };

  streamProposal(spark, { ...request, file: request.file ?? STARTER_FILE.path }, asker, send, {
    ask: (signal) => router.editBlocks({ ...who, instruction: request.instruction, openFile: request.file, workspace: spark.workspace }, signal),
    take(draft, chunk, final) {
      let changed = final;
      for (const event of final ? parser.end() : parser.push(chunk)) changed = plan.take(event) || changed;
      return changed ? draft.update(plan.changes(), final) : undefined;
    },
    note: () =>
      plan.stale.length === 0 ? null : `Not proposed: ${plan.stale.map((s) => `${s.file || '(no file)'} block ${s.block} (${s.reason})`).join(', ')}.`,
    stale: () => plan.stale,
  });
}
