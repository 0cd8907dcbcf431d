/** A free name like `untitled-2.ts` for the new-file input, so Enter alone makes a valid file. */
export function suggestFileName(existing: readonly string[], extension = 'ts'): string {
  const taken = new Set(existing);
  for (let n = 1; ; n++) {
    const name = n === 1 ? `untitled.${extension}` : `untitled-${n}.${extension}`;
    if (!taken.has(name)) return name;
  }
}
