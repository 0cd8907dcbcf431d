import { z } from 'zod';

/**
 * The first screen of a session, fetched over HTTP while the page's scripts still load: the file the
 * page opens first (the first in the file list) and its first lines, drawn read-only until the editor
 * takes over. A screen's worth, so the answer stays small whatever the file holds.
 */
export const OPENING_MAX_LINES = 200;
/** Characters of a line the read-only view can show on a wide screen; the rest waits for the editor. */
export const OPENING_MAX_LINE_CHARS = 500;

export const openingPath = (room: string) => `/api/sessions/${encodeURIComponent(room)}/opening`;

export const openingSchema = z.object({
  /** null: the room has no file. */
  path: z.string().nullable(),
  lines: z.array(z.string().max(OPENING_MAX_LINE_CHARS)).max(OPENING_MAX_LINES),
});
export type Opening = z.infer<typeof openingSchema>;

/** The opening of a file's text: its first lines, each cut to what a screen shows. */
export function openingLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < OPENING_MAX_LINES && start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    lines.push(text.slice(start, Math.min(stop, start + OPENING_MAX_LINE_CHARS)));
    if (end === -1) break;
    start = end + 1;
  }
  return lines;
}
