import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../src/server/db/client";
import { openTestDatabase } from "../../src/server/test/databases";
import {
  agreeKeys,
  answerSealed,
  client,
  confirmSealed,
  deskSelects,
  openEventStream,
  type RunningServer,
  sessionCookieOf,
  startNext,
  submitted,
} from "./support";

/*
 * Operability over real HTTP: a full exchange (sign-up, sign-in, submit with
 * business data, live list, select, handover, confirm, answer, acknowledge),
 * then the server's output is read line by line (JSON, each request with its
 * id) and searched for everything it must never hold, and /api/metrics shows
 * what the flow did.
 */

// HTTP_TEST_PORT + 45 (3345 by default), beside the other HTTP tests' ports.
const port = Number(process.env.HTTP_TEST_PORT || 3300) + 45;
const metricsToken = `metrics-${randomBytes(16).toString("hex")}`;
const shop = { latitude: 48.1374, longitude: 11.5755 };
const password = "Tr0ub4dor & 3 observability";
const requesterPhone = "+4915112345678";
const processorUsername = `deskobserved${randomBytes(3).toString("hex")}`;
const requesterName = "Ophelia Logwatch";
const processorName = "Quentin Deskhand";
const account = {
  type: "BANK_ACCOUNT" as const,
  holderName: "Ramona Secretholder",
  bankName: "Hidden Valley Bank",
  accountNumber: "DE02 1203 0000 0000 2020 51",
};
const answer = { paymentReference: "PAYREF-OBSERVED-5521", amount: "12.34", currency: "EUR", payer: "Isolde Payerperson" };

let database: OpenDatabase;
let server: RunningServer;
let dataDir: string;
/** What the test saw that the logs must never hold: cookies and CSRF tokens as the server issued them. */
const issued: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase("postgres");
  if (database.location.kind !== "postgres") throw new Error("expected a PostgreSQL database");
  dataDir = mkdtempSync(join(tmpdir(), "nearby-observability-"));
  server = await startNext(port, {
    DATABASE_URL: database.location.url,
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    REDIS_URL: "",
    METRICS_TOKEN: metricsToken,
    LOG_LEVEL: "info",
    // Low enough for the test to hit it once.
    RATE_LIMIT_LIST: "2/60",
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Signs up through the API and in through next-auth's form post, keeping every cookie and CSRF token it was handed. */
async function signedIn(identification: string, displayName: string) {
  await client(server.url, "").account.signUp.mutate({ identification, displayName, password });
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const signIn = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, identification, password }),
  });
  const cookie = sessionCookieOf(signIn);
  if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);
  issued.push(csrfToken, ...[...csrfCookies, cookie].map((c) => c.slice(c.indexOf("=") + 1)));
  return { identification, cookie, api: client(server.url, cookie) };
}

/** The samples of one metric family in an exposition, by their label text ("" when none). */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (match) found.set(match[1] ?? "", Number(match[2]));
  }
  return found;
}

async function scrape(authorization?: string) {
  return fetch(`${server.url}/api/metrics`, { headers: authorization ? { authorization } : {} });
}

