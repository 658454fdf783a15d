/**
 * Rate limits per client address and per credential (Bearer token or dev header), as in-memory
 * token buckets: each key may make `perMinute` requests in a burst, refilled evenly over a
 * minute. A refused request is answered 429 with Retry-After. One process's memory only: several
 * server processes each allow the full rate.
 */
import type { IncomingMessage } from 'node:http';
import { DEV_USER_HEADER } from './auth/dev-header';
import type { Config } from './config';

/** Idle buckets are forgotten once this many keys are held (a full bucket is the same as none). */
const MAX_KEYS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = capacity / 60_000;
  }

  /** Takes one token for `key`: 0 when allowed, else the whole seconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= MAX_KEYS) this.forgetFull(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perMs / 1000);
  }

  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    }
  }
}

/** The client's address: the socket's, or with `trustProxy` the first `x-forwarded-for` hop. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** Seconds to wait before retrying, or 0 when the request may proceed. */
export type RateLimit = (req: IncomingMessage) => number;

export function createRateLimit(config: Pick<Config, 'rateLimit' | 'trustProxy'>, now: () => number = Date.now): RateLimit {
  const byIp = config.rateLimit.ipPerMinute > 0 ? new TokenBuckets(config.rateLimit.ipPerMinute, now) : null;
  const byToken = config.rateLimit.tokenPerMinute > 0 ? new TokenBuckets(config.rateLimit.tokenPerMinute, now) : null;
  return (req) => {
    const ipWait = byIp?.take(clientAddress(req, config.trustProxy)) ?? 0;
    if (ipWait > 0) return ipWait;
    // Keyed by the credential as sent, before verifying it, so forged tokens are limited too.
    const credential = req.headers.authorization ?? req.headers[DEV_USER_HEADER];
    return byToken && typeof credential === 'string' ? byToken.take(credential) : 0;
  };
}
