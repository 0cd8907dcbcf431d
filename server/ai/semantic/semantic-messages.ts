/** What the main thread asks the language service's worker, keyed by `kind`, and each kind's answer. */
import type { CodeActionOffer } from '../../../lib/shared/protocol/ai';
import type { LineReplacement } from './code-actions';
import type { ChangeInput, FollowUpEdit } from './follow-ups';
import type { ActionInput, SemanticInput } from './semantic-engine';
import type { SemanticView } from './semantic-view';

export type SemanticRequest =
  | { kind: 'warm' }
  | { kind: 'view'; input: SemanticInput }
  | { kind: 'anticipate'; input: SemanticInput }
  | { kind: 'actions'; input: ActionInput }
  | { kind: 'action'; input: ActionInput & { id: string } }
  | { kind: 'follow-ups'; input: ChangeInput };

export interface SemanticReplies {
  warm: { ms: number };
  view: { view: SemanticView; ms: number };
  anticipate: { ms: number };
  actions: CodeActionOffer[];
  action: LineReplacement | null;
  'follow-ups': FollowUpEdit[];
}
