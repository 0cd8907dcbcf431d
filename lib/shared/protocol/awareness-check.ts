import { MAX_NAME_LENGTH, MAX_USER_ID_LENGTH, PEER_COLOR, peerKindSchema, type AwarenessState, type AwarenessUser } from './awareness';

/**
 * The test `awarenessStateSchema` and `awarenessUserSchema` make, as plain predicates: the same verdict
 * on every value, without building a parsed copy or a list of issues. The server checks every presence
 * state a connection publishes, once per cursor move of everyone in every room, and the schema's copy
 * and bookkeeping cost more there than the check itself.
 */

type Fields = Record<string, unknown>;

const PEER_KINDS: ReadonlySet<unknown> = new Set(peerKindSchema.options);

/** z.object accepts any non-null object but an array, and reads only the keys it names. */
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** z.number().int(): a finite number that is a safe integer. */
const isInt = (value: unknown): value is number => Number.isSafeInteger(value);

const isCount = (value: unknown) => isInt(value) && value >= 0;

const isId = (value: unknown) => isFields(value) && isCount(value.client) && isCount(value.clock);

/** relativePositionJsonSchema: every field optional. */
const isRelativePosition = (value: unknown) =>
  isFields(value) &&
  (value.type === undefined || isId(value.type)) &&
  (value.tname === undefined || typeof value.tname === 'string') &&
  (value.item === undefined || isId(value.item)) &&
  (value.assoc === undefined || isInt(value.assoc));

/** Code points: a surrogate pair counts once, a lone surrogate as itself. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/**
 * z.string().min(1).max(n): zod counts code points. A code point is one or two UTF-16 units, so a string
 * within `max` units is within `max` code points and any non-empty one has at least one.
 */
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length >= 1 && (value.length <= max || codePoints(value) <= max);

export function isAwarenessUser(value: unknown): value is AwarenessUser {
  return (
    isFields(value) &&
    isText(value.id, MAX_USER_ID_LENGTH) &&
    isText(value.name, MAX_NAME_LENGTH) &&
    typeof value.color === 'string' &&
    PEER_COLOR.test(value.color) &&
    PEER_KINDS.has(value.kind)
  );
}

export function isAwarenessState(value: unknown): value is AwarenessState {
  if (!isFields(value) || !isAwarenessUser(value.user)) return false;
  if (value.file !== null && typeof value.file !== 'string') return false;
  const selection = value.selection;
  return selection === null || (isFields(selection) && isRelativePosition(selection.anchor) && isRelativePosition(selection.head));
}
