import "server-only";
import type { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Env } from "../../env";
import { DomainError } from "../errors";
import { rateLimitRefused } from "../metrics/metrics";

/** What is counted, and by which key: the signed-in account or the client's address. */
export const limitKeys = {
  signUp: "ip",
  submit: "account",
  select: "account",
  list: "account",
  stream: "account",
  read: "account",
  deskCode: "account",
} as const satisfies Record<string, "ip" | "account">;

export type LimitName = keyof typeof limitKeys;

export interface Window {
  points: number;
  durationSeconds: number;
}

export interface RateLimitConfig {
  signInAccount: Window;
  signInIp: Window;
  /** The first lockout after too many failures; each further one within a day doubles it, up to the max. */
  lockoutSeconds: number;
  lockoutMaxSeconds: number;
  limits: Record<LimitName, Window>;
}

export function rateLimitConfig(e: Env): RateLimitConfig {
  return {
    signInAccount: e.RATE_LIMIT_SIGN_IN_ACCOUNT,
    signInIp: e.RATE_LIMIT_SIGN_IN_IP,
    lockoutSeconds: e.SIGN_IN_LOCKOUT_SECONDS,
    lockoutMaxSeconds: e.SIGN_IN_LOCKOUT_MAX_SECONDS,
    limits: {
      signUp: e.RATE_LIMIT_SIGN_UP_IP,
      submit: e.RATE_LIMIT_SUBMIT,
      select: e.RATE_LIMIT_SELECT,
      list: e.RATE_LIMIT_LIST,
      stream: e.RATE_LIMIT_STREAM,
      read: e.RATE_LIMIT_READ,
      deskCode: e.RATE_LIMIT_DESK_CODE,
    },
  };
}

const rateLimitedBrand = Symbol.for("nearby-exchange.RateLimitedError");

/** A refusal: HTTP 429 with Retry-After, and the seconds for the screens to say when to try again. */
export class RateLimitedError extends DomainError {
  /** By brand, as DomainError: the runtime's limits may come from another route bundle's copy of this class. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && rateLimitedBrand in value;
  }

  constructor(
    readonly retryAfterSeconds: number,
    reason: "RATE_LIMITED" | "SIGN_IN_LOCKED",
  ) {
    super(
      "TOO_MANY_REQUESTS",
      reason,
      reason === "SIGN_IN_LOCKED"
        ? `Too many failed sign-ins. Try again in ${retryAfterSeconds} s.`
        : `Too many requests. Try again in ${retryAfterSeconds} s.`,
    );
    this.name = "RateLimitedError";
    Object.defineProperty(this, rateLimitedBrand, { value: true });
  }
}

function secondsUntil(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Where the counters live: this process's memory, or Redis, so every instance sharing it counts together. */
export type LimitStore = { kind: "memory" } | { kind: "redis"; client: Redis; prefix: string };

export interface RateLimits {
  /** Counts one call against `name` for `key`; throws RateLimitedError when over the limit. */
  consume(name: LimitName, key: string): Promise<void>;
  /**
   * Counts one sign-in attempt for the account and the address, before the
   * password is checked, so concurrent guesses cannot all slip through; throws
   * SIGN_IN_LOCKED during a lockout, whatever the password. Returns what to
   * call with the outcome.
   */
  beginSignIn(account: string, ip: string): Promise<(succeeded: boolean) => Promise<void>>;
}

export function createRateLimits(config: RateLimitConfig, store: LimitStore = { kind: "memory" }): RateLimits {
  const make = (name: string, window: Window): RateLimiterAbstract => {
    const options = { keyPrefix: name, points: window.points, duration: window.durationSeconds };
    if (store.kind === "memory") return new RateLimiterMemory(options);
    // When Redis is unreachable, each instance keeps counting on its own rather than refusing everyone.
    return new RateLimiterRedis({
      ...options,
      keyPrefix: `${store.prefix}rate:${name}`,
      storeClient: store.client,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
  const limiters = Object.fromEntries(Object.entries(config.limits).map(([name, window]) => [name, make(name, window)])) as Record<
    LimitName,
    RateLimiterAbstract
  >;
  const signInAccount = make("sign-in-account", config.signInAccount);
  const signInIp = make("sign-in-ip", config.signInIp);
  // How many lockouts an account had in the last day: the backoff's exponent.
  const lockouts = make("sign-in-lockouts", { points: 1_000_000, durationSeconds: 86_400 });

  /** `limit` names the limit in the refusals metric: a LimitName, signInAccount or signInIp. */
  async function take(limit: string, limiter: RateLimiterAbstract, key: string, reason: "RATE_LIMITED" | "SIGN_IN_LOCKED"): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        rateLimitRefused(limit);
        throw new RateLimitedError(secondsUntil(rejection), reason);
      }
      throw rejection;
    }
  }

  async function lockOut(account: string): Promise<void> {
    const count = (await lockouts.consume(account)).consumedPoints;
    const seconds = Math.min(config.lockoutMaxSeconds, config.lockoutSeconds * 2 ** Math.min(count - 1, 30));
    await signInAccount.block(account, seconds);
  }

  return {
    async consume(name, key) {
      await take(name, limiters[name], key, "RATE_LIMITED");
    },

    async beginSignIn(account, ip) {
      const perAccount = await take("signInAccount", signInAccount, account, "SIGN_IN_LOCKED");
      await take("signInIp", signInIp, ip, "SIGN_IN_LOCKED");
      return async (succeeded) => {
        if (succeeded) {
          // The right password ends the run of failures; the address gets its attempt back.
          await Promise.all([signInAccount.delete(account), signInIp.reward(ip)]);
        } else if (perAccount.remainingPoints === 0) {
          await lockOut(account);
        }
      };
    },
  };
}

/** No limits at all: for benchmarks that measure the routers' own cost. */
export const noRateLimits: RateLimits = {
  consume: () => Promise.resolve(),
  beginSignIn: () => Promise.resolve(() => Promise.resolve()),
};
