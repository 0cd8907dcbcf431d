/**
 * Next-edit detection: what the language service's thread spends turning one reported rename into its
 * follow-ups, in a room of 40 files that each call the renamed function twice. Each round renames it
 * back and forth (a new program each time, as after a real keystroke) and asks for the follow-ups once.
 * Runs on a bare SemanticEngine in this process, the way its worker runs it, with no server.
 */
import { SemanticEngine } from '../../server/ai/semantic/semantic-engine';
import type { Part } from '../lib/part';
import { atMost, measured, round, summarize, type Figure } from '../lib/stats';

const PART = 'next-edit';
const FILES = 40;
/** Below a typing pause (the browser reports after 300 ms): the hint is there when the person looks up. */
const GOAL_P95_MS = 100;

function declaration(name: string): string {
  return `export function ${name}(person: string, times: number): string {\n  return \`Hello, \${person}\`.repeat(times);\n}\n`;
}

export const nextEditPart: Part = {
  name: PART,
  summary: 'next-edit: follow-ups of one rename found by the language service, 40 files calling it',
  async run({ options }): Promise<Figure[]> {
    const rounds = options.quick ? 5 : 40;
    const engine = new SemanticEngine();
    const room = engine.room('bench');
    let name = 'greet';
    room.set('greet.ts', declaration(name));
    for (let i = 0; i < FILES; i++) {
      room.set(`use${i}.ts`, `import { greet } from './greet';\n\nexport const a${i} = greet('Ada', ${i});\nexport const b${i} = greet('Grace', 2);\n`);
    }
    engine.followUps({ room: 'bench', path: 'greet.ts', from: 0, to: 0, before: '' });
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < rounds; r++) {
      const next = name === 'greet' ? 'welcome' : 'greet';
      room.set('greet.ts', declaration(next));
      const from = 'export function '.length;
      const start = performance.now();
      const edits = engine.followUps({ room: 'bench', path: 'greet.ts', from, to: from + next.length, before: name });
      times.push(performance.now() - start);
      found = edits.length;
      // Put the old name back everywhere else too, so each round starts from a consistent room.
      name = next;
      for (let i = 0; i < FILES; i++) room.set(`use${i}.ts`, `import { ${name} } from './greet';\n\nexport const a${i} = ${name}('Ada', ${i});\nexport const b${i} = ${name}('Grace', 2);\n`);
    }
    const summary = summarize(times);
    return [
      measured(PART, 'follow-ups of a rename', 'ms', { ...summary, p50: round(summary.p50, 1), p95: round(summary.p95, 1), p99: round(summary.p99, 1) }, {
        goal: atMost(summary, 'p95', GOAL_P95_MS, 'ms'),
        note: `${FILES + 1} files, ${found} follow-ups each`,
      }),
    ];
  },
};
