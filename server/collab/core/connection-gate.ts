import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';

export interface ConnectionCaps {
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxHandshakesPerIpPerMinute: number;
}

/** An admitted connection's place in the caps; give it back once, when the connection ends or is refused. */
export interface Slot {
  release(): void;
}

/**
 * Admission of new websocket connections: a handshake rate and a connection cap per IP address, and a cap
 * for the whole server. Only admitted connections count; a refused socket never holds a slot, whatever
 * its peer does with the close frame. Per-IP entries exist only while that IP has connections, and the
 * rate limiter forgets an IP after its minute, so neither grows with the number of addresses seen.
 */
export class ConnectionGate {
  private admitted = 0;
  private readonly perIp = new Map<string, number>();
  private readonly handshakes: RateLimiterMemory;

  constructor(private readonly caps: ConnectionCaps) {
    this.handshakes = new RateLimiterMemory({ keyPrefix: 'yjs-handshake', points: caps.maxHandshakesPerIpPerMinute, duration: 60 });
  }

  get count(): number {
    return this.admitted;
  }

  async admit(ip: string): Promise<{ ok: true; slot: Slot } | { ok: false; reason: RefusalReason }> {
    try {
      await this.handshakes.consume(ip);
    } catch {
      return { ok: false, reason: 'HANDSHAKE_RATE_LIMITED' };
    }
    if (this.admitted >= this.caps.maxConnections) return { ok: false, reason: 'TOO_MANY_CONNECTIONS' };
    const fromIp = this.perIp.get(ip) ?? 0;
    if (fromIp >= this.caps.maxConnectionsPerIp) return { ok: false, reason: 'TOO_MANY_CONNECTIONS_FROM_IP' };
    this.admitted++;
    this.perIp.set(ip, fromIp + 1);
    let held = true;
    return {
      ok: true,
      slot: {
        release: () => {
          if (!held) return;
          held = false;
          this.admitted--;
          const left = (this.perIp.get(ip) ?? 1) - 1;
          if (left > 0) this.perIp.set(ip, left);
          else this.perIp.delete(ip);
        },
      },
    };
  }
}
