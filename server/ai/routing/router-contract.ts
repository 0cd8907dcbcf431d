import type { ConnectedModel, Pin } from '../../../lib/shared/protocol/ai';
import type { AiMetrics } from '../metrics';
import type { WorkspaceMirrors } from '../embedded/engine-thread';
import type { CodeActions } from '../semantic/semantic-thread';
import type { BlockPromptInput } from '../spark/blocks/block-prompt';
import type { CompletionSettings } from './completions';
import type { EditInput, WorkspaceView } from './context';
import type { TierSet } from './tier-plan';

/** What the router is built from (its settings and collaborators) and what each kind of request asks it. */

export interface RouterSettings extends CompletionSettings {
  editBudgetTokens: number;
  maxEditTokens: number;
  userRequestsPerSecond: number;
  userRequestsPerMinute: number;
  roomRequestsPerMinute: number;
  failuresBeforeCooldown: number;
  cooldownMs: number;
  /** Time one diff of a Spark edit may take before it falls back to a coarser edit. */
  editDiffBudgetMs?: number;
  /** Search/replace blocks one workspace edit may carry. @default 32 */
  maxEditBlocks?: number;
  /** Characters of one block's SEARCH or REPLACE text. @default 100000 */
  maxEditBlockChars?: number;
  /** Next-edit follow-ups a room holds at once. */
  maxFollowUpsPerRoom?: number;
  /** How long a reported change waits for the change itself to arrive. */
  followUpCatchUpMs?: number;
}

export interface RouterDeps {
  tiers: TierSet;
  settings: RouterSettings;
  metrics?: AiMetrics;
  /** Clock for cooldowns; tests move it instead of waiting. */
  now?: () => number;
  /** Where the Spark peer mirrors each room's files for the embedded engine's thread. */
  workspaces?: WorkspaceMirrors;
  /** The language service's refactors and fixes, which Spark types with no model; none when it is off. */
  codeActions?: CodeActions | null;
  /** Where the tiers' model comes from, for the hello and /api/health. */
  model?: ConnectedModel;
}

export interface RoutedEditInput extends EditInput {
  userId: string;
  roomId: string;
  pin: Pin;
  workspace?: WorkspaceView | null;
}

export interface BlockEditInput extends Omit<BlockPromptInput, 'budgetChars'> {
  userId: string;
  roomId: string;
  pin: Pin;
}

export interface ChatInput {
  userId: string;
  roomId: string;
  pin: Pin;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
}
