import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./support";

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
