/**
 * The language service's own actions for a selection or the cursor, which need no model: a JSDoc template,
 * organize imports, every quick fix the file has (missing imports among them) and the refactors that apply
 * to the selection (extract function or constant, convert to arrow function or async, infer a return
 * type …). Each is named by a stable id, listed first and computed again from the text of the moment when
 * chosen, and comes back as one replacement of whole lines of the file, which Spark then types.
 */
import ts from 'typescript5';
import type { CodeActionOffer } from '../../../lib/shared/protocol/ai';
import type { RoomLanguageService } from './room-language-service';

export interface LineReplacement {
  from: number;
  to: number;
  /** The text from `from` to `to` when the action was computed: applied only if the file still reads so. */
  before: string;
  after: string;
}

const FORMAT: ts.FormatCodeSettings = { ...ts.getDefaultFormatCodeSettings('\n'), indentSize: 2, tabSize: 2, convertTabsToSpaces: true };
const PREFERENCES: ts.UserPreferences = { quotePreference: 'auto', importModuleSpecifierEnding: 'minimal', includeCompletionsForModuleExports: true };
/** These write other files (a new module): Spark edits one file at a time. */
const OTHER_FILE_REFACTORS = new Set(['Move to a new file', 'Move to file']);
const MAX_REFACTORS = 8;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the JSDoc template goes: the first character of the selection's first line. */
function docPosition(text: string, from: number): { at: number; indent: string } {
  const start = lineStart(text, from);
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  return { at: start + indent.length, indent };
}

/**
 * Whether a JSDoc comment ends just before `at`. Read from the text: the service skips JSDoc in TypeScript
 * files (room-language-service.ts), so its template does not know a declaration already has one there.
 */
function documented(text: string, at: number): boolean {
  let end = at;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (!text.startsWith('*/', end - 2)) return false;
  const open = text.lastIndexOf('/*', end - 3);
  return open !== -1 && text.startsWith('/**', open);
}

function docTemplate(ls: RoomLanguageService, path: string, text: string, from: number): ts.TextChange | null {
  const { at, indent } = docPosition(text, from);
  if (documented(text, at)) return null;
  const template = ls.service.getDocCommentTemplateAtPosition(ls.fileName(path), at, {}, FORMAT);
  if (!template?.newText.trim()) return null;
  // The template ends its last line; the declaration keeps its own indentation after it.
  return { span: { start: at, length: 0 }, newText: template.newText.endsWith('\n') ? template.newText + indent : template.newText };
}

function fileChanges(changes: readonly ts.FileTextChanges[], fileName: string): ts.TextChange[] {
  return changes.filter((c) => c.fileName === fileName).flatMap((c) => c.textChanges);
}

function organizeImports(ls: RoomLanguageService, path: string): ts.TextChange[] {
  return fileChanges(ls.service.organizeImports({ type: 'file', fileName: ls.fileName(path) }, FORMAT, PREFERENCES), ls.fileName(path));
}

