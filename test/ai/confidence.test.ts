import { describe, expect, it } from 'vitest';
import { confidentPart, FITTED_MODEL, positionKind, runningConfidence } from '../../server/ai/embedded/confidence';
import type { DecodeStep } from '../../server/ai/embedded/decode';

/** A token continuing a long verbatim repeat of this file's text: one occurrence, nothing else seen. */
function repeated(text: string, roomRepeat: number): DecodeStep {
  return { text, order: 8, seen: 1, share: 1, file: 1, workspace: 0, roomRepeat, corpusRepeat: 0, shortShare: 1, shortSeen: 3, extendsPartial: false };
}

/** A name only the corpus suggests, after a short context where it won a bare majority. */
function guessed(text: string): DecodeStep {
  return { text, order: 2, seen: 40, share: 0.62, file: 0, workspace: 0, roomRepeat: 0, corpusRepeat: 2, shortShare: 0.62, shortSeen: 40, extendsPartial: false };
}

describe('the confidence gate', () => {
  it('tells a line start from mid-line', () => {
    expect(positionKind('a;\n    ')).toBe('line');
    expect(positionKind('')).toBe('line');
    expect(positionKind('a;\n  foo.')).toBe('mid');
  });

  it('shows a suggestion whole while a long repeat carries it', () => {
    const steps = ['return', ' ', 'value', ';'].map((t, i) => repeated(t, 24 + i));
    expect(confidentPart(steps, 'mid')).toBe('return value;');
  });

  it('cuts a suggestion where its confidence drops, without trailing blanks', () => {
    const steps = [repeated('options', 24), repeated('.', 25), repeated('timeout', 26), repeated(' ', 27), guessed('retries'), guessed('Limit')];
    const confidence = runningConfidence(steps, 'mid');
    expect(confidence.every((c, i) => i === 0 || c <= confidence[i - 1]!)).toBe(true);
    expect(confidentPart(steps, 'mid')).toBe('options.timeout');
  });

  it('shows nothing where the first token is already unlikely', () => {
    expect(confidentPart([guessed('handler'), repeated('(', 9)], 'line')).toBe('');
  });

  it('ships a model fitted for the features it computes, with a threshold per position kind', () => {
    expect(FITTED_MODEL.weights.some((w) => w !== 0)).toBe(true);
    for (const kind of ['line', 'mid'] as const) expect(FITTED_MODEL.threshold[kind]).toBeGreaterThan(0);
  });
});
