import * as Y from 'yjs';

/**
 * The Yjs client that wrote each line of a file as it is now, read from the text's items (each carries
 * the client id of the peer that inserted it): the client of most of the line's characters, its newline
 * included, so a line someone fixed one character of stays its writer's. Lines are counted as the history
 * diff counts them: a last line without a newline is a line, the empty one after a final newline is not.
 */
export function lineWriterIds(text: Y.Text): number[] {
  const writers: number[] = [];
  let counts = new Map<number, number>();
  const endLine = () => {
    let best = -1;
    let most = 0;
    for (const [client, chars] of counts) if (chars > most) [best, most] = [client, chars];
    writers.push(best);
    counts = new Map();
  };
  const add = (client: number, chars: number) => counts.set(client, (counts.get(client) ?? 0) + chars);
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const { str } = item.content;
    let from = 0;
    for (let newline = str.indexOf('\n'); newline !== -1; newline = str.indexOf('\n', from)) {
      add(item.id.client, newline + 1 - from);
      endLine();
      from = newline + 1;
    }
    if (from < str.length) add(item.id.client, str.length - from);
  }
  if (counts.size > 0) endLine();
  return writers;
}
