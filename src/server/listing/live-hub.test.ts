import { describe, expect, it } from "vitest";
import { InProcessEventBus } from "../events/bus";
import { destinationPoint } from "~/shared/geo/distance";
import { type OpenRequestSummary, type RequestFeedMessage, topics } from "../events/topics";
import { nextWithin } from "../test/harness";
import { LiveHub } from "./live-hub";

const here = { latitude: 48.85, longitude: 2.35 };

function opened(id: string, at: { latitude: number; longitude: number }): RequestFeedMessage {
  const request: OpenRequestSummary = {
    id,
    type: "ORDER",
    identificationHandle: "r",
    maskedIdentification: "r",
    displayName: "R",
    preview: "",
    ...at,
    deadline: null,
    createdAt: new Date(),
  };
  return { kind: "opened", request, requesterId: "someone" };
}

describe("LiveHub", () => {
  it("hands each message only to the live lists whose radius covers it, 999 m in and 1,001 m out", async () => {
    const bus = new InProcessEventBus();
    const hub = new LiveHub(bus);
    const stop = new AbortController();
    const near = await hub.join({ ...here, radiusMeters: 1000 }, stop.signal);
    const wide = await hub.join({ ...destinationPoint(here, 90, 3000), radiusMeters: 5000 }, stop.signal);
    const far = await hub.join({ ...destinationPoint(here, 0, 50_000), radiusMeters: 1000 }, stop.signal);

    await bus.publish(topics.requestFeed, opened("out", destinationPoint(here, 270, 1001)));
    await bus.publish(topics.requestFeed, opened("in", destinationPoint(here, 270, 999)));
    await bus.publish(topics.requestFeed, { kind: "closed", requestId: "in", reason: "paired", ...destinationPoint(here, 270, 999) });
    // A close without a place (an older instance's message) goes to everyone.
    await bus.publish(topics.requestFeed, { kind: "closed", requestId: "old", reason: "cancelled" });

    const ids = (m: RequestFeedMessage) => (m.kind === "opened" ? `opened ${m.request.id}` : `closed ${m.requestId}`);
    expect(ids(await nextWithin(near))).toBe("opened in");
    expect(ids(await nextWithin(near))).toBe("closed in");
    expect(ids(await nextWithin(near))).toBe("closed old");
    expect(ids(await nextWithin(wide))).toBe("opened out");
    expect(ids(await nextWithin(wide))).toBe("opened in");
    expect(ids(await nextWithin(far))).toBe("closed old");

    stop.abort();
    expect(hub.size).toBe(0);
    await bus.close();
  });

  it("ends its streams when the bus closes, so clients reconnect", async () => {
    const bus = new InProcessEventBus();
    const hub = new LiveHub(bus);
    const channel = await hub.join({ ...here, radiusMeters: 1000 }, new AbortController().signal);
    await bus.close();
    expect((await channel.next()).done).toBe(true);
  });
});
