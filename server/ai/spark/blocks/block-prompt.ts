/**
 * The prompt that asks a model for search/replace blocks: the format's rules, the workspace's file list,
 * whole files where the edit most likely lands (the asker's open file, files the instruction names) and
 * the windows of other files most related to it (the completion context's snippet index), within a budget.
 * The model quotes SEARCH text from what it is shown, so every file or window is given verbatim.
 */
import type { WorkspaceView } from '../../routing/context';
import { keepStart } from '../../routing/context';

/** The format as the model is told it; the parser (block-parser.ts) reads exactly this, and tolerates more. */
export const BLOCK_FORMAT_RULES = `Answer with search/replace blocks only. Each block is:

path/of/the/file.ext
<<<<<<< SEARCH
the exact lines to change, copied character for character from the file
=======
the lines to put in their place
>>>>>>> REPLACE

Rules:
- The path line comes right before each block, on its own line.
- SEARCH must match the file exactly and occur only once in it: include enough surrounding lines to make it unique.
- Keep blocks small: only the lines that change and a line or two around them. Use several blocks for several places.
- To create a new file, leave SEARCH empty and put the whole file in REPLACE.
- To delete lines, leave REPLACE empty.
- No explanation is needed.`;

export interface BlockPromptInput {
  instruction: string;
  /** The asker's open file, shown whole first; null when there is none. */
  openFile: string | null;
  workspace: WorkspaceView;
  budgetChars: number;
}

/** Shares of the budget: whole files first, then related windows of the others. */
const WHOLE_FILES_SHARE = 0.6;

export function buildBlockPrompt(input: BlockPromptInput): string {
  const files = input.workspace.files();
  const paths = files.map((f) => f.path);
  const named = files.filter((f) => f.path !== input.openFile && mentions(input.instruction, f.path));
  const open = files.find((f) => f.path === input.openFile);
  const whole = [...(open ? [open] : []), ...named];
  let room = Math.floor(input.budgetChars * WHOLE_FILES_SHARE);
  const shown: string[] = [];
  for (const file of whole) {
    if (room <= 0) break;
    const text = keepStart(file.text, room);
    room -= text.length;
    shown.push(`${file.path}${text.length < file.text.length ? ' (its beginning)' : ''}\n\`\`\`\n${text}\n\`\`\``);
  }
  const seed = `${input.instruction}\n${open?.text ?? ''}`;
  const wholePaths = new Set(whole.map((f) => f.path));
  const windows = input.workspace
    .relatedSnippets(seed, input.openFile ?? '', true, Math.max(0, input.budgetChars - shown.join('').length - paths.join('').length))
    .filter((s) => !wholePaths.has(s.path));
  for (const w of windows) shown.push(`${w.path} (an excerpt)\n\`\`\`\n${w.text}\n\`\`\``);
  return [
    BLOCK_FORMAT_RULES,
    `Files in the workspace:\n${paths.map((p) => `- ${p}`).join('\n') || '(none)'}`,
    shown.join('\n\n'),
    `Instruction: ${input.instruction.replace(/\s+/g, ' ')}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The instruction names the file by path, or by its name when that is distinctive (has an extension). */
function mentions(instruction: string, path: string): boolean {
  if (instruction.includes(path)) return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.includes('.') && new RegExp(`(^|[^\\w.])${escape(name)}($|[^\\w])`).test(instruction);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
