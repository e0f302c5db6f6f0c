import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimits, rateLimitConfig } from "../../rate-limit/limits";
import { env } from "~/env";
import { databaseKinds } from "../../test/databases";
import { selectWithKeys } from "../../test/handover";
import { type Harness, nextWithin, north, openHarness } from "../../test/harness";
import { sampleBankRequest } from "../../test/samples";

// Far from every other test's positions, so their desks and requests do not mix in.
const counter = { latitude: -41.2865, longitude: 174.7762 };
const faraway = { latitude: 35.6762, longitude: 139.6503 };

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe.each(databaseKinds)("desk codes on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind, {
      limits: createRateLimits({
        ...rateLimitConfig(env()),
        limits: { ...rateLimitConfig(env()).limits, deskCode: { points: 1000, durationSeconds: 60 } },
      }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function deskAt(name: string, place: { latitude: number; longitude: number }) {
    const desk = await h.account(name);
    await desk.caller.processor.register({ ...place, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    return desk;
  }

  it("keeps a desk's code until the desk renews it; the old code then names no desk", async () => {
    const desk = await deskAt("renewing", north(counter, 5000));
    const { code } = await desk.caller.processor.deskCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(await desk.caller.processor.deskCode()).toEqual({ code });

    const requester = await h.account("finder");
    expect(await requester.caller.request.findDesk({ code: `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}` })).toEqual({
      displayName: "renewing",
    });

    const renewed = await desk.caller.processor.renewDeskCode();
    expect(renewed.code).not.toBe(code);
    expect(await desk.caller.processor.deskCode()).toEqual(renewed);
    const gone = await errorOf(requester.caller.request.findDesk({ code }));
    expect(gone.code).toBe("NOT_FOUND");
    expect(gone.message).toContain("No desk has this code");
    const sent = await errorOf(requester.caller.request.submit({ ...sampleBankRequest, deskCode: code, trigger: "TAP" }));
    expect(sent.code).toBe("NOT_FOUND");
  });

  it("refuses a malformed code with the reason, and a desk not registered has no code", async () => {
    const requester = await h.account("typo");
    expect((await errorOf(requester.caller.request.findDesk({ code: "ABC" }))).message).toContain("DESK_CODE_LENGTH");
    expect((await errorOf(requester.caller.request.findDesk({ code: "ABCDEFGU" }))).message).toContain("DESK_CODE_SHAPE");
    expect((await errorOf(requester.caller.processor.deskCode())).code).toBe("PRECONDITION_FAILED");
  });

  it("sends a request to the desk alone, live and pulled, whatever the position; a desk nearby never sees it", async () => {
    const target = await deskAt("target", counter);
    const neighbour = await deskAt("neighbour", north(counter, 20));
    const { code } = await target.caller.processor.deskCode();
    const targetLive = (await target.caller.list.live())[Symbol.asyncIterator]();
    const neighbourLive = (await neighbour.caller.list.live())[Symbol.asyncIterator]();
    expect(await nextWithin(targetLive)).toMatchObject({ kind: "snapshot", requests: [] });
    expect(await nextWithin(neighbourLive)).toMatchObject({ kind: "snapshot", requests: [] });

    // Without a position at all, and with a position far away: both go to the target desk.
    const requester = await h.account("no-gps");
    const blind = await requester.caller.request.submit({ ...sampleBankRequest, deskCode: code, trigger: "TAP" });
    expect(blind).toMatchObject({ latitude: counter.latitude, longitude: counter.longitude, desk: { displayName: "target" } });
    const misplaced = await requester.caller.request.submit({ ...sampleBankRequest, position: faraway, deskCode: code, trigger: "TAP" });
    expect(await nextWithin(targetLive)).toMatchObject({ kind: "added", request: { id: blind.id, distanceMeters: 0 } });
    expect(await nextWithin(targetLive)).toMatchObject({ kind: "added", request: { id: misplaced.id } });

    // An ordinary request at the same spot: both desks see it, and the neighbour's first event is this one, not the targeted two.
    const walkIn = await (await h.account("walk-in")).caller.request.submit({ ...sampleBankRequest, position: counter, trigger: "TAP" });
    expect(await nextWithin(neighbourLive)).toMatchObject({ kind: "added", request: { id: walkIn.id } });
    expect(await nextWithin(targetLive)).toMatchObject({ kind: "added", request: { id: walkIn.id } });

    const pulledByTarget = await target.caller.list.byType({ type: "BANK_ACCOUNT" });
    expect(pulledByTarget.map((r) => r.id).sort()).toEqual([blind.id, misplaced.id, walkIn.id].sort());
    const pulledByNeighbour = await neighbour.caller.list.byType({ type: "BANK_ACCOUNT" });
    expect(pulledByNeighbour.map((r) => r.id)).toEqual([walkIn.id]);
    // A fresh snapshot (a reconnect) keeps them apart too.
    const again = (await neighbour.caller.list.live())[Symbol.asyncIterator]();
    expect(await nextWithin(again)).toMatchObject({ kind: "snapshot", requests: [{ id: walkIn.id }] });
    await again.return?.();

    expect(await requester.caller.request.reach({ requestId: blind.id })).toEqual({ processorsInRange: 1 });
    const stolen = await errorOf(selectWithKeys(neighbour.caller, blind));
    expect(stolen.code).toBe("FORBIDDEN");
    await selectWithKeys(target.caller, misplaced);
    expect(await nextWithin(targetLive)).toMatchObject({ kind: "removed", requestId: misplaced.id, reason: "paired" });
    await targetLive.return?.();
    await neighbourLive.return?.();
  });

  it("needs a position or a code, refuses a desk's own code and a type the desk does not take", async () => {
    const desk = await deskAt("orders-only", north(counter, -9000));
    await desk.caller.processor.register({ ...north(counter, -9000), radiusMeters: 1000, types: ["ORDER"] });
    const { code } = await desk.caller.processor.deskCode();
    const requester = await h.account("picky");
    expect((await errorOf(requester.caller.request.submit({ ...sampleBankRequest, trigger: "TAP" }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(requester.caller.request.submit({ ...sampleBankRequest, deskCode: code, trigger: "TAP" }))).message).toContain(
      "does not take this type",
    );
    expect((await errorOf(desk.caller.request.findDesk({ code }))).message).toContain("your own desk");
  });
});

describe.each(databaseKinds)("desk code lookups are rate limited on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    const config = rateLimitConfig(env());
    h = await openHarness(kind, {
      limits: createRateLimits({ ...config, limits: { ...config.limits, deskCode: { points: 3, durationSeconds: 60 } } }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("counts lookups and sends by code per account, then refuses with 429", async () => {
    const guesser = await h.account("guesser");
    await errorOf(guesser.caller.request.findDesk({ code: "00000000" }));
    await errorOf(guesser.caller.request.findDesk({ code: "00000001" }));
    await errorOf(guesser.caller.request.submit({ ...sampleBankRequest, deskCode: "00000002", trigger: "TAP" }));
    const limited = await errorOf(guesser.caller.request.findDesk({ code: "00000003" }));
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    // Another account is counted on its own.
    expect((await errorOf((await h.account("other")).caller.request.findDesk({ code: "00000003" }))).code).toBe("NOT_FOUND");
  });
});
