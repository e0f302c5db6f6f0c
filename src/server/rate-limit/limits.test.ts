import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import { createRateLimits, type LimitStore, type RateLimitConfig, RateLimitedError } from "./limits";

// CI runs Redis on 127.0.0.1:6379: the Redis cases fail, not skip, without it.
const redisUrl = env().REDIS_URL ?? "redis://127.0.0.1:6379";
const clients: Redis[] = [];
afterAll(() => {
  for (const c of clients) c.disconnect();
});

function config(overrides: Partial<RateLimitConfig> = {}): RateLimitConfig {
  const window = { points: 3, durationSeconds: 60 };
  return {
    signInAccount: { points: 5, durationSeconds: 900 },
    signInIp: { points: 50, durationSeconds: 900 },
    lockoutSeconds: 2,
    lockoutMaxSeconds: 8,
    limits: { signUp: window, submit: window, select: window, list: window, stream: window, read: window, deskCode: window },
    ...overrides,
  };
}

function redisStore(prefix: string): LimitStore {
  const client = new Redis(redisUrl, { enableOfflineQueue: true });
  clients.push(client);
  return { kind: "redis", client, prefix };
}

async function refusal(promise: Promise<unknown>): Promise<RateLimitedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Five wrong passwords, then an attempt: it is refused before the password is looked at. */
async function failFiveTimes(limits: ReturnType<typeof createRateLimits>, account: string, ip = "10.0.0.1") {
  for (let i = 0; i < 5; i++) await (await limits.beginSignIn(account, ip))(false);
}

describe.each(["memory", "redis"] as const)("rate limits in %s", (kind) => {
  const store = (): LimitStore => (kind === "memory" ? { kind: "memory" } : redisStore(`nx-test-${process.pid}-${randomBytes(4).toString("hex")}:`));

  it("allows a limit's count per window, refuses the next with when to come back", async () => {
    const limits = createRateLimits(config(), store());
    for (let i = 0; i < 3; i++) await limits.consume("submit", "alice");
    const refused = await refusal(limits.consume("submit", "alice"));
    expect(refused.status).toBe("TOO_MANY_REQUESTS");
    expect(refused.reason).toBe("RATE_LIMITED");
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.message).toMatch(/Try again in \d+ s/);
    // Counted per key and per limit.
    await limits.consume("submit", "bob");
    await limits.consume("list", "alice");
  });

  it("locks an account after five failures: the sixth attempt is refused whatever the password", async () => {
    const limits = createRateLimits(config(), store());
    await failFiveTimes(limits, "victim");
    const locked = await refusal(limits.beginSignIn("victim", "10.0.0.2"));
    expect(locked.reason).toBe("SIGN_IN_LOCKED");
    expect(locked.retryAfterSeconds).toBe(2);
    // Another account from the same address is not locked.
    await (
      await limits.beginSignIn("someone-else", "10.0.0.1")
    )(true);
  });

  it("lets the account in once Retry-After has passed, and doubles the next lockout", async () => {
    const limits = createRateLimits(config(), store());
    await failFiveTimes(limits, "carol");
    const first = await refusal(limits.beginSignIn("carol", "10.0.0.1"));
    await new Promise((resolve) => setTimeout(resolve, first.retryAfterSeconds * 1000 + 100));
    await failFiveTimes(limits, "carol"); // five more wrong: a second lockout, twice as long
    const second = await refusal(limits.beginSignIn("carol", "10.0.0.1"));
    expect(second.retryAfterSeconds).toBe(4);
  });

  it("forgets the failures after a right password", async () => {
    const limits = createRateLimits(config(), store());
    for (let i = 0; i < 4; i++) await (await limits.beginSignIn("dave", "10.0.0.1"))(false);
    await (
      await limits.beginSignIn("dave", "10.0.0.1")
    )(true);
    for (let i = 0; i < 4; i++) await (await limits.beginSignIn("dave", "10.0.0.1"))(false);
    await limits.beginSignIn("dave", "10.0.0.1");
  });

  it("limits one address across accounts", async () => {
    const limits = createRateLimits(config({ signInIp: { points: 3, durationSeconds: 900 } }), store());
    for (const account of ["a", "b", "c"]) await (await limits.beginSignIn(account, "10.9.9.9"))(false);
    expect((await refusal(limits.beginSignIn("d", "10.9.9.9"))).reason).toBe("SIGN_IN_LOCKED");
    await limits.beginSignIn("d", "10.9.9.8");
  });

  it("refuses all but five of 200 concurrent guesses on one account", async () => {
    const limits = createRateLimits(config(), store());
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => limits.beginSignIn("eve", `10.1.0.${Math.floor(Math.random() * 200)}`)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(RateLimitedError);
  });
});

describe("rate limits shared through Redis", () => {
  it("hold across two instances: what one counted, the other refuses", async () => {
    const prefix = `nx-test-${process.pid}-${randomBytes(4).toString("hex")}:`;
    const one = createRateLimits(config(), redisStore(prefix));
    const two = createRateLimits(config(), redisStore(prefix));
    await one.consume("select", "frank");
    await two.consume("select", "frank");
    await one.consume("select", "frank");
    expect((await refusal(two.consume("select", "frank"))).retryAfterSeconds).toBeGreaterThan(0);

    for (let i = 0; i < 5; i++) await (await (i % 2 ? one : two).beginSignIn("grace", "10.0.0.1"))(false);
    expect((await refusal(one.beginSignIn("grace", "10.0.0.1"))).reason).toBe("SIGN_IN_LOCKED");
    expect((await refusal(two.beginSignIn("grace", "10.0.0.1"))).reason).toBe("SIGN_IN_LOCKED");
  });
});
