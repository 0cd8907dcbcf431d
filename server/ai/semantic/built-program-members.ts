/**
 * Members after `.` from the program the language service has already built, with no new one: asking
 * the service about a changed file builds a new program, whose fresh type checker costs most of a
 * completion's time. What follows the dot does not change the type of the value before it, so where the
 * file differs from the program's version of it only from the dot on, on the dot's line (the dot itself
 * may be the key just typed), and every other room file is as the program holds it, the program's own
 * checker lists the members the way the service would (its member completion, followed step by step).
 * Where that cannot be done the same way (a JavaScript file, a namespace's or an enum's exports, `?.`)
 * this gives no answer and the service is asked.
 */
import ts from 'typescript5';
import { cursorContext } from './cursor-context';
import type { BuiltProgram, RoomLanguageService } from './room-language-service';
import { NO_VIEW, ranked, type SemanticView } from './semantic-view';

/** Files the checker checks (JavaScript ones list members by other rules). */
const CHECKED = /\.(ts|tsx|mts|cts)$/i;

/** The cursor kind is decided by the last characters before it. */
const CONTEXT_CHARS = 256;

/** The service's sort texts for members: a class's static ones first, then the rest. */
const SORT = { static: '10', member: '11' } as const;

/** What names are identifiers in (the room's compiler options say ES2022). */
const COMPILER_TARGET = ts.ScriptTarget.ES2022;

/**
 * The service's own test of whether a member may be offered at an access: it reads where the access is
 * (which class encloses it) and whether it is on `super`. Every checker has it, though TypeScript's
 * published types leave it out.
 */
type CompletionChecker = ts.TypeChecker & {
  isValidPropertyAccessForCompletions(access: ts.Node, type: ts.Type, member: ts.Symbol): boolean;
};

/** Nodes that are text, where a dot is a character and no member access. */
const TEXT_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** How the service orders names with equal sort texts. */
const SERVICE_ORDER = new Intl.Collator(undefined, { usage: 'sort', sensitivity: 'variant', numeric: true });

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** The two texts are the same before the dot, and from the end of the dot's line on. */
function differOnlyFromDot(built: string, text: string, dot: number): boolean {
  return built.startsWith(text.slice(0, dot)) && built.slice(lineEnd(built, dot)) === text.slice(lineEnd(text, dot));
}

/** The innermost node holding the character at `offset`. */
function nodeAt(file: ts.SourceFile, offset: number): ts.Node {
  let node: ts.Node = file;
  for (;;) {
    const child = ts.forEachChild(node, (c) => (c.pos <= offset && offset < c.end ? c : undefined));
    if (!child) return node;
    node = child;
  }
}

function isStatic(symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  return !!declaration && ts.isClassLike(declaration.parent) && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Static) !== 0;
}

/** A member written as a name (`a`, `#a`), not a computed key or a string (`[Symbol.iterator]`, `'a-b'`). */
function isPlainName(member: ts.Symbol): boolean {
  const declaration = member.declarations?.[0];
  const name = declaration && ts.getNameOfDeclaration(declaration);
  if (name && ts.isPrivateIdentifier(name)) return true;
  if (name && ts.isComputedPropertyName(name)) return false;
  const codes = [...member.name].map((c) => c.codePointAt(0)!);
  return codes.length > 0 && ts.isIdentifierStart(codes[0]!, COMPILER_TARGET) && codes.every((c) => ts.isIdentifierPart(c, COMPILER_TARGET));
}

/** Namespaces (`x: Y.`) are the service's; the members of anything else, in a type, the service has none of. */
function typeNameMembers(checker: ts.TypeChecker, name: ts.QualifiedName): SemanticView | null {
  let outer: ts.Node = name;
  while (ts.isQualifiedName(outer.parent)) outer = outer.parent;
  if (!ts.isTypeReferenceNode(outer.parent)) return null;
  return namesNamespace(checker, name.left) ? null : NO_VIEW;
}

/** The name is a namespace's or an enum's (through an import or not), whose members are its exports. */
function namesNamespace(checker: ts.TypeChecker, name: ts.Node): boolean {
  const symbol = checker.getSymbolAtLocation(name);
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return !!target && (target.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Enum)) !== 0;
}

/** Where members are asked for: the value before the dot, and the node whose place decides which are visible. */
interface MemberSite {
  receiver: ts.Expression;
  location: ts.Node;
}

