/**
 * Steps of opening a session, as `performance.mark`s named `sparkpad:<step>`, so a trace (the bench's
 * open part, or the browser's performance panel) can split "link to text on screen" into its parts.
 * Each step is marked once per page load: the first time is the one a person waits for.
 */
export const OPEN_STEPS = [
  'static-text',
  'identity',
  'yjs-synced',
  'editable-plain',
  'monaco-requested',
  'monaco-evaluated',
  'monaco-ready',
  'editable',
] as const;
export type OpenStep = (typeof OPEN_STEPS)[number];

export const OPEN_MARK_PREFIX = 'sparkpad:';

export function markOpen(step: OpenStep): void {
  if (typeof performance === 'undefined') return;
  const name = `${OPEN_MARK_PREFIX}${step}`;
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
