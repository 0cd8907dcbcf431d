import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../server/ai/embedded/embedded-engine';
import { bestLine, lineCandidates, type CandidateContext } from '../../server/ai/embedded/line-choice';

const block = (name: string, message: string) =>
  `export function ${name}(socket, data) {\n  const encoder = encoding.createEncoder();\n  encoding.writeVarUint(encoder, ${message});\n  socket.send(encoding.toUint8Array(encoder), data);\n}\n`;

function engineWithRoom(): EmbeddedEngine {
  const engine = new EmbeddedEngine({ corpusBytes: 0 });
  engine.room('r').set('src/a.ts', block('sendSync', 'messageSync') + block('sendAwareness', 'messageAwareness') + block('sendAuth', 'messageAuth'));
  return engine;
}

const opening = (message: string) => `${block('sendQuery', 'messageQuery')}export function sendPing(socket, data) {\n  const encoder = encoding.createEncoder();\n  encoding.writeVarUint(encoder, ${message});\n  `;

const context = (over: Partial<CandidateContext> = {}): CandidateContext => ({
  greedy: '',
  greedyTokens: [],
  confidence: [],
  typed: '',
  ahead: '',
  occurrences: () => 0,
  roomOccurrences: () => 0,
  ...over,
});

describe('the line chooser', () => {
  it('shows the whole line the room repeats after the same line', () => {
    const engine = engineWithRoom();
    const input = { room: 'r', path: 'src/b.ts', prefix: opening('messageSync'), suffix: '\n}\n', multiline: true, maxTokens: 48 };
    expect(engine.complete(input)).toBe('socket.send(encoding.toUint8Array(encoder), data);');
  });

  it('shows nothing after a line never seen, where the next line may go several ways', () => {
    const engine = engineWithRoom();
    const input = { room: 'r', path: 'src/b.ts', prefix: opening('messagePing'), suffix: '\n}\n', multiline: true, maxTokens: 48 };
    const { candidates, kind } = engine.lineEvidence(input);
    expect(candidates.length).toBeGreaterThan(1);
    expect(engine.complete(input)).toBe('');
    expect(bestLine(candidates, kind)!.probability).toBeLessThan(0.5);
  });

  it('prefers the line the beam and line recall agree on, which the file holds, to a beam line alone', () => {
    const beam = [
      { text: 'close();', logProb: Math.log(0.5), minShare: 0.5, minOrder: 4, minSeen: 5, tokens: 4 },
      { text: 'open();', logProb: Math.log(0.4), minShare: 0.4, minOrder: 4, minSeen: 5, tokens: 4 },
    ];
    const recalled = { text: 'open();', probability: 0.8, share: 0.9, alternatives: [] };
    const candidates = lineCandidates(beam, recalled, context({ occurrences: (line) => (line === 'open();' ? 3 : 0) }));
    expect(bestLine(candidates, 'line')?.text).toBe('open();');
  });

  it('weighs each text once and cuts beam lines before the text after the cursor', () => {
    const beam = [
      { text: 'a, b)', logProb: -0.1, minShare: 0.9, minOrder: 6, minSeen: 5, tokens: 4 },
      { text: 'a, b) {', logProb: -2, minShare: 0.1, minOrder: 6, minSeen: 5, tokens: 5 },
      { text: 'c', logProb: -3, minShare: 0.05, minOrder: 6, minSeen: 5, tokens: 1 },
    ];
    const recalled = { text: 'a, b', probability: 0.5, share: 0.6, alternatives: [{ text: 'd', share: 0.1 }] };
    const candidates = lineCandidates(beam, recalled, context({ typed: 'f(', ahead: ')' }));
    expect(candidates.map((c) => [c.text, c.beam !== null, c.recallShare])).toEqual([
      ['a, b', true, 0.6],
      ['d', false, 0.1],
    ]);
  });
});
