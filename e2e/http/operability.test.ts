import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankAccount, type RunningServer, signedInAccount, startServer, submitted } from "./support";

// Ports 3340 and 3341 unless HTTP_TEST_PORT moves them (this file takes HTTP_TEST_PORT + 40 and + 41), for runs beside others on one machine.
const port = Number(process.env.HTTP_TEST_PORT || 3300) + 40;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(port, { REDIS_URL: "redis://127.0.0.1:6379", REDIS_PREFIX: `nx-operability-${process.pid}:` });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("health checks", () => {
  it("/api/health says the process is alive", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "alive" });
  });

  it("/api/ready checks the database, its migrations and Redis", async () => {
    const response = await fetch(`${server.url}/api/ready`);
    expect(await response.json()).toEqual({ database: true, migrations: true, redis: true });
    expect(response.status).toBe(200);
  });

  it("/api/metrics is not there without METRICS_TOKEN", async () => {
    const response = await fetch(`${server.url}/api/metrics`, { headers: { authorization: "Bearer anything-at-all-0123456789" } });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("nx_");
  });

  it("/api/ready answers 503 while Redis is down at start-up, and the server serves meanwhile", { timeout: 150_000 }, async () => {
    // A port nothing listens on: taken from the system, then let go.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const deadPort = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const own = await startServer(port + 1, { REDIS_URL: `redis://127.0.0.1:${deadPort}`, REDIS_PREFIX: `nx-operability-down-${process.pid}:` });
    try {
      const response = await fetch(`${own.url}/api/ready`);
      expect(await response.json()).toEqual({ database: true, migrations: true, redis: false });
      expect(response.status).toBe(503);
      expect((await fetch(`${own.url}/api/health`)).status).toBe(200);
    } finally {
      await own.stop();
    }
  });
});

describe("event streams", () => {
  const shop = { latitude: 48.8566, longitude: 2.3522 };

  /** A list.live stream read as raw SSE text: resolves with the ms from its opening to its first ping. */
  async function firstPingOf(cookie: string, signal: AbortSignal): Promise<number> {
    const response = await fetch(`${server.url}/api/trpc/list.live`, { headers: { cookie, accept: "text/event-stream" }, signal });
    expect(response.status).toBe(200);
    const opened = performance.now();
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before its first ping: ${text}`);
      text += value;
      if (text.includes("event: ping\n")) return performance.now() - opened;
    }
  }

  it("ping each idle stream about 10 s after its own last write, a stream opened later later", { timeout: 40_000 }, async () => {
    const desks = await Promise.all([signedInAccount(server.url, "ping-a"), signedInAccount(server.url, "ping-b")]);
    for (const desk of desks) await desk.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    const streams = new AbortController();
    try {
      const started = performance.now();
      const first = firstPingOf(desks[0].cookie, streams.signal);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const second = firstPingOf(desks[1].cookie, streams.signal).then((ms) => ms + 3000);
      const [a, b] = await Promise.all([first, second]);
      // Each 10 s after its own opening (the server checks every 100 ms): not both at the first's time.
      for (const ms of [a, b - 3000]) {
        expect(ms).toBeGreaterThanOrEqual(9_500);
        expect(ms).toBeLessThan(12_000);
      }
      expect(b - a).toBeGreaterThan(2_000);
      expect(performance.now() - started).toBeLessThan(20_000);
    } finally {
      streams.abort();
    }
  });

  it("deliver events intact after a ping (pings are framed as chunks of their own, beside the response's)", { timeout: 40_000 }, async () => {
    const desk = await signedInAccount(server.url, "ping-then-event");
    await desk.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    const requester = await signedInAccount(server.url, "ping-then-event-requester");
    const streams = new AbortController();
    try {
      const response = await fetch(`${server.url}/api/trpc/list.live`, {
        headers: { cookie: desk.cookie, accept: "text/event-stream" },
        signal: streams.signal,
      });
      // A chunk with a wrong size would fail the client's chunked decoding here, or garble what follows it.
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`the stream ended before ${JSON.stringify(needle)}: ${text}`);
          text += value;
        }
      };
      await readUntil("event: ping\ndata: \n\n");
      const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "TAP" });
      await readUntil(request.id);
      const events = text.split("\n\n").filter((event) => event.includes(request.id));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatch(/^data: \{/);
      const payload = JSON.parse(events[0]!.slice("data: ".length).split("\n")[0]!) as { json: unknown };
      expect(payload.json).toMatchObject({ kind: "added", request: { id: request.id } });
      expect(text.indexOf("event: ping")).toBeLessThan(text.indexOf(request.id));
    } finally {
      streams.abort();
    }
  });
});
