import { describe, expect, it } from 'vitest';
import { REFUSAL, refusalFromCloseCode, type RefusalReason } from '../../lib/shared/protocol/refusals';

describe('websocket refusal close codes', () => {
  it('give every refusal its own code, so the browser names the right one', () => {
    for (const [reason, code] of Object.entries(REFUSAL) as Array<[RefusalReason, number]>) {
      expect(refusalFromCloseCode(code), `${reason} (${code})`).toBe(reason);
    }
  });
});
