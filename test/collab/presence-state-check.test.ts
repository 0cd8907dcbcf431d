import { describe, expect, it } from 'vitest';
import { awarenessStateSchema, awarenessUserSchema } from '../../lib/shared/protocol/awareness';
import { isAwarenessState, isAwarenessUser } from '../../lib/shared/protocol/awareness-check';

const at = { type: { client: 7, clock: 0 }, item: { client: 9, clock: 12 }, assoc: 0 };
const valid = () =>
  structuredClone({
    user: { id: 'u-1', name: 'Ada', color: '#3fb950', kind: 'human' },
    file: 'main.ts',
    selection: { anchor: at, head: { ...at, tname: 'files' } },
  });

/** Values that sit on either side of some rule of the schema. */
const POOL: unknown[] = [
  undefined, null, true, 0, -0, 1, -1, 1.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), NaN, Infinity, -Infinity,
  '', 'a', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(64), 'x'.repeat(65), '😀'.repeat(20), '😀'.repeat(40), '😀'.repeat(41), '😀'.repeat(64), '😀'.repeat(65), '\ud800'.repeat(41), 'x\udc00'.repeat(33),
  '#3fb950', '#3FB950', '#3fb95g', '#3fb950\n', ' #3fb950', '#3fb9500', 'human', 'spark', 'Human', 'robot',
  [], [1], {}, { client: 1, clock: 2 }, { client: -1, clock: 2 }, { client: 1 }, { client: 1, clock: 2, extra: [] },
  { anchor: at, head: at }, { anchor: at }, { id: 'u', name: 'n', color: '#000000', kind: 'spark' },
];

const PATHS = [
  [], ['user'], ['user', 'id'], ['user', 'name'], ['user', 'color'], ['user', 'kind'], ['user', 'extra'], ['file'], ['extra'],
  ['selection'], ['selection', 'anchor'], ['selection', 'head'], ['selection', 'extra'],
  ...['anchor', 'head'].flatMap((end) => [
    ['selection', end, 'type'], ['selection', end, 'type', 'client'], ['selection', end, 'type', 'clock'],
    ['selection', end, 'tname'], ['selection', end, 'item'], ['selection', end, 'item', 'client'],
    ['selection', end, 'item', 'clock'], ['selection', end, 'assoc'], ['selection', end, 'extra'],
  ]),
];

/** The valid state with the value at `path` replaced (removed for undefined). */
function variant(path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const root: Record<string, any> = valid();
  let holder = root;
  for (const key of path.slice(0, -1)) holder = holder[key];
  const last = path[path.length - 1]!;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return root;
}

const variants = PATHS.flatMap((path) => POOL.map((value) => ({ path: path.join('.') || '(whole)', value, state: variant(path, value) })));

describe('the presence check', () => {
  it('gives the schema’s verdict on every state, as sent and as JSON delivers it', () => {
    const disagreements: string[] = [];
    let accepted = 0;
    for (const { path, value, state } of variants) {
      for (const candidate of [state, JSON.parse(JSON.stringify(state ?? null))]) {
        const schema = awarenessStateSchema.safeParse(candidate).success;
        if (schema) accepted++;
        if (isAwarenessState(candidate) !== schema) disagreements.push(`${path} = ${String(JSON.stringify(value))}: schema says ${schema}`);
      }
    }
    expect(disagreements).toEqual([]);
    // The corpus holds both verdicts in number, so agreeing is not a matter of always saying no.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(variants.length * 2 - 100);
  });

  it('gives the user schema’s verdict on every user', () => {
    const users = [...POOL, ...variants.map(({ state }) => (state as { user?: unknown } | null)?.user)];
    expect(users.filter((user) => isAwarenessUser(user) !== awarenessUserSchema.safeParse(user).success)).toEqual([]);
    expect(users.filter((user) => isAwarenessUser(user)).length).toBeGreaterThan(10);
  });
});
