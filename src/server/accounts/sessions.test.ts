import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../test/databases";
import { type Harness, nextWithin, openHarness } from "../test/harness";
import { sampleBankRequest } from "../test/samples";
import { endSessions } from "./sessions";

const shop = { latitude: 47.37, longitude: 8.54 };

/** Resolves "ended" when the stream finishes within `ms`, else "open". */
async function endsWithin(iterator: AsyncIterator<unknown>, ms: number): Promise<"ended" | "open"> {
  const drain = (async () => {
    for (let r = await iterator.next(); !r.done; r = await iterator.next());
    return "ended" as const;
  })().catch(() => "ended" as const);
  return Promise.race([drain, new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms))]);
}

describe.each(databaseKinds)("sessions that end, on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("ends every open stream of an account that signs out, and no one else's", async () => {
    const desk = await h.account("desk");
    await desk.caller.processor.register({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    const requester = await h.account("requester");
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position: shop, trigger: "TAP" });
    const other = await h.account("other-desk");
    await other.caller.processor.register({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });

    const live = (await desk.caller.list.live())[Symbol.asyncIterator]();
    const secondLive = (await desk.caller.list.live())[Symbol.asyncIterator]();
    const session = (await requester.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const othersLive = (await other.caller.list.live())[Symbol.asyncIterator]();
    const streams: AsyncIterator<unknown>[] = [live, secondLive, session, othersLive];
    for (const stream of streams) await nextWithin(stream);

    await endSessions(h.deps, desk.id);
    expect(await endsWithin(live, 2000)).toBe("ended");
    expect(await endsWithin(secondLive, 2000)).toBe("ended");
    // The requester and the other desk are still signed in: their streams stay open.
    expect(await endsWithin(session, 300)).toBe("open");
    expect(await endsWithin(othersLive, 300)).toBe("open");

    await endSessions(h.deps, requester.id);
    expect(await endsWithin(session, 2000)).toBe("ended");
    // (A generator's return() would wait behind the pending next() of the check above: signing out ends it instead.)
    await endSessions(h.deps, other.id);
    expect(await endsWithin(othersLive, 2000)).toBe("ended");
  });

  it("ends at once a stream opened with a session that had already ended", async () => {
    const desk = await h.account("stale");
    await desk.caller.processor.register({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    await endSessions(h.deps, desk.id);
    // The caller still carries version 0; the account is at 1 now.
    const live = (await desk.caller.list.live())[Symbol.asyncIterator]();
    expect(await endsWithin(live, 2000)).toBe("ended");
  });
});
