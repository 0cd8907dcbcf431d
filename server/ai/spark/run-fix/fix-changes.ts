/**
 * The model's fix as changes to the workspace: its search/replace blocks (server/ai/spark/blocks/),
 * planned against the files as they are now. A block that no longer matches is reported by file and
 * place, never guessed; what the model says before its first block is the cause, shown to the room.
 */
import { BLOCK_FORMAT_RULES } from '../blocks/block-prompt';
import { parseBlocks, type BlockParserLimits } from '../blocks/block-parser';
import { planBlocks } from '../blocks/block-planner';
import type { FileChange } from '../file-change';

/** How the model is told to write a fix: the block rules, and one sentence on the cause before them. */
export const FIX_FORMAT = `${BLOCK_FORMAT_RULES}\nBefore the blocks, say in one sentence what caused the error.`;

const FIRST_MARKER = /^\s*<{5,9} SEARCH\s*$/m;

export interface PlannedFix {
  changes: FileChange[];
  /** Blocks that could not be applied, each named by its file and place. */
  problems: string[];
  /** What the model said before its blocks: the cause, as the room reads it. */
  explanation: string;
}

export function planFix(reply: string, limits: BlockParserLimits, read: (path: string) => string | null): PlannedFix {
  const { blocks, invalid } = parseBlocks(reply, limits);
  const plan = planBlocks(blocks, (path) => read(path) ?? undefined);
  return {
    changes: plan.changes,
    problems: [...invalid, ...plan.stale].map((p) => p.message),
    explanation: causeIn(reply),
  };
}

/** The prose before the first block, without the block's path line and the fences around it. */
function causeIn(reply: string): string {
  const marker = FIRST_MARKER.exec(reply);
  const lines = (marker ? reply.slice(0, marker.index) : reply).split('\n').filter((l) => !/^\s*```/.test(l));
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  if (marker) lines.pop(); // the first block's path
  return lines.join('\n').trim();
}
