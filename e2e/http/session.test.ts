import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/server/exchange/session-log";
import {
  agreeKeys,
  answerSealed,
  bankAccount,
  confirmSealed,
  deskSelects,
  openEventStream,
  type RunningServer,
  signedInAccount,
  startFlakyProxy,
  startServer,
  submitted,
} from "./support";

const shop = { latitude: 52.52, longitude: 13.405 };

let server: RunningServer;
// Ports 3310 and 3311 unless HTTP_TEST_PORT moves them, for runs beside others on one machine.
const port = Number(process.env.HTTP_TEST_PORT || 3310);

beforeAll(async () => {
  server = await startServer(port);
});

afterAll(async () => {
  await server?.stop();
});

async function pairOfAccounts() {
  const requester = await signedInAccount(server.url, "requester");
  const processor = await signedInAccount(server.url, "processor");
  await processor.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
  return { requester, processor };
}

describe("the session stream over real HTTP", () => {
  it("resumes after a dropped connection from the last event id, losing and repeating nothing", async () => {
    const { requester, processor } = await pairOfAccounts();
    const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "SHAKE" });
    const proxy = await startFlakyProxy(server.port);
    const stream = openEventStream<SessionEvent>(proxy.url, "exchange.session", { requestId: request.id }, requester.cookie);
    try {
      await stream.waitFor(1);
      const desk = await deskSelects(processor.api, request);
      await stream.waitFor(2);
      const channels = await agreeKeys(requester.api, processor.api, desk);
      await stream.waitFor(4);

      // The phone loses signal; the session moves on without it.
      proxy.cutAll();
      await confirmSealed(requester.api, channels, request.id, bankAccount, requester.identification);
      await answerSealed(processor.api, channels, request.id, {
        paymentReference: "TX-20261130-1",
        amount: "42.00",
        currency: "EUR",
        payer: "Cashier desk",
      });
      await stream.waitFor(7, 20_000);
      await requester.api.exchange.acknowledge.mutate({ requestId: request.id });
      const events = await stream.waitFor(9);

      expect(stream.opens()).toBeGreaterThanOrEqual(2);
      expect(events.map((e) => e.data.type)).toEqual([
        "submitted",
        "paired",
        "requester_key",
        "processor_key",
        "confirmed",
        "data_handed_over",
        "payment_confirmation",
        "acknowledged",
        "closed",
      ]);
      const ids = events.map((e) => Number(e.id));
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
      expect(events.map((e) => String(e.data.id))).toEqual(events.map((e) => e.id));
    } finally {
      stream.close();
      await proxy.close();
    }
  });

  it("refuses a stream to anyone but the two parties", async () => {
    const { requester } = await pairOfAccounts();
    const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "TAP" });
    const stranger = await signedInAccount(server.url, "stranger");
    const query = new URLSearchParams({ input: JSON.stringify({ json: { requestId: request.id } }) });
    for (const cookie of [stranger.cookie, ""]) {
      const response = await fetch(`${server.url}/api/trpc/exchange.session?${query}`, { headers: { cookie } });
      const body = await response.text();
      expect(body).toMatch(cookie ? /NOT_FOUND/ : /UNAUTHORIZED/);
      expect(body).not.toContain("submitted");
    }
  });
});

describe("deadlines over real HTTP", () => {
  it("a request past its deadline is not listed and cannot be selected", { timeout: 60_000 }, async () => {
    const { requester, processor } = await pairOfAccounts();
    const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "TAP", deadlineSeconds: 30 });
    const stream = openEventStream<SessionEvent>(server.url, "exchange.session", { requestId: request.id }, requester.cookie);
    try {
      expect((await processor.api.list.byType.query({ type: "BANK_ACCOUNT" })).map((r) => r.id)).toContain(request.id);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, request.deadline!.getTime() - Date.now()) + 200));

      expect((await processor.api.list.byType.query({ type: "BANK_ACCOUNT" })).map((r) => r.id)).not.toContain(request.id);
      const error = await deskSelects(processor.api, request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<never>).data).toMatchObject({ code: "CONFLICT", reason: "REQUEST_EXPIRED" });

      // The requester's own stream tells them it expired.
      const events = await stream.waitFor(3);
      expect(events.map((e) => e.data.type)).toEqual(["submitted", "expired", "closed"]);
    } finally {
      stream.close();
    }
  });
});

describe("shutdown", () => {
  it("ends open streams and exits within 5 s of SIGTERM", { timeout: 120_000 }, async () => {
    const own = await startServer(port + 1);
    try {
      const requester = await signedInAccount(own.url, "requester");
      const processor = await signedInAccount(own.url, "processor");
      await processor.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
      const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "TAP" });
      const session = openEventStream(own.url, "exchange.session", { requestId: request.id }, requester.cookie);
      const live = openEventStream(own.url, "list.live", undefined, processor.cookie);
      await session.waitFor(1);
      await live.waitFor(1);

      const exited = new Promise<number>((resolve) => own.process.once("exit", () => resolve(Date.now())));
      const signalled = Date.now();
      own.process.kill("SIGTERM");
      const elapsed = (await exited) - signalled;
      session.close();
      live.close();
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await own.stop();
    }
  });
});