/** Every fix the file's problems have, combined per kind of fix, overlapping ones dropped. */
function fixAll(ls: RoomLanguageService, path: string): ts.TextChange[] {
  const fileName = ls.fileName(path);
  const diagnostics = [...ls.service.getSyntacticDiagnostics(fileName), ...ls.service.getSemanticDiagnostics(fileName)];
  const seen = new Set<string>();
  const changes: ts.TextChange[] = [];
  for (const d of diagnostics) {
    if (d.start === undefined) continue;
    const fixes = ls.service.getCodeFixesAtPosition(fileName, d.start, d.start + (d.length ?? 0), [d.code], FORMAT, PREFERENCES);
    const fix = fixes[0];
    if (!fix) continue;
    const key = fix.fixId !== undefined ? String(fix.fixId) : `${d.start}:${d.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const combined = fix.fixId !== undefined ? ls.service.getCombinedCodeFix({ type: 'file', fileName }, fix.fixId, FORMAT, PREFERENCES).changes : fix.changes;
    changes.push(...fileChanges(combined, fileName));
  }
  return withoutOverlaps(changes);
}

function withoutOverlaps(changes: ts.TextChange[]): ts.TextChange[] {
  const sorted = [...changes].sort((a, b) => a.span.start - b.span.start);
  const kept: ts.TextChange[] = [];
  let end = -1;
  for (const change of sorted) {
    if (change.span.start < end || (change.span.start === end && change.span.length === 0 && kept.at(-1)?.span.length === 0)) continue;
    kept.push(change);
    end = change.span.start + change.span.length;
  }
  return kept;
}

function refactors(ls: RoomLanguageService, path: string, from: number, to: number): CodeActionOffer[] {
  const range = { pos: from, end: to };
  const offers: CodeActionOffer[] = [];
  for (const refactor of ls.service.getApplicableRefactors(ls.fileName(path), range, PREFERENCES, 'invoked', undefined, false)) {
    if (OTHER_FILE_REFACTORS.has(refactor.name)) continue;
    for (const action of refactor.actions) {
      if (action.notApplicableReason || action.isInteractive) continue;
      offers.push({ id: `refactor:${refactor.name}|${action.name}`, title: action.description });
    }
  }
  return offers.slice(0, MAX_REFACTORS);
}

/**
 * The service's suggestions in the selection (convert to an async function, to an ES module …), one
 * action per fix; the id says where the suggestion was, so choosing it asks for that fix again there.
 */
function suggestionFixes(ls: RoomLanguageService, path: string, from: number, to: number): Array<CodeActionOffer & { changes: ts.TextChange[] }> {
  const fileName = ls.fileName(path);
  const out: Array<CodeActionOffer & { changes: ts.TextChange[] }> = [];
  for (const d of ls.service.getSuggestionDiagnostics(fileName)) {
    const start = d.start ?? 0;
    const end = start + (d.length ?? 0);
    if (end < from || start > Math.max(from, to)) continue;
    for (const fix of ls.service.getCodeFixesAtPosition(fileName, start, end, [d.code], FORMAT, PREFERENCES)) {
      out.push({ id: `suggestion:${d.code}:${start}:${end}:${fix.fixName}`, title: fix.description, changes: fileChanges(fix.changes, fileName) });
    }
  }
  return out;
}

/** The edits of action `id`, or null when it no longer applies. */
function changesOf(ls: RoomLanguageService, path: string, text: string, from: number, to: number, id: string): ts.TextChange[] | null {
  if (id === 'jsdoc') {
    const change = docTemplate(ls, path, text, from);
    return change ? [change] : null;
  }
  if (id === 'organize-imports') return organizeImports(ls, path);
  if (id === 'fix-all') return fixAll(ls, path);
  if (id.startsWith('suggestion:')) {
    const [, , start, end] = id.split(':');
    return suggestionFixes(ls, path, Number(start), Number(end)).find((fix) => fix.id === id)?.changes ?? null;
  }
  if (!id.startsWith('refactor:')) return null;
  const [refactor, action] = id.slice('refactor:'.length).split('|');
  const edits = ls.service.getEditsForRefactor(ls.fileName(path), FORMAT, { pos: from, end: to }, refactor!, action!, PREFERENCES);
  return edits ? fileChanges(edits.edits, ls.fileName(path)) : null;
}

/** Applies changes to text and widens them to whole lines, so Spark retypes lines, not fragments. */
export function toLineReplacement(text: string, changes: readonly ts.TextChange[]): LineReplacement | null {
  const real = changes.filter((c) => text.slice(c.span.start, c.span.start + c.span.length) !== c.newText);
  if (real.length === 0) return null;
  const sorted = [...real].sort((a, b) => a.span.start - b.span.start);
  const from = lineStart(text, sorted[0]!.span.start);
  const last = sorted.reduce((end, c) => Math.max(end, c.span.start + c.span.length), 0);
  const newline = text.indexOf('\n', last);
  const to = newline === -1 ? text.length : newline + 1;
  let after = '';
  let at = from;
  for (const change of sorted) {
    after += text.slice(at, change.span.start) + change.newText;
    at = change.span.start + change.span.length;
  }
  after += text.slice(at, to);
  return { from, to, before: text.slice(from, to), after };
}

export function computeAction(ls: RoomLanguageService, path: string, from: number, to: number, id: string): LineReplacement | null {
  ls.clearOverlay();
  const text = ls.text(path);
  if (text === undefined) return null;
  const changes = changesOf(ls, path, text, from, to, id);
  return changes ? toLineReplacement(text, changes) : null;
}

/** What applies at the selection now: only actions that would change something are offered. */
export function listActions(ls: RoomLanguageService, path: string, from: number, to: number): CodeActionOffer[] {
  ls.clearOverlay();
  const text = ls.text(path);
  if (text === undefined) return [];
  const offers: CodeActionOffer[] = [];
  if (docTemplate(ls, path, text, from)) offers.push({ id: 'jsdoc', title: 'Add JSDoc' });
  if (toLineReplacement(text, organizeImports(ls, path))) offers.push({ id: 'organize-imports', title: 'Organize imports' });
  if (toLineReplacement(text, fixAll(ls, path))) offers.push({ id: 'fix-all', title: 'Fix all fixable problems' });
  const suggestions = suggestionFixes(ls, path, from, to).map(({ id, title }) => ({ id, title }));
  return [...offers, ...suggestions, ...refactors(ls, path, from, to)];
}
