/**
 * The edits a change makes necessary elsewhere, found by the language service with no model. A change is
 * a span of a file and the text it replaced. When the span is inside a declaration's name, the file is
 * read once more with the old name put back (an overlay: every other file as it is now), and the service's
 * rename locations of that declaration are the places still to rename. When the span is inside a
 * parameter list, the call sites of that function whose arguments no longer fit get arguments added or
 * dropped. Each follow-up is the text a span must read and what it should read instead.
 */
import ts from 'typescript5';
import type { RoomLanguageService } from './room-language-service';

export interface ChangeInput {
  room: string;
  path: string;
  /** The changed span in the file as it is now. */
  from: number;
  to: number;
  /** What the span read before the change. */
  before: string;
}

export interface FollowUpEdit {
  path: string;
  from: number;
  to: number;
  before: string;
  after: string;
  kind: 'rename' | 'signature';
  /** What the follow-up does, as a person reads it: `greet → welcome`, `add an argument to greet(…)`. */
  title: string;
  /** The declaration the follow-ups come from: a newer change of the same one replaces them. */
  source: string;
}

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/** A name a declaration can have: identifier characters, and no keyword. */
function isName(text: string): boolean {
  return IDENTIFIER.test(text) && ts.identifierToKeywordKind(ts.factory.createIdentifier(text)) === undefined;
}

/** The smallest node of `file` that contains the span [from, to). */
function nodeAt(file: ts.SourceFile, from: number, to: number): ts.Node {
  let node: ts.Node = file;
  for (;;) {
    const inner: ts.Node | undefined = node.forEachChild((child) => (child.getStart(file) <= from && to <= child.end ? child : undefined));
    if (!inner) return node;
    node = inner;
  }
}

function isDeclarationName(node: ts.Node): boolean {
  const parent = node.parent as ts.Node & { name?: ts.Node };
  return ts.isIdentifier(node) && parent !== undefined && parent.name === node;
}

function renames(ls: RoomLanguageService, input: ChangeInput, text: string): FollowUpEdit[] {
  let start = input.from;
  let end = input.to;
  while (start > 0 && IDENTIFIER_CHAR.test(text[start - 1]!)) start--;
  while (end < text.length && IDENTIFIER_CHAR.test(text[end]!)) end++;
  const newName = text.slice(start, end);
  const oldName = text.slice(start, input.from) + input.before + text.slice(input.to, end);
  if (oldName === newName || !isName(newName) || !isName(oldName)) return [];
  const fileName = ls.fileName(input.path);
  ls.setOverlay(input.path, text.slice(0, start) + oldName + text.slice(end));
  try {
    const file = ls.service.getProgram()?.getSourceFile(fileName);
    if (!file || !isDeclarationName(nodeAt(file, start, start + oldName.length))) return [];
    const locations = ls.service.findRenameLocations(fileName, start, false, false, { providePrefixAndSuffixTextForRename: false }) ?? [];
    const shift = newName.length - oldName.length;
    const edits: FollowUpEdit[] = [];
    for (const location of locations) {
      const path = location.fileName.slice(ls.fileName('').length);
      let from = location.textSpan.start;
      if (path === input.path) {
        if (from === start) continue;
        if (from > start) from += shift;
      }
      // Someone may have renamed it there already.
      const now = path === input.path ? text : ls.text(path);
      if (now?.slice(from, from + oldName.length) !== oldName) continue;
      edits.push({ path, from, to: from + oldName.length, before: oldName, after: newName, kind: 'rename', title: `${oldName} → ${newName}`, source: `${input.path}:${oldName}` });
    }
    return edits;
  } finally {
    ls.clearOverlay();
  }
}

type FunctionLike = ts.SignatureDeclaration & { parameters: ts.NodeArray<ts.ParameterDeclaration> };