async function metricsText(): Promise<string> {
  const response = await scrape(`Bearer ${metricsToken}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe("metrics and logs over real HTTP", () => {
  it("/api/metrics answers only a scrape bearing METRICS_TOKEN", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Basic ${metricsToken}`, `Bearer ${metricsToken}x`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain("nx_");
    }
    const response = await scrape(`Bearer ${metricsToken}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const family of [
      "nodejs_eventloop_lag_seconds",
      "nx_open_streams",
      "nx_submit_push_latency_seconds",
      "nx_submits_total",
      "nx_pairings_total",
    ]) {
      expect(text).toContain(`# TYPE ${family} `);
    }
  });

  it("a request id: a sane incoming X-Request-Id is kept, anything else replaced by a fresh one", async () => {
    const kept = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": "probe-request-0001" } });
    expect(kept.headers.get("x-request-id")).toBe("probe-request-0001");
    const replaced = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": 'has spaces and "quotes"' } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const page = await fetch(`${server.url}/?probe=querymarker-4711`);
    expect(page.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an API path that is not valid percent-encoding gets 400 with its request id, and the server goes on", async () => {
    const bad = await fetch(`${server.url}/api/trpc/list.by%E0%A4%A`, {
      headers: { "x-request-id": "bad-path-0001" },
      signal: AbortSignal.timeout(5000),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-request-id")).toBe("bad-path-0001");
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("BAD_REQUEST");
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("a full exchange is counted, and the logs hold request ids and none of its data", { timeout: 120_000 }, async () => {
    const before = await metricsText();
    const requester = await signedIn(requesterPhone, requesterName);
    const processor = await signedIn(processorUsername, processorName);
    await processor.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });

    const live = openEventStream<{ kind: string }>(server.url, "list.live", undefined, processor.cookie);
    try {
      await live.waitFor(1);
      expect(samples(await metricsText(), "nx_open_streams").get('{kind="list.live"}')).toBe(1);

      const request = await requester.api.request.submit.mutate({ ...submitted(account), position: shop, trigger: "TAP" });
      expect((await live.waitFor(2))[1]!.data.kind).toBe("added");
      const session = openEventStream(server.url, "exchange.session", { requestId: request.id }, requester.cookie);
      try {
        await session.waitFor(1);
        expect(samples(await metricsText(), "nx_open_streams").get('{kind="exchange.session"}')).toBe(1);
        const keys = await deskSelects(processor.api, request);
        // A second select is refused, and counted by its reason.
        const again = await deskSelects(processor.api, request).catch((e: unknown) => e);
        expect((again as TRPCClientError<never>).data).toMatchObject({ reason: "REQUEST_TAKEN" });
        const channels = await agreeKeys(requester.api, processor.api, keys);
        await confirmSealed(requester.api, channels, request.id, account, requester.identification);
        await answerSealed(processor.api, channels, request.id, answer);
        await requester.api.exchange.acknowledge.mutate({ requestId: request.id });
        await session.waitFor(9);
      } finally {
        session.close();
      }
    } finally {
      live.close();
    }
    // Three pulls against a limit of two: one refusal.
    for (let i = 0; i < 3; i++) await processor.api.list.byType.query({ type: "BANK_ACCOUNT" }).catch(() => undefined);

    const after = await metricsText();
    const grew = (name: string, labels = "") => (samples(after, name).get(labels) ?? 0) - (samples(before, name).get(labels) ?? 0);
    expect(grew("nx_submits_total", '{outcome="ok"}')).toBe(1);
    expect(grew("nx_selects_total", '{outcome="ok"}')).toBe(1);
    expect(grew("nx_selects_total", '{outcome="REQUEST_TAKEN"}')).toBe(1);
    expect(grew("nx_pairings_total", '{outcome="done"}')).toBe(1);
    expect(grew("nx_rate_limit_refusals_total", '{limit="list"}')).toBe(1);
    expect(grew("nx_submit_push_latency_seconds_count")).toBe(1);
    expect(samples(after, "nx_submit_push_latency_seconds_sum").get("")).toBeLessThan(5);
    expect(samples(after, "nodejs_eventloop_lag_seconds").get("")).toBeGreaterThanOrEqual(0);
    // Closed streams are no longer counted.
    for (let tries = 0; (samples(await metricsText(), "nx_open_streams").get('{kind="list.live"}') ?? 0) > 0; tries++) {
      expect(tries).toBeLessThan(50);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await server.stop();
    const output = server.output();
    // For a person to read: what an operator's log collector would get from this flow.
    mkdirSync("test-results", { recursive: true });
    writeFileSync(join("test-results", "observability-server-output.log"), output);
    const lines = output.split("\n").filter((line) => line.trim() !== "");
    // Next.js's own start-up notice is its plain text; everything the app writes is JSON.
    const plain = lines.filter((line) => !line.startsWith("{"));
    expect(plain.filter((line) => !/^\s*✓ Running next\.config\.js took \d+ms$/.test(line))).toEqual([]);
    const entries = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === "request");
    expect(requests.length).toBeGreaterThan(20);
    for (const entry of requests) {
      expect(entry.level).toBe("info");
      expect([typeof entry.method, typeof entry.path, typeof entry.status, typeof entry.durationMs]).toEqual([
        "string",
        "string",
        "number",
        "number",
      ]);
      expect(entry.requestId).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
      expect(String(entry.path)).not.toContain("?");
    }
    const paths = new Set(requests.map((e) => e.path));
    for (const path of [
      "/api/trpc/request.submit",
      "/api/trpc/exchange.select",
      "/api/trpc/list.live",
      "/api/auth/callback/credentials",
      "/api/metrics",
    ]) {
      expect(paths).toContain(path);
    }
    expect(requests.some((e) => e.requestId === "probe-request-0001" && e.path === "/api/health")).toBe(true);
    expect(entries.some((e) => e.level === "info" && e.signal === "SIGTERM")).toBe(true);

    const typed = account.accountNumber;
    const forbidden = [
      typed,
      typed.replace(/\s/g, ""),
      typed.replace(/\s/g, "").slice(4),
      account.holderName,
      account.bankName,
      answer.paymentReference,
      answer.payer,
      submitted(account).preview,
      requesterPhone,
      requesterPhone.slice(1),
      encodeURIComponent(requesterPhone),
      processorUsername,
      requesterName,
      processorName,
      password,
      encodeURIComponent(password),
      metricsToken,
      "querymarker-4711",
      ...issued,
    ];
    expect(issued.length).toBeGreaterThanOrEqual(6);
    expect(forbidden.filter((text) => output.includes(text))).toEqual([]);
  });
});
