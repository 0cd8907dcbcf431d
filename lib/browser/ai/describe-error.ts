import type { AiError } from '../../shared/protocol/ai';

/**
 * An error as the panel and the status bar say it: the code people can search for and report, and the
 * message, which names the tier when a tier failed (`fast tier (api.groq.com, chat) refused the API key`).
 */
export function describeAiError(error: AiError): { code: string; text: string } {
  const tier = error.tier && !error.message.toLowerCase().includes(`${error.tier} tier`) ? ` (${error.tier} tier)` : '';
  return { code: error.code, text: `${error.message}${tier}` };
}