/** The function whose parameter list holds the span, and the node that names it. */
function functionAround(node: ts.Node, from: number, to: number): { fn: FunctionLike; name: ts.Identifier } | null {
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (!ts.isFunctionLike(at) || !(at.parameters.pos <= from && to <= at.parameters.end)) continue;
    const named = at as FunctionLike & { name?: ts.Node };
    if (named.name && ts.isIdentifier(named.name)) return { fn: named, name: named.name };
    if (ts.isVariableDeclaration(at.parent) && ts.isIdentifier(at.parent.name)) return { fn: named, name: at.parent.name };
    return null;
  }
  return null;
}

/** What to pass for a new parameter: a value of that name where the call can see one, else an empty value of its type. */
function argumentFor(checker: ts.TypeChecker, call: ts.CallExpression, parameter: ts.ParameterDeclaration): string {
  const name = ts.isIdentifier(parameter.name) ? parameter.name.text : null;
  if (name && checker.getSymbolsInScope(call, ts.SymbolFlags.Value).some((symbol) => symbol.name === name)) return name;
  const type = checker.getTypeAtLocation(parameter);
  if (type.flags & ts.TypeFlags.StringLike) return "''";
  if (type.flags & ts.TypeFlags.NumberLike) return '0';
  if (type.flags & ts.TypeFlags.BooleanLike) return 'false';
  if (checker.isArrayType(type)) return '[]';
  return 'undefined';
}

function callSites(ls: RoomLanguageService, input: ChangeInput): FollowUpEdit[] {
  const fileName = ls.fileName(input.path);
  const program = ls.service.getProgram();
  const file = program?.getSourceFile(fileName);
  if (!program || !file) return [];
  const found = functionAround(nodeAt(file, input.from, input.to), input.from, input.to);
  if (!found) return [];
  const { fn, name } = found;
  const checker = program.getTypeChecker();
  const required = fn.parameters.filter((p) => !p.questionToken && !p.initializer && !p.dotDotDotToken).length;
  const most = fn.parameters.some((p) => p.dotDotDotToken) ? Infinity : fn.parameters.length;
  const edits: FollowUpEdit[] = [];
  for (const entry of ls.service.getReferencesAtPosition(fileName, name.getStart(file)) ?? []) {
    const site = program.getSourceFile(entry.fileName);
    if (!site) continue;
    const reference = nodeAt(site, entry.textSpan.start, entry.textSpan.start + entry.textSpan.length);
    const callee = ts.isPropertyAccessExpression(reference.parent) && reference.parent.name === reference ? reference.parent : reference;
    const call = callee.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== callee) continue;
    const given = call.arguments.map((argument) => argument.getText(site));
    if (given.length >= required && given.length <= most) continue;
    const args = given.length > most ? given.slice(0, most) : [...given, ...fn.parameters.slice(given.length, required).map((p) => argumentFor(checker, call, p))];
    const from = call.arguments.pos - 1;
    const path = entry.fileName.slice(ls.fileName('').length);
    const title = given.length > most ? `drop an argument of ${name.text}(…)` : `add an argument to ${name.text}(…)`;
    edits.push({ path, from, to: call.end, before: site.text.slice(from, call.end), after: `(${args.join(', ')})`, kind: 'signature', title, source: `${input.path}:${name.text}()` });
  }
  return edits;
}

/** The follow-ups of a change, nearest first: the changed file from the change on, then the other files by path. */
export function followUpsOf(ls: RoomLanguageService, input: ChangeInput): FollowUpEdit[] {
  ls.clearOverlay();
  const text = ls.text(input.path);
  if (text === undefined || input.to > text.length || input.from > input.to) return [];
  const renamed = renames(ls, input, text);
  const edits = renamed.length > 0 ? renamed : callSites(ls, input);
  const rank = (edit: FollowUpEdit) => (edit.path === input.path ? (edit.from >= input.from ? 0 : 1) : 2);
  return edits.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path) || a.from - b.from);
}
