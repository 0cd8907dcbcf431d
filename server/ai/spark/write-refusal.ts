import { AI_ERROR, type AiError, type AiErrorCode } from '../../../lib/shared/protocol/ai';
import { REFUSAL_MESSAGES, type RefusalReason } from '../../../lib/shared/protocol/refusals';

/** The room's refusal of a Spark write, as the error that ends the edit or answer, under the same name. */
export function writeRefusal(reason: RefusalReason): AiError {
  const code = reason in AI_ERROR ? (reason as AiErrorCode) : 'INTERNAL';
  return { code, message: REFUSAL_MESSAGES[reason] };
}
