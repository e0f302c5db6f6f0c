import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../test/databases";
import { type Harness, north, openHarness } from "../test/harness";
import { openRequestIndex } from "./open-index";
import { sampleBankRequest } from "../test/samples";

describe.each(databaseKinds)("the open-request index on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("starts from the database, follows the feed, and never lists what the database says is closed", async () => {
    const center = { latitude: 41.39, longitude: 2.17 };
    // Open before the index exists: found by the initial load, not by a message.
    const early = await h.account("early");
    const first = await early.caller.request.submit({ ...sampleBankRequest, position: north(center, 100), trigger: "TAP" });
    const processor = await h.account("processor");
    await processor.caller.processor.register({ ...center, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    expect((await processor.caller.list.byType({ type: "BANK_ACCOUNT" })).map((r) => r.id)).toEqual([first.id]);

    // Then followed from the feed.
    const later = await h.account("later");
    const second = await later.caller.request.submit({ ...sampleBankRequest, position: north(center, 50), trigger: "TAP" });
    expect((await processor.caller.list.byType({ type: "BANK_ACCOUNT" })).map((r) => r.id)).toEqual([second.id, first.id]);
    await later.caller.request.cancel({ requestId: second.id });
    expect((await processor.caller.list.byType({ type: "BANK_ACCOUNT" })).map((r) => r.id)).toEqual([first.id]);

    // Closed behind the index's back (no message): the database check still keeps it out.
    await h.deps.db.request.update({ where: { id: first.id }, data: { status: "CANCELLED" } });
    const index = openRequestIndex(h.deps);
    expect(
      (await index.nearest({ ...center, radiusMeters: 1000, types: ["BANK_ACCOUNT"], excludeRequesterId: "", now: new Date(), limit: 10 })).map(
        (f) => f.item.id,
      ),
    ).toContain(first.id);
    expect(await processor.caller.list.byType({ type: "BANK_ACCOUNT" })).toEqual([]);
  });
});