/** A value used as it stands (`return a`, `f(a)`, `x = a`), so that a dot typed after it reads its members. */
function isOperand(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.arguments?.includes(node as ts.Expression) ?? false;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.initializer === node;
  // What is assigned to (`a = 1`) has the assigned value's type there.
  if (ts.isBinaryExpression(parent)) return parent.right === node || !isAssignment(parent.operatorToken.kind);
  return ts.isExpressionStatement(parent) || ts.isReturnStatement(parent) || ts.isArrayLiteralExpression(parent) || ts.isTemplateSpan(parent) || ts.isAwaitExpression(parent);
}

function isAssignment(operator: ts.SyntaxKind): boolean {
  return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
}

/** The dot was typed since the program was built: the value it follows ends right there in the built file. */
function siteBeforeTypedDot(file: ts.SourceFile, dot: number): MemberSite | null {
  let value = nodeAt(file, dot - 1);
  while (ts.isPropertyAccessExpression(value.parent) && value.parent.name === value) value = value.parent;
  if (value.end !== dot || !ts.isExpression(value) || !isOperand(value)) return null;
  // On `super` the checker's test of visibility would take the value's own node for the access.
  if (value.kind === ts.SyntaxKind.SuperKeyword || (ts.isPropertyAccessExpression(value) && value.expression.kind === ts.SyntaxKind.SuperKeyword)) return null;
  return { receiver: value, location: value };
}

/** The dot is in the built file too: its property access, or what the service says where it is no access. */
function siteAtDot(file: ts.SourceFile, checker: ts.TypeChecker, dot: number): MemberSite | SemanticView | null {
  const access = nodeAt(file, dot);
  // In a comment, a string or text the service offers no members.
  if (dot < access.getStart(file) || TEXT_KINDS.has(access.kind)) return NO_VIEW;
  if (ts.isQualifiedName(access) && access.left.end === dot) return typeNameMembers(checker, access);
  // A dot that is no plain property access of a value (`a?.b`, `extends a.B`) is the service's.
  if (!ts.isPropertyAccessExpression(access) || access.questionDotToken || access.expression.end !== dot || ts.isExpressionWithTypeArguments(access.parent)) return null;
  return { receiver: access.expression, location: access };
}

/**
 * The members the service would list after the dot at `cursor` (less what is typed of the name), or
 * null where the built program cannot tell them as it would.
 */
export function builtProgramMembers(ls: RoomLanguageService, built: BuiltProgram, roomPath: string, text: string, cursor: number): SemanticView | null {
  if (!CHECKED.test(roomPath)) return null;
  const { kind, partial } = cursorContext(text.slice(Math.max(0, cursor - CONTEXT_CHARS), cursor));
  if (kind !== 'member') return null;
  const dot = cursor - partial.length - 1;
  const file = built.program.getSourceFile(ls.fileName(roomPath));
  if (!file || !differOnlyFromDot(file.text, text, dot) || !ls.holdsAllBut(built, roomPath)) return null;
  const checker = built.program.getTypeChecker() as CompletionChecker;
  const site = file.text[dot] === '.' ? siteAtDot(file, checker, dot) : siteBeforeTypedDot(file, dot);
  if (!site || !('receiver' in site)) return site;
  const { receiver, location } = site;
  // A namespace's or an enum's members are its exports: the service lists them by other rules.
  if ((ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver)) && namesNamespace(checker, receiver)) return null;
  // The service offers a possibly missing value's members too (it would insert `?.`).
  const type = checker.getNonNullableType(checker.getTypeAtLocation(receiver));
  const entries = new Map<string, { name: string; sortText: string }>();
  for (const member of type.getApparentProperties()) {
    // The service leaves out what it could only offer with other text than the name (`[Symbol.iterator]`, `['a-b']`).
    if (entries.has(member.name) || !isPlainName(member) || !checker.isValidPropertyAccessForCompletions(location, type, member)) continue;
    entries.set(member.name, { name: member.name, sortText: isStatic(member) ? SORT.static : SORT.member });
  }
  if (entries.size === 0) return NO_VIEW;
  const listed = [...entries.values()].sort((a, b) => SERVICE_ORDER.compare(a.sortText, b.sortText) || SERVICE_ORDER.compare(a.name, b.name));
  return { kind, partial, names: ranked(listed, () => true), newIdentifier: false };
}
