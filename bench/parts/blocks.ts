/**
 * Search/replace blocks on the event loop: what reading a model's answer and placing its blocks cost while
 * every room shares the loop.
 *   - parse: one chunk of a 32-block answer fed to the streaming parser (chunks of 4 characters, about a
 *     token each), the time of each push.
 *   - locate: one block's SEARCH found (once, exactly) in a 1 MB file.
 * Both run in this process on a bare parser and planner, with no server.
 */
import { BlockParser } from '../../server/ai/spark/blocks/block-parser';
import { locateBlock } from '../../server/ai/spark/blocks/block-planner';
import type { Part } from '../lib/part';
import { atMost, measured, round, summarize, type Figure } from '../lib/stats';

const PART = 'blocks';
const PARSE_GOAL_P95_US = 100;
const LOCATE_GOAL_P95_MS = 5;

function answer(blocks: number): string {
  const out: string[] = ['Here are the changes.', ''];
  for (let i = 0; i < blocks; i++) {
    const body = Array.from({ length: 12 }, (_, l) => `  const value${i}_${l} = compute(${i}, ${l}); // line ${l}`).join('\n');
    out.push(`src/file${i % 4}.ts`, '```ts', '<<<<<<< SEARCH', body, '=======', body.replaceAll('compute', 'computeFast'), '>>>>>>> REPLACE', '```', '');
  }
  return out.join('\n');
}

export const blocksPart: Part = {
  name: PART,
  summary: 'search/replace blocks: streaming parse per chunk, locating a SEARCH in a 1 MB file',
  async run({ options }): Promise<Figure[]> {
    const rounds = options.quick ? 5 : 40;
    const text = answer(32);
    const pushes: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const parser = new BlockParser({ maxBlocks: 32, maxBlockChars: 100_000 });
      for (let i = 0; i < text.length; i += 4) {
        const start = performance.now();
        parser.push(text.slice(i, i + 4));
        pushes.push((performance.now() - start) * 1000);
      }
      parser.end();
    }
    const file = Array.from({ length: 20_000 }, (_, l) => `export const line${l} = ${l} * 2; // padding\n`).join('');
    const locates: number[] = [];
    for (let r = 0; r < rounds * 5; r++) {
      const l = Math.floor(((r * 7919) % 19_000) + 500);
      const search = `export const line${l} = ${l} * 2; // padding\nexport const line${l + 1} = ${l + 1} * 2; // padding\n`;
      const start = performance.now();
      const target = locateBlock({ file: 'big.ts', block: 1, search }, file);
      locates.push(performance.now() - start);
      if (target.kind !== 'replace') throw new Error(`block ${r} did not locate: ${target.kind}`);
    }
    const parse = summarize(pushes);
    const locate = summarize(locates);
    return [
      measured(PART, 'parse one 4-char chunk', 'µs', { ...parse, p50: round(parse.p50, 1), p95: round(parse.p95, 1), p99: round(parse.p99, 1) }, {
        goal: atMost(parse, 'p95', PARSE_GOAL_P95_US, 'µs'),
        note: `answer of 32 blocks, ${text.length} chars`,
      }),
      measured(PART, 'locate a SEARCH in 1 MB', 'ms', { ...locate, p50: round(locate.p50, 3), p95: round(locate.p95, 3), p99: round(locate.p99, 3) }, {
        goal: atMost(locate, 'p95', LOCATE_GOAL_P95_MS, 'ms'),
        note: `${round(file.length / 1e6, 2)} MB file`,
      }),
    ];
  },
};
