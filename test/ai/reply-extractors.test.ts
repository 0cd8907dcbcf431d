import { describe, expect, it } from 'vitest';
import { CURSOR_MARKER, REGION_END, REGION_START } from '../../server/ai/tiers/prompt-markers';
import { FencedCodeExtractor, RegionInsertionExtractor, type ReplyExtractor } from '../../server/ai/tiers/reply-extractors';

function run(extractor: ReplyExtractor, reply: string, step = 1): string[] {
  const out: string[] = [];
  for (let i = 0; i < reply.length; i += step) {
    const { text, done } = extractor.push(reply.slice(i, i + step));
    if (text) out.push(text);
    if (done) return out;
  }
  const rest = extractor.end();
  if (rest) out.push(rest);
  return out;
}

describe('chat reply extraction', () => {
  it('extracts the insertion from a rewritten editable region, streaming it', () => {
    const reply = `\`\`\`ts\n${REGION_START}  return g(a, b);${REGION_END}\n\`\`\``;
    const out = run(new RegionInsertionExtractor('  return g(', ');'), reply);
    expect(out.join('')).toBe('a, b');
    expect(out.length).toBeGreaterThan(1);
  });

  it('handles a reply without fence or markers, and an echoed cursor marker', () => {
    expect(run(new RegionInsertionExtractor('x = ', ''), `x = ${CURSOR_MARKER}42`).join('')).toBe('42');
  });

  it('yields nothing when the model rewrote the text before the cursor', () => {
    expect(run(new RegionInsertionExtractor('const total = ', ''), '```\nlet sum = 1;\n```').join('')).toBe('');
  });

  it('strips the fence around an edit', () => {
    expect(run(new FencedCodeExtractor(), '```typescript\nconst a: number = 1;\n```\nExplanation', 3).join('')).toBe('const a: number = 1;');
    expect(run(new FencedCodeExtractor(), 'plain text').join('')).toBe('plain text');
  });
});
