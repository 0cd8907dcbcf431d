import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/**
 * base64url(JSON payload) + "." + base64url(HMAC-SHA256(key, payload)): small, stateless, and read back
 * only when the MAC is ours and the payload fits its schema. Each kind of token signs with its own key
 * (derived from the server secret with a purpose label), so one kind can never pass for another.
 */
export class SignedPayloads<T> {
  private readonly key: Buffer;

  constructor(
    secret: string,
    purpose: string,
    private readonly schema: z.ZodType<T>,
    private readonly maxLength = 512,
  ) {
    // The share-link purpose keeps the bare secret as its key, so links issued before stay valid.
    this.key = purpose === 'share-link' ? Buffer.from(secret) : createHmac('sha256', secret).update(`sparkpad:${purpose}`).digest();
  }

  sign(payload: T): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The payload when the signature is ours and the payload well formed, else null. */
  verify(token: string | null | undefined): T | null {
    if (!token || token.length > this.maxLength) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parsed = this.schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
