import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../../test/databases";
import { type Harness, north, openHarness } from "../../test/harness";
import { sampleBankRequest } from "../../test/samples";

// Far from every other test's positions, so their processors do not count here.
const kiosk = { latitude: -33.8688, longitude: 151.2093 };

describe.each(databaseKinds)("request.reach on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("counts the processors of the request's type whose radius covers the requester", async () => {
    const near = await h.account("near");
    await near.caller.processor.register({ ...north(kiosk, 300), radiusMeters: 500, types: ["BANK_ACCOUNT"] });
    const wide = await h.account("wide");
    await wide.caller.processor.register({ ...north(kiosk, 4000), radiusMeters: 5000, types: ["BANK_ACCOUNT", "ORDER"] });
    const tooSmall = await h.account("small");
    await tooSmall.caller.processor.register({ ...north(kiosk, 800), radiusMeters: 500, types: ["BANK_ACCOUNT"] });
    const otherType = await h.account("orders");
    await otherType.caller.processor.register({ ...north(kiosk, 100), radiusMeters: 1000, types: ["ORDER"] });

    const requester = await h.account("requester");
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position: kiosk, trigger: "TAP" });
    expect(await requester.caller.request.reach({ requestId: request.id })).toEqual({ processorsInRange: 2 });
  });

  it("does not count the requester's own registration, and only the owner may ask", async () => {
    const requester = await h.account("both-roles");
    await requester.caller.processor.register({ ...north(kiosk, -20_000), radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position: north(kiosk, -20_000), trigger: "TAP" });
    expect(await requester.caller.request.reach({ requestId: request.id })).toEqual({ processorsInRange: 0 });

    const stranger = await h.account("stranger");
    const error = await stranger.caller.request.reach({ requestId: request.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
  });
});
