/**
 * The last branch of a switch over a union: adding a member becomes a compile error at every switch that
 * must learn it, and a value that slips past the types at run time fails loudly.
 */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
