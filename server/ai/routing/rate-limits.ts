/**
 * Per-person and per-room request budgets (rate-limiter-flexible, in memory). A room's budget protects the
 * paid endpoint from one busy room; a person's protects the room from one runaway client.
 */
import type { RouterError } from '../../../lib/shared/protocol/ai';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export class AiRateLimits {
  private readonly perUserSecond: RateLimiterMemory;
  private readonly perUser: RateLimiterMemory;
  private readonly perRoom: RateLimiterMemory;

  constructor(userRequestsPerSecond: number, userRequestsPerMinute: number, roomRequestsPerMinute: number) {
    // The per-second budget stops a burst (a stuck key, a script); the per-minute one a steady flood.
    this.perUserSecond = new RateLimiterMemory({ keyPrefix: 'ai-user-s', points: userRequestsPerSecond, duration: 1 });
    this.perUser = new RateLimiterMemory({ keyPrefix: 'ai-user', points: userRequestsPerMinute, duration: 60 });
    this.perRoom = new RateLimiterMemory({ keyPrefix: 'ai-room', points: roomRequestsPerMinute, duration: 60 });
  }

  /** Takes one request from both budgets; an error value when either is spent. */
  async take(userId: string, roomId: string): Promise<RouterError | null> {
    try {
      await this.perUserSecond.consume(userId);
      await this.perUser.consume(userId);
    } catch (error) {
      return limited(error, 'You are sending suggestion requests too quickly.');
    }
    try {
      await this.perRoom.consume(roomId);
    } catch (error) {
      return limited(error, 'This session has used its AI request budget for the minute.');
    }
    return null;
  }
}

function limited(error: unknown, message: string): RouterError {
  if (!(error instanceof RateLimiterRes)) throw error;
  const seconds = Math.ceil(error.msBeforeNext / 1000);
  return { code: 'RATE_LIMITED', message: `${message} Try again in ${seconds} s.`, retryAfterMs: error.msBeforeNext };
}
