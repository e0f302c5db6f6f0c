// Who may call what, in which phase, is the authorization matrix (authorization-matrix.test.ts); this file follows the flow itself.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionEvent } from "../../exchange/session-log";
import type { LiveListEvent } from "../../listing/service";
import { MAX_OPEN_REQUESTS_PER_REQUESTER, submitRequest } from "../../requests/service";
import { destinationPoint } from "~/shared/geo/distance";
import { databaseKinds } from "../../test/databases";
import { type Harness, nextWithin, north, openHarness, untrack } from "../../test/harness";
import { requestOf, sampleBankAccount, sampleBankRequest } from "../../test/samples";
import { agreeKeys, confirmWith, openAnswer, openHandover, sealAnswer, selectWithKeys } from "../../test/handover";
import { newDeskKeys } from "~/shared/handover/parties";
import { sweepOnce } from "../../exchange/sweeper";
import { env } from "~/env";

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
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position, trigger: "TAP", deadlineSeconds });
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
      ...sampleBankRequest,
      position: shop,
      trigger: "SHAKE",
      // An attacker-supplied identification is not part of the input schema and is dropped.
      ...({ identification: "someone-else" } as object),
    });
    expect(JSON.stringify(request)).not.toContain(requester.identification);
    expect(request.maskedIdentification).toBe(`${requester.identification.slice(0, 2)}•••`);
    expect(request.identificationHandle).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const row = await h.deps.db.request.findUniqueOrThrow({ where: { id: request.id } });
    expect(row.identification).toBe(requester.identification);
    expect(request.preview).not.toContain("12345698765432");
    const mine = await requester.caller.request.mine();
    expect(mine.map((r) => r.id)).toContain(request.id);
    expect(mine[0]?.status).toBe("OPEN");
  });

  it("stores a submit as sent, its times in UTC whatever the server's local time zone", async () => {
    // The submit is raw SQL on the driver (db/client.ts's sql), which would send a Date in local time.
    vi.stubEnv("TZ", "Pacific/Auckland");
    try {
      const requester = await h.account("zoned");
      const position = { latitude: -36.8485, longitude: 174.7633, accuracyMeters: 12.5 };
      const before = Date.now();
      const request = await requester.caller.request.submit({ ...sampleBankRequest, position, trigger: "SHAKE", deadlineSeconds: 300 });
      const row = await h.deps.db.request.findUniqueOrThrow({ where: { id: request.id } });
      expect(row).toMatchObject({ requesterId: requester.actor.userId, type: "BANK_ACCOUNT", preview: sampleBankRequest.preview, trigger: "SHAKE" });
      expect(row).toMatchObject({ latitude: position.latitude, longitude: position.longitude, accuracyMeters: 12.5, status: "OPEN" });
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      expect(row.deadline?.getTime()).toBe(request.deadline?.getTime());
      expect(row.deadline!.getTime() - row.createdAt.getTime()).toBe(300_000);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses a preview that is not a masked preview of its type, and stores nothing", async () => {
    const requester = await h.account("typo");
    const error = await rejection(() =>
      requester.caller.request.submit({
        type: "BANK_ACCOUNT",
        preview: "West Bank · GB82WEST12345698765432 · J. S.",
        position: shop,
        trigger: "TAP",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(error.cause)).toContain("preview");
    expect(await requester.caller.request.mine()).toEqual([]);
  });

  it("caps the requests one requester has waiting, even when they are sent at once", async () => {
    const flooder = await h.account("flooder");
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, () => flooder.caller.request.submit({ ...sampleBankRequest, position: shop, trigger: "TAP" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_OPEN_REQUESTS_PER_REQUESTER);
    for (const r of results) if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect(await h.deps.db.request.count({ where: { requesterId: flooder.id } })).toBe(MAX_OPEN_REQUESTS_PER_REQUESTER);
  });

  it("lists open requests of one type within the radius, nearest first", async () => {
    const center = { latitude: 10, longitude: 20 };
    const processor = await processorAt(center);
    const far = await requesterAt(north(center, 900));
    const near = await requesterAt(north(center, 200));
    const outside = await requesterAt(north(center, 1001));
    const order = await h.account("orderer");
    await order.caller.request.submit({
      ...requestOf({ type: "ORDER", orderReference: "A-1", items: ["tea"], amount: "3.50", currency: "EUR" }),
      position: center,
      trigger: "TAP",
    });
    const list = await processor.caller.list.byType({ type: "BANK_ACCOUNT" });
    expect(list.map((r) => r.id)).toEqual([near.request.id, far.request.id]);
    expect(list[0]?.distanceMeters).toBeCloseTo(200, 0);
    expect(list.map((r) => r.id)).not.toContain(outside.request.id);
    // The list names requesters by an opaque handle and a masked identification, never in full.
    expect(list[0]?.identificationHandle).toBe(near.request.identificationHandle);
    expect(JSON.stringify(list)).not.toContain(near.requester.identification);
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
      const error = await rejection(() => selectWithKeys(processor.caller, request));
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
    const other = await requesterAt(center);

    // Another requester's handle, or a full identification, names no one here.
    expect(
      (await rejection(() => selectWithKeys(processor.caller, { ...request, identificationHandle: other.request.identificationHandle }))).reason,
    ).toBe("IDENTIFICATION_MISMATCH");
    expect(
      (await rejection(() => selectWithKeys(processor.caller, { ...request, identificationHandle: other.requester.identification }))).reason,
    ).toBe("IDENTIFICATION_MISMATCH");
    const distant = await processorAt(north(center, 5000));
    expect((await rejection(() => selectWithKeys(distant.caller, request))).reason).toBe("OUT_OF_RADIUS");
    const unregistered = await h.account("unregistered");
    expect((await rejection(() => selectWithKeys(unregistered.caller, request))).reason).toBe("PROCESSOR_NOT_REGISTERED");

    const cancelled = await requesterAt(center);
    await cancelled.requester.caller.request.cancel({ requestId: cancelled.request.id });
    expect((await rejection(() => selectWithKeys(processor.caller, cancelled.request))).reason).toBe("REQUEST_CANCELLED");

    await selectWithKeys(processor.caller, request);
    const second = await processorAt(center);
    const taken = await rejection(() => selectWithKeys(second.caller, request));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.reason).toBe("REQUEST_TAKEN");
    expect((await rejection(() => requester.caller.request.cancel({ requestId: request.id }))).reason).toBe("REQUEST_PAIRED");
  });

  it("pairs exactly one of 50 concurrent selects", async () => {
    const center = { latitude: 51.5, longitude: -0.12 };
    const { request } = await requesterAt(center);
    const processors = await Promise.all(Array.from({ length: 50 }, () => processorAt(center)));
    const results = await Promise.allSettled(processors.map((p) => selectWithKeys(p.caller, request)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("CONFLICT");
    }
    expect(await h.deps.db.exchange.count({ where: { requestId: request.id } })).toBe(1);
    const paired = await h.deps.db.exchangeEvent.count({ where: { requestId: request.id, type: "paired" } });
    expect(paired).toBe(1);
  });

  it("runs the paired session to the end over the handover protocol; the server relays only ciphertext", async () => {
    const center = { latitude: 40.71, longitude: -74.0 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center);
    const requesterStream = (await requester.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    expect(untrack<SessionEvent>(await nextWithin(requesterStream)).data.type).toBe("submitted");

    const desk = await selectWithKeys(processor.caller, request);
    const paired = untrack<SessionEvent>(await nextWithin(requesterStream)).data;
    expect(paired).toMatchObject({
      type: "paired",
      payload: { commitment: desk.commitment, requesterMaskedIdentification: request.maskedIdentification },
    });
    // The desk may not reveal its key before the phone sent its own: that order is what gives a relay one guess.
    expect(
      (await rejection(() => processor.caller.exchange.revealKey({ requestId: request.id, publicKey: desk.publicKey, nonce: desk.nonce }))).reason,
    ).toBe("WRONG_STATE");
    const channels = await agreeKeys(requester.caller, processor.caller, desk);
    expect(channels.phone.code).toMatch(/^\d{6}$/);
    expect(channels.desk.code).toBe(channels.phone.code);

    const processorStream = (await processor.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const beforeEvents: SessionEvent[] = [];
    for (let i = 0; i < 4; i++) beforeEvents.push(untrack<SessionEvent>(await nextWithin(processorStream)).data);
    expect(beforeEvents.map((e) => e.type)).toEqual(["submitted", "paired", "requester_key", "processor_key"]);
    expect(JSON.stringify(beforeEvents)).not.toContain(requester.identification);

    await confirmWith(requester.caller, channels, request.id, sampleBankAccount, requester.identification);
    expect(untrack<SessionEvent>(await nextWithin(processorStream)).data.type).toBe("confirmed");
    const handedOver = untrack<SessionEvent>(await nextWithin(processorStream)).data;
    if (handedOver.type !== "data_handed_over" || !handedOver.payload.sealed) throw new Error("expected the sealed data");
    expect(JSON.stringify(handedOver)).not.toContain("12345698765432");
    const opened = await openHandover(channels.desk, handedOver.payload.sealed, request.preview);
    expect(opened).toMatchObject({
      businessData: { accountNumber: "GB82WEST12345698765432" },
      requesterIdentification: requester.identification,
      previewMatches: true,
    });

    expect(await processor.caller.exchange.mine()).toEqual([
      expect.objectContaining({ requestId: request.id, state: "DATA_HANDED_OVER", requesterMaskedIdentification: request.maskedIdentification }),
    ]);
    const answer = { paymentReference: "PAY-778899", amount: "120.00", currency: "EUR", payer: "Desk 4" };
    await processor.caller.exchange.sendPaymentConfirmation({ requestId: request.id, sealed: await sealAnswer(channels.desk, answer) });
    await requester.caller.exchange.acknowledge({ requestId: request.id });

    const rest: string[] = [];
    for (let e = await nextWithin(requesterStream); ; e = await nextWithin(requesterStream)) {
      const event = untrack<SessionEvent>(e).data;
      rest.push(event.type);
      if (event.type === "payment_confirmation" && event.payload.sealed)
        expect(await openAnswer(channels.phone, event.payload.sealed)).toEqual(answer);
      if (event.type === "closed") break;
    }
    expect(rest).toEqual(["requester_key", "processor_key", "confirmed", "data_handed_over", "payment_confirmation", "acknowledged", "closed"]);
    expect(await requesterStream.next()).toMatchObject({ done: true });
    expect((await requester.caller.request.mine()).find((r) => r.id === request.id)?.status).toBe("DONE");
    expect(await processor.caller.exchange.mine()).toEqual([]);

    // Closed: the ciphertext went in the same transaction, so the desk cannot fetch the data again.
    const replay = (await processor.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const replayed: SessionEvent[] = [];
    for (let r = await replay.next(); !r.done; r = await replay.next()) replayed.push(untrack<SessionEvent>(r.value).data);
    for (const event of replayed)
      if (event.type === "data_handed_over" || event.type === "payment_confirmation") expect(event.payload.sealed).toBeNull();
    expect(replayed.at(-1)?.type).toBe("closed");
    const rows = await h.deps.db.exchangeEvent.findMany({ where: { requestId: request.id } });
    expect(JSON.stringify(rows)).not.toMatch(/ciphertext/);
    expect((await h.deps.db.request.findUniqueOrThrow({ where: { id: request.id } })).closedAt).not.toBeNull();
  });

  it("refuses a reveal that does not match the commitment, and a sealed message for another request", async () => {
    const center = { latitude: 37.98, longitude: 23.73 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center);
    const desk = await selectWithKeys(processor.caller, request);
    const impostor = await newDeskKeys(request.id);
    await requester.caller.exchange.sendKey({ requestId: request.id, publicKey: impostor.publicKey });
    const mismatch = await rejection(() =>
      processor.caller.exchange.revealKey({ requestId: request.id, publicKey: impostor.publicKey, nonce: desk.nonce }),
    );
    expect(mismatch.reason).toBe("COMMITMENT_MISMATCH");
    await processor.caller.exchange.revealKey({ requestId: request.id, publicKey: desk.publicKey, nonce: desk.nonce });
    const sealed = { v: 1 as const, requestId: "someone-elses", iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(40) };
    expect((await rejection(() => requester.caller.exchange.confirm({ requestId: request.id, sealed }))).reason).toBe("WRONG_REQUEST");
  });

  it("lets the requester refuse a pairing whose code does not match, and never hands the data over", async () => {
    const center = { latitude: 59.33, longitude: 18.07 };
    const processor = await processorAt(center);
    const { requester, request } = await requesterAt(center);
    const desk = await selectWithKeys(processor.caller, request);
    const channels = await agreeKeys(requester.caller, processor.caller, desk);
    await requester.caller.exchange.refuse({ requestId: request.id });
    // No second guess: the pairing is over.
    const late = await rejection(() => confirmWith(requester.caller, channels, request.id, sampleBankAccount, requester.identification));
    expect(late.reason).toBe("WRONG_STATE");
    const events = await h.deps.db.exchangeEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["submitted", "paired", "requester_key", "processor_key", "refused", "closed"]);
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
    const desk = await selectWithKeys(processor.caller, request);
    const channels = await agreeKeys(requester.caller, processor.caller, desk);
    await confirmWith(requester.caller, channels, request.id, sampleBankAccount, requester.identification);
    const resumed = (await requester.caller.exchange.session({ requestId: request.id, lastEventId: seen[0]!.id }))[Symbol.asyncIterator]();
    for (let i = 0; i < 5; i++) seen.push(untrack<SessionEvent>(await nextWithin(resumed)));
    expect(seen.map((e) => e.data.type)).toEqual(["submitted", "paired", "requester_key", "processor_key", "confirmed", "data_handed_over"]);
    const ids = seen.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    await resumed.return?.();
  });

  describe("lifetimes, with the clock the test moves", () => {
    const lifetimes = { pairingTimeoutSeconds: env().PAIRING_TIMEOUT_SECONDS, retentionHours: 24 };
    /** Sweeps at `offsetMs` from now; the clock is put back afterwards. */
    async function sweepAt(offsetMs: number) {
      h.clock.offsetMs = offsetMs;
      try {
        return await sweepOnce(h.deps, lifetimes);
      } finally {
        h.clock.offsetMs = 0;
      }
    }

    it("closes an expired request nobody watches and a pairing left unconfirmed, and the processor can fetch nothing after", async () => {
      const center = { latitude: 45.76, longitude: 4.83 };
      const processor = await processorAt(center);
      const unwatched = await requesterAt(center, 60);
      const abandoned = await requesterAt(center);
      const desk = await selectWithKeys(processor.caller, abandoned.request);
      await agreeKeys(abandoned.requester.caller, processor.caller, desk);

      await sweepAt(30_000);
      expect((await h.deps.db.request.findUniqueOrThrow({ where: { id: unwatched.request.id } })).status).toBe("OPEN");
      expect((await h.deps.db.exchange.findUniqueOrThrow({ where: { requestId: abandoned.request.id } })).state).toBe("AWAITING_CONFIRMATION");

      await sweepAt(181_000);
      expect((await h.deps.db.request.findUniqueOrThrow({ where: { id: unwatched.request.id } })).status).toBe("EXPIRED");
      expect((await h.deps.db.exchange.findUniqueOrThrow({ where: { requestId: abandoned.request.id } })).state).toBe("ABANDONED");
      // A second sweep (another instance) changes nothing more.
      const again = await sweepAt(182_000);
      expect(again.abandoned).toBe(0);
      const events = await h.deps.db.exchangeEvent.findMany({ where: { requestId: abandoned.request.id }, orderBy: { id: "asc" } });
      expect(events.map((e) => e.type).slice(-2)).toEqual(["abandoned", "closed"]);
      expect(events.filter((e) => e.type === "closed")).toHaveLength(1);
      const unwatchedEvents = await h.deps.db.exchangeEvent.findMany({ where: { requestId: unwatched.request.id }, orderBy: { id: "asc" } });
      expect(unwatchedEvents.map((e) => e.type)).toEqual(["submitted", "expired", "closed"]);

      // The requester's phone can no longer hand anything over.
      const late = await rejection(() => abandoned.requester.caller.exchange.refuse({ requestId: abandoned.request.id }));
      expect(late.reason).toBe("WRONG_STATE");
    });

    it("tells both parties when an unconfirmed pairing ends, and the sweeper ends it at that moment, not before", async () => {
      const center = { latitude: 47.37, longitude: 8.54 };
      const processor = await processorAt(center);
      const { requester, request } = await requesterAt(center);
      await selectWithKeys(processor.caller, request);
      const { createdAt } = await h.deps.db.exchange.findUniqueOrThrow({ where: { requestId: request.id } });
      const timeout = env().PAIRING_TIMEOUT_SECONDS;
      const endsAt = createdAt.getTime() + timeout * 1000;
      for (const party of [requester, processor]) {
        const stream = (await party.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
        const seen = [untrack<SessionEvent>(await nextWithin(stream)).data, untrack<SessionEvent>(await nextWithin(stream)).data];
        const paired = seen.find((e) => e.type === "paired");
        expect(paired?.type === "paired" ? paired.payload.endsAt : null).toBe(new Date(endsAt).toISOString());
        await stream.return?.();
      }
      // Other tests' pairings may be swept too: only this one's state tells.
      const stateAfterSweepAt = async (at: number) => {
        await sweepAt(at - Date.now());
        return (await h.deps.db.exchange.findUniqueOrThrow({ where: { requestId: request.id } })).state;
      };
      expect(await stateAfterSweepAt(endsAt - 1000)).toBe("AWAITING_REQUESTER_KEY");
      expect(await stateAfterSweepAt(endsAt)).toBe("ABANDONED");
    });

    it("purges the preview, position and identification after the retention window, leaving only the audit record", async () => {
      const center = { latitude: 50.85, longitude: 4.35 };
      const processor = await processorAt(center);
      const { requester, request } = await requesterAt(center);
      const desk = await selectWithKeys(processor.caller, request);
      const channels = await agreeKeys(requester.caller, processor.caller, desk);
      await confirmWith(requester.caller, channels, request.id, sampleBankAccount, requester.identification);
      const answer = { paymentReference: "PAY-1", amount: "1.00", currency: "EUR", payer: "Desk" };
      await processor.caller.exchange.sendPaymentConfirmation({ requestId: request.id, sealed: await sealAnswer(channels.desk, answer) });
      await requester.caller.exchange.acknowledge({ requestId: request.id });

      await sweepAt(23 * 3_600_000);
      expect((await h.deps.db.request.findUniqueOrThrow({ where: { id: request.id } })).preview).not.toBeNull();
      await sweepAt(24 * 3_600_000 + 60_000);
      const audit = await h.deps.db.request.findUniqueOrThrow({ where: { id: request.id }, include: { exchange: true } });
      expect(audit).toMatchObject({
        id: request.id,
        requesterId: requester.id,
        type: "BANK_ACCOUNT",
        status: "DONE",
        identification: null,
        identificationHandle: null,
        preview: null,
        latitude: null,
        longitude: null,
        accuracyMeters: null,
        exchange: { processorId: processor.id, state: "ACKNOWLEDGED", commitment: null },
      });
      expect(audit.closedAt).not.toBeNull();
      expect(audit.purgedAt).not.toBeNull();
      expect(await h.deps.db.exchangeEvent.count({ where: { requestId: request.id } })).toBe(0);
      // Nothing to fetch for either party any more.
      const replay = (await processor.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
      expect(await replay.next()).toMatchObject({ done: true });
      expect((await requester.caller.request.mine()).find((r) => r.id === request.id)).toMatchObject({ preview: null, status: "DONE" });
    });
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
    await selectWithKeys(rival.caller, already.request);
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
      ...sampleBankRequest,
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
