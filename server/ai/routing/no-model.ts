/**
 * Free-form instructions and chat need a model that follows instructions. With only the embedded engine
 * there is none, and asking the engine anyway would be a failure on every request: it would count against
 * the engine's health and, after a few, switch ghost text off too. So the router refuses such a request by
 * name before any tier is asked, and says once how to connect a model.
 */
import type { RouterError } from '../../../lib/shared/protocol/ai';
import type { TierSet } from './tier-plan';

export const CONNECT_A_MODEL =
  'Spark needs a model for free-form instructions and chat, and none is connected. Start a local model server ' +
  '(Ollama, llama.cpp’s llama-server, LM Studio or vLLM) and restart Sparkpad, which finds it by itself, or set ' +
  'SPARKPAD_FAST_URL (and SPARKPAD_DEEP_URL) to an OpenAI-compatible endpoint.';

/** True when some tier is a model: a remote endpoint, set or found at start. */
export function modelConnected(tiers: TierSet): boolean {
  return tiers.fast.name !== 'embedded' || tiers.deep.name !== 'embedded';
}

/** The refusal for an instruction or a chat question, or null when a model can take it. */
export function noModelRefusal(tiers: TierSet): RouterError | null {
  return modelConnected(tiers) ? null : { code: 'NO_MODEL_CONNECTED', message: CONNECT_A_MODEL };
}
