import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "../accounts/service";
import { databaseKinds } from "../test/databases";
import { type Harness, nextWithin, north, openHarness } from "../test/harness";
import type { LiveListEvent } from "./service";
import { sampleBankRequest } from "../test/samples";

const shop = { latitude: 48.8566, longitude: 2.3522 };

describe.each(databaseKinds)("what a desk's list carries on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a masked identification and the display name as typed, pulled and pushed alike", async () => {
    const processor = await h.account("desk");
    await processor.caller.processor.register({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    const abort = new AbortController();
    const live = (await h.callerFor(processor.actor, abort.signal).list.live())[Symbol.asyncIterator]();
    try {
      expect((await nextWithin<LiveListEvent>(live)).kind).toBe("snapshot");
      const requester = await signUp(h.deps, {
        identification: `xss-${Date.now().toString(36)}`,
        displayName: "<img src=x onerror=alert(1)>",
        password: "correct horse battery",
      });
      const caller = h.callerFor({ userId: requester.id, identification: requester.identification });
      const request = await caller.request.submit({ ...sampleBankRequest, position: north(shop, 100), trigger: "TAP" });

      const added = await nextWithin<LiveListEvent>(live);
      expect(added.kind).toBe("added");
      const pushed = added.kind === "added" ? added.request : null;
      const [pulled] = (await processor.caller.list.byType({ type: "BANK_ACCOUNT" })).filter((r) => r.id === request.id);
      for (const entry of [pushed, pulled]) {
        expect(entry?.identificationHandle).toBe(request.identificationHandle);
        expect(JSON.stringify(entry)).not.toContain(requester.identification);
        expect(entry?.maskedIdentification).toBe(`${requester.identification.slice(0, 2)}•••`);
        expect(entry?.maskedIdentification).not.toContain(requester.identification.slice(2));
        // Stored and sent as typed: escaping is the screen's job.
        expect(entry?.displayName).toBe("<img src=x onerror=alert(1)>");
      }
    } finally {
      abort.abort();
      await live.return?.();
    }
  });
});
