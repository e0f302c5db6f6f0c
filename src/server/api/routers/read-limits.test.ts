import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import { createRateLimits, rateLimitConfig } from "../../rate-limit/limits";
import { databaseKinds } from "../../test/databases";
import { type Harness, openHarness } from "../../test/harness";
import { sampleBankRequest } from "../../test/samples";

const shop = { latitude: 48.8566, longitude: 2.3522 };
const READS = 3;

describe.each(databaseKinds)("the per-account read limit on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    const config = rateLimitConfig(env());
    h = await openHarness(kind, {
      limits: createRateLimits({ ...config, limits: { ...config.limits, read: { points: READS, durationSeconds: 60 } } }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("counts account.me, request.mine, request.reach and exchange.mine together per account, and refuses the next with 429", async () => {
    const requester = await h.account("requester");
    const other = await h.account("other");
    // Submitting is not a read: it does not count.
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position: shop, trigger: "TAP" });
    await requester.caller.account.me();
    await requester.caller.request.mine();
    await requester.caller.request.reach({ requestId: request.id });
    for (const read of [() => requester.caller.exchange.mine(), () => requester.caller.account.me(), () => requester.caller.request.mine()]) {
      const refused = await read().then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe("TOO_MANY_REQUESTS");
      expect((refused as TRPCError).message).toMatch(/Try again in \d+ s/);
    }
    // Another account has its own count.
    await expect(other.caller.account.me()).resolves.toMatchObject({ userId: other.id });
  });
});
