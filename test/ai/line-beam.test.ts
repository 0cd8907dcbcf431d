import { describe, expect, it } from 'vitest';
import { decode, type IndexSource } from '../../server/ai/embedded/decode';
import { beamLines } from '../../server/ai/embedded/line-beam';
import { TokenIndex } from '../../server/ai/embedded/token-index';
import { Vocabulary } from '../../server/ai/embedded/tokens';

function sourcesOf(vocab: Vocabulary, text: string): IndexSource[] {
  const index = new TokenIndex();
  index.add(vocab.encode(text));
  return [{ index, weight: 1, kind: 'file' }];
}

const TEXT = ['messageSync', 'messageAwareness', 'messageSync', 'messageAwareness', 'messageAuth'].map((m) => `send(encoder, ${m});\n`).join('');

describe('the line beam', () => {
  it('finishes each way the line goes on where the greedy decoder stops at a split name', () => {
    const vocab = new Vocabulary();
    const sources = sourcesOf(vocab, TEXT);
    const prefixIds = vocab.encode('send(encoder, ');
    expect(decode(vocab, sources, prefixIds, { multiline: false, maxTokens: 16, maxLines: 1 })).toBe('');
    const lines = beamLines(vocab, sources, prefixIds);
    // The names seen twice first.
    expect(lines.map((l) => l.text)).toEqual(['messageSync);', 'messageAwareness);', 'messageAuth);']);
    expect(lines[0]!.logProb).toBeCloseTo(Math.log(0.4));
    expect(lines[2]!.minShare).toBeCloseTo(0.2);
  });

  it('extends the unfinished name at the cursor', () => {
    const vocab = new Vocabulary();
    const sources = sourcesOf(vocab, TEXT);
    expect(beamLines(vocab, sources, vocab.encode('send(encoder, messageA')).map((l) => l.text)).toEqual(['wareness);', 'uth);']);
  });

  it('drops lines less likely than its floor', () => {
    const vocab = new Vocabulary();
    const sources = sourcesOf(vocab, TEXT);
    const lines = beamLines(vocab, sources, vocab.encode('send(encoder, '), { width: 8, branch: 4, maxTokens: 32, minShare: 0.05, minProb: 0.3 });
    expect(lines.map((l) => l.text)).toEqual(['messageSync);', 'messageAwareness);']);
  });
});
