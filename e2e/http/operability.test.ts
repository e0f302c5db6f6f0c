import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./support";

// Port 3340 unless HTTP_TEST_PORT moves it (this file takes HTTP_TEST_PORT + 40), for runs beside others on one machine.
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
});
