import { describe, expect, it } from 'vitest';
import type { RecalledLine } from '../../server/ai/embedded/line-recall';
import { FITTED_RECALL_MODEL, recallFeatures, recallProbability } from '../../server/ai/embedded/recall-confidence';

/** A recalled line whose evidence is `score` out of `total`, all of it from lines starting with the typed text. */
function recalled(text: string, score: number, total: number): RecalledLine {
  return { text, score, share: score / total, evidence: { score, typed: score, previous: 0, twoBefore: 0, file: score }, typedChars: 6, runnerUp: total - score, candidates: total > score ? 2 : 1, alternatives: [] };
}

describe('the recalled line gate', () => {
  it('trusts a line the room repeats many times over one of many candidates', () => {
    const strong = recallProbability(recallFeatures(recalled('.length = 0;', 24, 24), 'mid', '.length = 0;'));
    const weak = recallProbability(recallFeatures(recalled('.length = 0;', 1, 5), 'mid', '.push('));
    expect(strong).toBeGreaterThan(FITTED_RECALL_MODEL.threshold.mid);
    expect(weak).toBeLessThan(FITTED_RECALL_MODEL.threshold.mid);
  });

  it("counts the n-gram decoder's agreement for the line", () => {
    const line = recalled('.length = 0;', 3, 6);
    expect(recallProbability(recallFeatures(line, 'mid', '.length = 0;'))).toBeGreaterThan(recallProbability(recallFeatures(line, 'mid', '.push(')));
  });
});
