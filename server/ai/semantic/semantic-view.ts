/**
 * What the language service knows at the cursor, reduced to what ranking a suggestion needs: the names
 * that may legally come next (members of the value before `.`, identifiers in scope extending what is
 * typed, or the parameter a call expects when a variable of that name is in scope).
 */
import ts from 'typescript5';
import { cursorContext, type CursorKind } from './cursor-context';
import type { RoomLanguageService } from './room-language-service';

export interface SemanticView {
  kind: CursorKind;
  partial: string;
  /** Names allowed here that extend `partial`, most likely first. */
  names: string[];
  /** The position declares a new name (`const fo|`): nothing in scope can rule it out. */
  newIdentifier: boolean;
}

export const NO_VIEW: SemanticView = { kind: 'none', partial: '', names: [], newIdentifier: false };

/** Past this many names a suggestion could not be confident anyway; the list is cut. */
const MAX_NAMES = 400;

/** The cursor kind is decided by the last characters before it; longer text only slows the patterns. */
const CONTEXT_CHARS = 256;

const MEMBER_KINDS = new Set<string>([
  ts.ScriptElementKind.memberVariableElement,
  ts.ScriptElementKind.memberFunctionElement,
  ts.ScriptElementKind.memberGetAccessorElement,
  ts.ScriptElementKind.memberSetAccessorElement,
  ts.ScriptElementKind.enumMemberElement,
  ts.ScriptElementKind.functionElement,
  ts.ScriptElementKind.variableElement,
  ts.ScriptElementKind.constElement,
  ts.ScriptElementKind.letElement,
  ts.ScriptElementKind.classElement,
  ts.ScriptElementKind.interfaceElement,
  ts.ScriptElementKind.typeElement,
  ts.ScriptElementKind.enumElement,
  ts.ScriptElementKind.moduleElement,
  ts.ScriptElementKind.alias,
]);

const LOCAL_KINDS = new Set<string>([
  ts.ScriptElementKind.parameterElement,
  ts.ScriptElementKind.localVariableElement,
  ts.ScriptElementKind.variableElement,
  ts.ScriptElementKind.constElement,
  ts.ScriptElementKind.letElement,
]);

function completions(ls: RoomLanguageService, fileName: string, offset: number): ts.CompletionInfo | undefined {
  return ls.service.getCompletionsAtPosition(fileName, offset, { includeCompletionsWithInsertText: false });
}

/** The names of the entries kept, most likely first: by the service's sort text, then shortest first. */
export function ranked<E extends Pick<ts.CompletionEntry, 'name' | 'sortText'>>(entries: readonly E[], keep: (e: E) => boolean): string[] {
  return entries
    .filter(keep)
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.name.length - b.name.length))
    .map((e) => e.name);
}

/** The view for what is typed so far: its names narrowed to those extending `partial`. */
export function narrowed(view: SemanticView, partial: string): SemanticView {
  return { ...view, partial, names: view.names.filter((name) => name.startsWith(partial)).slice(0, MAX_NAMES) };
}

/**
 * Every name allowed at the cursor, whatever part of it is typed already: the service's list does not
 * depend on it, so typing on through a name can narrow this list instead of asking again.
 */
export function semanticView(ls: RoomLanguageService, roomPath: string, offset: number): SemanticView {
  const text = ls.text(roomPath);
  if (text === undefined) return NO_VIEW;
  const { kind, partial } = cursorContext(text.slice(Math.max(0, offset - CONTEXT_CHARS), offset));
  if (kind === 'none') return NO_VIEW;
  const fileName = ls.fileName(roomPath);
  if (kind === 'argument') {
    const help = ls.service.getSignatureHelpItems(fileName, offset, undefined);
    const item = help?.items[help.selectedItemIndex];
    const parameter = item?.parameters[help!.argumentIndex]?.name;
    if (!parameter || help!.argumentIndex !== 0) return NO_VIEW;
    const info = completions(ls, fileName, offset);
    const inScope = info?.entries.some((e) => e.name === parameter && LOCAL_KINDS.has(e.kind));
    return inScope ? { kind, partial, names: [parameter], newIdentifier: false } : NO_VIEW;
  }
  const info = completions(ls, fileName, offset);
  // No completions at all: a comment, a string or a syntax error: the service has no opinion there.
  if (!info || info.entries.length === 0) return NO_VIEW;
  if (kind === 'member') {
    if (!info.isMemberCompletion) return NO_VIEW;
    return { kind, partial, names: ranked(info.entries, (e) => MEMBER_KINDS.has(e.kind) || e.kind === 'property' || e.kind === 'method'), newIdentifier: false };
  }
  // Plain-text words of JavaScript files come back as "warning" entries: they are guesses, not scope.
  const names = ranked(info.entries, (e) => e.kind !== ts.ScriptElementKind.warning && e.kind !== 'string');
  return { kind, partial, names, newIdentifier: info.isNewIdentifierLocation };
}
