/**
 * Which of a server's models can write code, by name: the families trained on code name themselves so
 * (qwen2.5-coder, deepseek-coder, starcoder2, codellama, codestral, codegemma, granite-code, devstral …).
 * A general chat model completes code badly mid-line, so discovery passes over a server that has only those.
 */
const CODE_MODEL = /cod(e|er|estral|egemma|ellama)|starcoder|devstral|wizardcoder|sqlcoder/i;
/** Embedding and reranking models share names with their code siblings but cannot generate text. */
const NOT_GENERATIVE = /embed|rerank/i;

export function isCodeModel(name: string): boolean {
  return CODE_MODEL.test(name) && !NOT_GENERATIVE.test(name);
}

/** The first code model in the server's own order, or null. */
export function firstCodeModel(names: readonly string[]): string | null {
  return names.find(isCodeModel) ?? null;
}
