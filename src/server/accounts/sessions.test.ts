import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import type { SqlQuery } from "../db/client";
import { RedisEventBus } from "../events/redis-bus";
import { databaseKinds } from "../test/databases";
import { type Harness, nextWithin, openHarness } from "../test/harness";
import { sampleBankRequest } from "../test/samples";
import { endSessions, sessionVersionOf, untilSignedOut } from "./sessions";

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

  it("aborts a stream's own controller when it brings one (node:http's subscriptions), instead of making a second", async () => {
    const account = await h.account("own-controller");
    const own = new AbortController();
    const signal = await untilSignedOut(h.deps, account.id, 0, [own.signal], own);
    expect(signal).toBe(own.signal);
    expect(signal.aborted).toBe(false);
    await endSessions(h.deps, account.id);
    expect(own.signal.aborted).toBe(true);
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

/** Polls `read` until it returns `want` or `ms` pass; returns the last value read. */
async function settlesTo<T>(read: () => Promise<T>, want: T, ms: number): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (value !== want && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}

describe.each(databaseKinds)("kept session versions, on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("are dropped by a sign-out on this instance before it returns", async () => {
    const account = await h.account("kept");
    expect(await sessionVersionOf(h.deps, account.id)).toBe(0);
    // Now kept: the database changing behind endSessions' back is not seen (until the minute is up)…
    await h.deps.db.user.update({ where: { id: account.id }, data: { sessionVersion: 7 } });
    expect(await sessionVersionOf(h.deps, account.id)).toBe(0);
    // …but a sign-out is, at once.
    await endSessions(h.deps, account.id);
    expect(await sessionVersionOf(h.deps, account.id)).toBe(8);
  });

  it("are not kept from a read that a sign-out overtook", async () => {
    const account = await h.account("raced");
    // The read reaches the database before the sign-out and answers after it, carrying the old version.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The real database, its answer held back: sessionVersionOf reads nothing but its one query.
    const sql = (async (text: string, values: readonly unknown[]) => {
      const rows = await h.deps.sql(text, values);
      await held;
      return rows;
    }) as SqlQuery;
    const slowRead = sessionVersionOf({ sql, bus: h.deps.bus }, account.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await endSessions(h.deps, account.id);
    release();
    expect(await slowRead).toBe(0);
    expect(await sessionVersionOf(h.deps, account.id)).toBe(1);
  });
});

describe.each(databaseKinds)("kept session versions across instances sharing Redis, on %s", (kind) => {
  let h: Harness;
  const url = env().REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `nx-test-sessions-${process.pid}-${randomBytes(3).toString("hex")}:`;
  const a = new RedisEventBus({ url, prefix });
  const b = new RedisEventBus({ url, prefix });
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await h?.close();
  });

  it("are dropped on every instance when the account signs out on one", async () => {
    const account = await h.account("two-instances");
    const onA = { db: h.deps.db, sql: h.deps.sql, bus: a };
    const onB = { db: h.deps.db, sql: h.deps.sql, bus: b };
    expect(await sessionVersionOf(onA, account.id)).toBe(0);
    expect(await sessionVersionOf(onB, account.id)).toBe(0);
    await endSessions(onA, account.id);
    expect(await sessionVersionOf(onA, account.id)).toBe(1);
    // B hears it on the bus within milliseconds; a second is generous on a loaded machine.
    expect(await settlesTo(() => sessionVersionOf(onB, account.id), 1, 1000)).toBe(1);
  });
});
