import { ManagementApiError } from "../errors";
import type { Reply } from "./reply";

/** A token bucket's figures: `burst` requests at once at most, `rps` more each second (both whole numbers above 0). */
export interface RateLimit {
  rps: number;
  burst: number;
}

/** Auth0 Free's global Management API limit. */
export const AUTH0_FREE_RATE_LIMIT: RateLimit = { rps: 2, burst: 2 };

/** Whether one request may go on, and what its `x-ratelimit-*` headers say. */
export interface RateLimitVerdict {
  allowed: boolean;
  /** The bucket's size. */
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Unix seconds, rounded up: when the bucket gains its next whole token (for a 429, when a retry may pass). */
  reset: number;
}

/** Thousandths of a token: with whole-millisecond clocks and whole rates, the bucket's arithmetic stays exact. */
const TOKEN = 1000;

/**
 * Auth0's global Management API limit, per tenant: a token bucket of `burst` tokens refilled at `rps` tokens a
 * second, one token per request, refused (429) when empty. `now` is injectable so tests can move the clock.
 */
export class TokenBucket {
  /** How far below full the bucket was at `checkedAt`, in thousandths of a token. */
  private missing = 0;
  private checkedAt: number;

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number,
  ) {
    if (!isWholeAboveZero(rate.rps) || !isWholeAboveZero(rate.burst)) {
      throw new TypeError(`TokenBucket: rps and burst must be whole numbers above 0, not ${rate.rps}/${rate.burst}`);
    }
    this.checkedAt = now();
  }

  /** Takes a token if there is one. */
  take(): RateLimitVerdict {
    const now = this.now();
    // `rps` tokens a second is `rps` thousandths a millisecond; a clock moved back refills nothing.
    const missing = Math.max(0, this.missing - Math.max(0, now - this.checkedAt) * this.rate.rps);
    const allowed = missing + TOKEN <= this.rate.burst * TOKEN;
    this.missing = allowed ? missing + TOKEN : missing;
    this.checkedAt = now;
    return {
      allowed,
      limit: this.rate.burst,
      remaining: this.rate.burst - Math.ceil(this.missing / TOKEN),
      reset: Math.ceil((now + this.msUntilNextToken()) / 1000),
    };
  }

  /** Never 0: a take leaves the bucket at least one token short of full. */
  private msUntilNextToken(): number {
    return Math.ceil((this.missing % TOKEN || TOKEN) / this.rate.rps);
  }
}

function isWholeAboveZero(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** Adds Auth0's `x-ratelimit-*` headers to a Management API answer of a rate-limited tenant, whatever its status. */
export function withRateLimitHeaders(reply: Reply, verdict: RateLimitVerdict): Reply {
  const headers = {
    "x-ratelimit-limit": String(verdict.limit),
    "x-ratelimit-remaining": String(verdict.remaining),
    "x-ratelimit-reset": String(verdict.reset),
  };
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** Auth0's answer to a request over the global limit, rendered as `{statusCode, error, message, errorCode}`. */
export function tooManyRequests(): ManagementApiError {
  return new ManagementApiError("too_many_requests", "Global limit has been reached", 429);
}
