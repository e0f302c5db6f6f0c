import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../exchange/session-log";
import type { LiveListEvent } from "../../listing/service";
import { MAX_OPEN_REQUESTS_PER_REQUESTER, submitRequest } from "../../requests/service";
import { destinationPoint } from "~/shared/geo/distance";
import { databaseKinds } from "../../test/databases";
import { type Harness, nextWithin, north, openHarness, untrack } from "../../test/harness";
import { sampleBankAccount } from "../../test/samples";

const shop = { latitude: 48.8566, longitude: 2.3522 };

/** Runs `fn` expecting a tRPC error, and returns it. */
async function rejection(fn: () => Promise<unknown>): Promise<TRPCError & { reason?: string }> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof TRPCError) return Object.assign(error, { reason: (error.cause as { reason?: string } | undefined)?.reason });
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe.each(databaseKinds)("the exchange flow on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function requesterAt(position: { latitude: number; longitude: number }, deadlineSeconds?: number) {
    const requester = await h.account("requester");
    const request = await requester.caller.request.submit({ businessData: sampleBankAccount, position, trigger: "TAP", deadlineSeconds });
    return { requester, request };
  }

  async function processorAt(position: { latitude: number; longitude: number }, radiusMeters = 1000) {
    const processor = await h.account("processor");
    await processor.caller.processor.register({ ...position, radiusMeters, types: ["BANK_ACCOUNT", "ORDER"] });
    return processor;
  }

  it("takes the identification from the session, never from the input", async () => {
    const requester = await h.account("alice");
    const request = await requester.caller.request.submit({
      businessData: sampleBankAccount,
      position: shop,
      trigger: "SHAKE",
      // An attacker-supplied identification is not part of the input schema and is dropped.
      ...({ identification: "someone-else" } as object),
    });
    expect(request.identification).toBe(requester.identification);
    expect(request.preview).not.toContain("12345698765432");
    const mine = await requester.caller.request.mine();
    expect(mine.map((r) => r.id)).toContain(request.id);
    expect(mine[0]?.status).toBe("OPEN");
  });

  it("rejects bad business data with the failing field and message, and stores nothing", async () => {
    const requester = await h.account("typo");
    const error = await rejection(() =>
      requester.caller.request.submit({
        businessData: { ...sampleBankAccount, accountNumber: "GB82 WEST 1234 5698 7654 33" },
        position: shop,
        trigger: "TAP",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(error.cause)).toContain("accountNumber");
    expect(await requester.caller.request.mine()).toEqual([]);
  });

  it("caps the requests one requester has waiting, even when they are sent at once", async () => {
    const flooder = await h.account("flooder");
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, () => flooder.caller.request.submit({ businessData: sampleBankAccount, position: shop, trigger: "TAP" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_OPEN_REQUESTS_PER_REQUESTER);
    for (const r of results) if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect(await h.deps.db.request.count({ where: { requesterId: flooder.id } })).toBe(MAX_OPEN_REQUESTS_PER_REQUESTER);
  });

  it("refuses signed-out callers", async () => {
    const error = await rejection(() => h.callerFor(null).request.mine());
    expect(error.code).toBe("UNAUTHORIZED");
  });

  it("lists open requests of one type within the radius, nearest first", async () => {
    const center = { latitude: 10, longitude: 20 };
    const processor = await processorAt(center);
    const far = await requesterAt(north(center, 900));
    const near = await requesterAt(north(center, 200));
    const outside = await requesterAt(north(center, 1001));
    const order = await h.account("orderer");
    await order.caller.request.submit({
      businessData: { type: "ORDER", orderReference: "A-1", items: ["tea"], amount: "3.50", currency: "EUR" },
      position: center,
      trigger: "TAP",
    });
    const list = await processor.caller.list.byType({ type: "BANK_ACCOUNT" });
    expect(list.map((r) => r.id)).toEqual([near.request.id, far.request.id]);
    expect(list[0]?.distanceMeters).toBeCloseTo(200, 0);
    expect(list.map((r) => r.id)).not.toContain(outside.request.id);
    expect(list[0]?.identification).toBe(near.requester.identification);
    expect(JSON.stringify(list)).not.toContain("5698");
  });

  it("never lists or pairs a request after its deadline", async () => {
    const center = { latitude: -33.86, longitude: 151.2 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center, 60);
    expect((await processor.caller.list.byType({ type: "BANK_ACCOUNT" })).map((r) => r.id)).toContain(request.id);
    h.clock.offsetMs = 61_000;
    try {
      expect((await processor.caller.list.byType({ type: "BANK_ACCOUNT" })).map((r) => r.id)).not.toContain(request.id);
      const error = await rejection(() =>
        processor.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification }),
      );
      expect(error.reason).toBe("REQUEST_EXPIRED");
      expect((await requester.caller.request.mine())[0]?.status).toBe("EXPIRED");
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it("explains why a select fails", async () => {
    const center = { latitude: 35.68, longitude: 139.69 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center);
    const other = await h.account("other");

    expect(
      (await rejection(() => processor.caller.exchange.select({ requestId: request.id, requesterIdentification: other.identification }))).reason,
    ).toBe("IDENTIFICATION_MISMATCH");
    const distant = await processorAt(north(center, 5000));
    expect(
      (await rejection(() => distant.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification }))).reason,
    ).toBe("OUT_OF_RADIUS");
    const unregistered = await h.account("unregistered");
    expect(
      (await rejection(() => unregistered.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification })))
        .reason,
    ).toBe("PROCESSOR_NOT_REGISTERED");

    const cancelled = await requesterAt(center);
    await cancelled.requester.caller.request.cancel({ requestId: cancelled.request.id });
    expect(
      (
        await rejection(() =>
          processor.caller.exchange.select({ requestId: cancelled.request.id, requesterIdentification: cancelled.requester.identification }),
        )
      ).reason,
    ).toBe("REQUEST_CANCELLED");

    await processor.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification });
    const second = await processorAt(center);
    const taken = await rejection(() => second.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification }));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.reason).toBe("REQUEST_TAKEN");
    expect((await rejection(() => requester.caller.request.cancel({ requestId: request.id }))).reason).toBe("REQUEST_PAIRED");
  });

  it("pairs exactly one of 50 concurrent selects", async () => {
    const center = { latitude: 51.5, longitude: -0.12 };
    const { requester, request } = await requesterAt(center);
    const processors = await Promise.all(Array.from({ length: 50 }, () => processorAt(center)));
    const results = await Promise.allSettled(
      processors.map((p) => p.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("CONFLICT");
    }
    expect(await h.deps.db.exchange.count({ where: { requestId: request.id } })).toBe(1);
    const paired = await h.deps.db.exchangeEvent.count({ where: { requestId: request.id, type: "paired" } });
    expect(paired).toBe(1);
  });

  it("runs the paired session to the end and shows the data only to the paired processor after confirmation", async () => {
    const center = { latitude: 40.71, longitude: -74.0 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center);
    const requesterStream = (await requester.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    expect(untrack<SessionEvent>(await nextWithin(requesterStream)).data.type).toBe("submitted");

    const outsider = await processorAt(center);
    expect((await rejection(() => outsider.caller.exchange.session({ requestId: request.id }))).code).toBe("NOT_FOUND");

    const { shortCode } = await processor.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification });
    expect(untrack<SessionEvent>(await nextWithin(requesterStream)).data.type).toBe("paired");
    const codeEvent = untrack<SessionEvent>(await nextWithin(requesterStream)).data;
    expect(codeEvent).toMatchObject({ type: "code_shown", payload: { code: shortCode } });

    const processorStream = (await processor.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const before = [await nextWithin(processorStream), await nextWithin(processorStream), await nextWithin(processorStream)].map(
      (e) => untrack<SessionEvent>(e).data,
    );
    expect(before.map((e) => e.type)).toEqual(["submitted", "paired", "code_shown"]);
    expect(JSON.stringify(before)).not.toContain("GB82WEST12345698765432");

    expect((await rejection(() => processor.caller.exchange.confirm({ requestId: request.id }))).reason).toBe("WRONG_PARTY");
    expect((await rejection(() => outsider.caller.exchange.confirm({ requestId: request.id }))).code).toBe("NOT_FOUND");
    await requester.caller.exchange.confirm({ requestId: request.id });
    expect(untrack<SessionEvent>(await nextWithin(processorStream)).data.type).toBe("confirmed");
    const handedOver = untrack<SessionEvent>(await nextWithin(processorStream)).data;
    expect(handedOver.type).toBe("data_handed_over");
    expect(handedOver.payload).toMatchObject({ businessData: { accountNumber: "GB82WEST12345698765432" } });

    expect(await processor.caller.exchange.mine()).toEqual([
      expect.objectContaining({ requestId: request.id, state: "DATA_HANDED_OVER", requesterIdentification: requester.identification }),
    ]);
    expect(await outsider.caller.exchange.mine()).toEqual([]);
    const answer = { paymentReference: "PAY-778899", amount: "120.00", currency: "EUR", payer: "Desk 4" };
    await processor.caller.exchange.sendPaymentConfirmation({ requestId: request.id, answer });
    await requester.caller.exchange.acknowledge({ requestId: request.id });

    const rest: string[] = [];
    for (let e = await nextWithin(requesterStream); ; e = await nextWithin(requesterStream)) {
      const event = untrack<SessionEvent>(e).data;
      rest.push(event.type);
      if (event.type === "payment_confirmation") expect(event.payload).toMatchObject({ answer });
      if (event.type === "closed") break;
    }
    expect(rest).toEqual(["confirmed", "data_handed_over", "payment_confirmation", "acknowledged", "closed"]);
    expect(await requesterStream.next()).toMatchObject({ done: true });
    expect((await requester.caller.request.mine()).find((r) => r.id === request.id)?.status).toBe("DONE");
    expect(await processor.caller.exchange.mine()).toEqual([]);
  });

  it("lets the requester refuse a pairing whose code does not match, and never hands the data over", async () => {
    const center = { latitude: 59.33, longitude: 18.07 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center);
    await processor.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification });
    await requester.caller.exchange.refuse({ requestId: request.id });
    expect((await rejection(() => requester.caller.exchange.confirm({ requestId: request.id }))).reason).toBe("WRONG_STATE");
    const events = await h.deps.db.exchangeEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["submitted", "paired", "code_shown", "refused", "closed"]);
    expect(events.at(-1)?.payload).toEqual({ reason: "refused" });
    expect(JSON.stringify(events)).not.toContain("GB82WEST");
    expect((await requester.caller.request.mine()).find((r) => r.id === request.id)?.status).toBe("CANCELLED");
  });

  it("ends at once a stream resumed after the session closed", async () => {
    const { requester, request } = await requesterAt({ latitude: 41.9, longitude: 12.5 });
    await requester.caller.request.cancel({ requestId: request.id });
    const all = (await requester.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const types: string[] = [];
    for (let r = await all.next(); !r.done; r = await all.next()) types.push(untrack<SessionEvent>(r.value).data.type);
    expect(types).toEqual(["submitted", "cancelled", "closed"]);
    const last = await h.deps.db.exchangeEvent.findFirstOrThrow({ where: { requestId: request.id }, orderBy: { id: "desc" } });
    const resumed = (await requester.caller.exchange.session({ requestId: request.id, lastEventId: String(last.id) }))[Symbol.asyncIterator]();
    const ended = await Promise.race([resumed.next(), new Promise((resolve) => setTimeout(() => resolve("still open"), 2000))]);
    expect(ended).toEqual({ value: undefined, done: true });
  });

  it("resumes a session stream after the last event id with nothing lost or repeated", async () => {
    const center = { latitude: 1.29, longitude: 103.85 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center);
    const first = new AbortController();
    const stream = (await h.callerFor(requester.actor, first.signal).exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const seen = [untrack<SessionEvent>(await nextWithin(stream))];
    first.abort();
    // Events happen while the requester is disconnected.
    await processor.caller.exchange.select({ requestId: request.id, requesterIdentification: requester.identification });
    await requester.caller.exchange.confirm({ requestId: request.id });
    const resumed = (await requester.caller.exchange.session({ requestId: request.id, lastEventId: seen[0]!.id }))[Symbol.asyncIterator]();
    for (let i = 0; i < 4; i++) seen.push(untrack<SessionEvent>(await nextWithin(resumed)));
    expect(seen.map((e) => e.data.type)).toEqual(["submitted", "paired", "code_shown", "confirmed", "data_handed_over"]);
    const ids = seen.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    await resumed.return?.();
  });

  it("pushes arrivals within the radius and their removal live", async () => {
    const center = { latitude: -23.55, longitude: -46.63 };
    const processor = await processorAt(center);
    const already = await requesterAt(north(center, 300));
    const live = (await processor.caller.list.live())[Symbol.asyncIterator]();
    const snapshot = await nextWithin<LiveListEvent>(live);
    expect(snapshot).toMatchObject({ kind: "snapshot" });
    expect(snapshot.kind === "snapshot" && snapshot.requests.map((r) => r.id)).toEqual([already.request.id]);

    await requesterAt(north(center, 1500)); // outside: never pushed
    const inside = await requesterAt(north(center, 500));
    const added = await nextWithin<LiveListEvent>(live);
    expect(added).toMatchObject({ kind: "added", request: { id: inside.request.id } });

    await inside.requester.caller.request.cancel({ requestId: inside.request.id });
    expect(await nextWithin(live)).toEqual({ kind: "removed", requestId: inside.request.id, reason: "cancelled" });

    const rival = await processorAt(center);
    await rival.caller.exchange.select({ requestId: already.request.id, requesterIdentification: already.requester.identification });
    expect(await nextWithin(live)).toEqual({ kind: "removed", requestId: already.request.id, reason: "paired" });
    await live.return?.();
  });

  it.each([
    ["east", { latitude: 0.2, longitude: 179.9995 }, 90],
    ["west", { latitude: -65.3, longitude: -179.9998 }, 270],
  ] as const)("finds 999 m in and 1,001 m out across the antimeridian, heading %s, pulled and pushed", async (_, center, bearing) => {
    const processor = await processorAt(center);
    const live = (await processor.caller.list.live())[Symbol.asyncIterator]();
    expect(await nextWithin(live)).toMatchObject({ kind: "snapshot", requests: [] });
    const inside = await requesterAt(destinationPoint(center, bearing, 999));
    const outside = await requesterAt(destinationPoint(center, bearing, 1001));
    // The two points sit on the other side of ±180 from the processor.
    expect(Math.sign(inside.request.longitude)).toBe(-Math.sign(center.longitude));
    expect(Math.sign(outside.request.longitude)).toBe(-Math.sign(center.longitude));

    expect(await nextWithin(live)).toMatchObject({ kind: "added", request: { id: inside.request.id } });
    const list = await processor.caller.list.byType({ type: "BANK_ACCOUNT" });
    expect(list.map((r) => r.id)).toEqual([inside.request.id]);
    expect(list[0]!.distanceMeters).toBeCloseTo(999, 3);
    // A third arrival inside proves the 1,001 m one was skipped, not merely late.
    const marker = await requesterAt(center);
    expect(await nextWithin(live)).toMatchObject({ kind: "added", request: { id: marker.request.id } });
    await live.return?.();
  });

  it("removes a request from live lists when its deadline passes", async () => {
    const center = { latitude: 64.14, longitude: -21.94 };
    const processor = await processorAt(center);
    const live = (await processor.caller.list.live())[Symbol.asyncIterator]();
    expect(await nextWithin(live)).toMatchObject({ kind: "snapshot", requests: [] });
    // The API accepts 30 s at least; the service below it takes any deadline, so the test need not wait.
    const requester = await h.account("hurried");
    const request = await submitRequest(h.deps, requester.actor, {
      businessData: sampleBankAccount,
      position: center,
      trigger: "TAP",
      deadlineSeconds: 1,
    });
    expect(await nextWithin(live)).toMatchObject({ kind: "added", request: { id: request.id } });
    const started = Date.now();
    expect(await nextWithin(live, 3000)).toEqual({ kind: "removed", requestId: request.id, reason: "expired" });
    expect(Date.now() - started).toBeGreaterThan(500);
    await live.return?.();
  });
});
