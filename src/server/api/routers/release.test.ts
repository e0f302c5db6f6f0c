import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../exchange/session-log";
import type { LiveListEvent } from "../../listing/service";
import { databaseKinds } from "../../test/databases";
import { type Harness, nextWithin, north, openHarness, untrack } from "../../test/harness";
import { sampleBankRequest } from "../../test/samples";
import { agreeKeys, selectWithKeys } from "../../test/handover";

/** Runs `fn` expecting a tRPC error, and returns its reason. */
async function reasonOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof TRPCError) return (error.cause as { reason?: string } | undefined)?.reason ?? error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe.each(databaseKinds)("a desk releases a pairing on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function processorAt(position: { latitude: number; longitude: number }) {
    const processor = await h.account("processor");
    await processor.caller.processor.register({ ...position, radiusMeters: 1000, types: ["BANK_ACCOUNT", "ORDER"] });
    return processor;
  }

  it("lets only the paired desk release, drops the key material, and the request comes back for other desks", async () => {
    const center = { latitude: 41.39, longitude: 2.17 };
    const desk = await processorAt(center);
    const rival = await processorAt(north(center, 100));
    const requester = await h.account("requester");
    const stranger = await h.account("stranger");
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position: center, trigger: "TAP", deadlineSeconds: 600 });
    const rivalLive = (await rival.caller.list.live())[Symbol.asyncIterator]();
    expect(await nextWithin<LiveListEvent>(rivalLive)).toMatchObject({ kind: "snapshot", requests: [{ id: request.id }] });

    const keys = await selectWithKeys(desk.caller, request);
    await agreeKeys(requester.caller, desk.caller, keys);
    expect(await nextWithin(rivalLive)).toEqual({ kind: "removed", requestId: request.id, reason: "paired" });
    expect((await rival.caller.list.byType({ type: "BANK_ACCOUNT" })).map((r) => r.id)).not.toContain(request.id);
    const phone = (await requester.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const deskStream = (await desk.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const phoneSeen: string[] = [];
    for (let i = 0; i < 4; i++) phoneSeen.push(untrack<SessionEvent>(await nextWithin(phone)).data.type);
    expect(phoneSeen).toEqual(["submitted", "paired", "requester_key", "processor_key"]);
    for (let i = 0; i < 4; i++) await nextWithin(deskStream);

    // Nobody but the paired desk may release.
    expect(await reasonOf(() => rival.caller.exchange.release({ requestId: request.id }))).toBe("SESSION_NOT_FOUND");
    expect(await reasonOf(() => stranger.caller.exchange.release({ requestId: request.id }))).toBe("SESSION_NOT_FOUND");
    expect(await reasonOf(() => requester.caller.exchange.release({ requestId: request.id }))).toBe("WRONG_PARTY");
    expect((await h.deps.db.exchange.findUniqueOrThrow({ where: { requestId: request.id } })).state).toBe("AWAITING_CONFIRMATION");

    expect(await desk.caller.exchange.release({ requestId: request.id })).toEqual({ state: "RELEASED" });
    // Both streams hear it; the desk's ends, the phone's goes on waiting.
    expect(untrack<SessionEvent>(await nextWithin(phone)).data.type).toBe("released");
    expect(untrack<SessionEvent>(await nextWithin(deskStream)).data.type).toBe("released");
    expect(await deskStream.next()).toMatchObject({ done: true });

    // The pairing and its key material are gone; the request is open again.
    expect(await h.deps.db.exchange.findUnique({ where: { requestId: request.id } })).toBeNull();
    const types = (await h.deps.db.exchangeEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["submitted", "released"]);
    expect((await h.deps.db.request.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("OPEN");
    // The released desk is no party any more, and cannot release twice.
    expect(await reasonOf(() => desk.caller.exchange.release({ requestId: request.id }))).toBe("SESSION_NOT_FOUND");

    // Back in the other desk's live and pulled lists, selectable by the same handle.
    expect(await nextWithin(rivalLive)).toMatchObject({
      kind: "added",
      request: { id: request.id, identificationHandle: request.identificationHandle },
    });
    expect((await rival.caller.list.byType({ type: "BANK_ACCOUNT" })).map((r) => r.id)).toContain(request.id);
    const rivalKeys = await selectWithKeys(rival.caller, request);
    const paired = untrack<SessionEvent>(await nextWithin(phone)).data;
    expect(paired.type).toBe("paired");
    expect(paired.type === "paired" && typeof paired.payload.processorName).toBe("string");
    expect((await h.deps.db.exchange.findUniqueOrThrow({ where: { requestId: request.id } })).processorId).toBe(rival.id);

    // The new desk's stream replays the earlier release and goes on: it stays live for its own pairing.
    const rivalStream = (await rival.caller.exchange.session({ requestId: request.id }))[Symbol.asyncIterator]();
    const rivalSeen: string[] = [];
    for (let i = 0; i < 3; i++) rivalSeen.push(untrack<SessionEvent>(await nextWithin(rivalStream)).data.type);
    expect(rivalSeen).toEqual(["submitted", "released", "paired"]);
    await agreeKeys(requester.caller, rival.caller, rivalKeys);
    expect(untrack<SessionEvent>(await nextWithin(rivalStream)).data.type).toBe("requester_key");
    await Promise.all([phone.return?.(), rivalLive.return?.(), rivalStream.return?.()]);
  });

  it("refuses a release once the data was handed over", async () => {
    const center = { latitude: 52.52, longitude: 13.4 };
    const desk = await processorAt(center);
    const requester = await h.account("requester");
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position: center, trigger: "TAP" });
    expect(await reasonOf(() => desk.caller.exchange.release({ requestId: request.id }))).toBe("SESSION_NOT_FOUND");
    const keys = await selectWithKeys(desk.caller, request);
    await agreeKeys(requester.caller, desk.caller, keys);
    await requester.caller.exchange.refuse({ requestId: request.id });
    expect(await reasonOf(() => desk.caller.exchange.release({ requestId: request.id }))).toBe("WRONG_STATE");
  });
});
