/**
 * One change Spark means to make to the workspace, in plain offsets over a file's current text: the common
 * currency between what plans an edit (a rewrite of a selection, search/replace blocks, a language-service
 * fix) and what carries it out (typing it in, or proposing it to the room first).
 */
export type FileChange =
  /** Replace `[from, to)` of an existing file with `text`. */
  | { kind: 'replace'; file: string; from: number; to: number; text: string; label?: string }
  /** Create a file that does not exist yet, holding `text`. */
  | { kind: 'create'; file: string; text: string; label?: string };
