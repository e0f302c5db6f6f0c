import { randomBytes } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../src/server/db/client";
import type { SessionEvent } from "../../src/server/exchange/session-log";
import type { LiveListEvent } from "../../src/server/listing/service";
import { openTestDatabase } from "../../src/server/test/databases";
import {
  agreeKeys,
  answerSealed,
  bankAccount,
  client,
  confirmSealed,
  deskSelects,
  openEventStream,
  type RunningServer,
  signedInAccount,
  startFlakyProxy,
  startNext,
  submitted,
} from "./support";
import { newDeskKeys } from "../../src/shared/handover/parties";

// Two instances behind one PostgreSQL and one Redis, as a city would run them.
// CI has both on 127.0.0.1: this test fails, not skips, when either is missing.
process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
// Ports 3251 and 3252 unless MULTI_TEST_PORT moves them, for runs beside others on one machine.
const portA = Number(process.env.MULTI_TEST_PORT || 3251);
const portB = portA + 1;

const shop = { latitude: 52.52, longitude: 13.405 };
const answer = { paymentReference: "TX-20261130-7", amount: "12.50", currency: "EUR", payer: "Cashier desk" };
const wholeSession = [
  "submitted",
  "paired",
  "requester_key",
  "processor_key",
  "confirmed",
  "data_handed_over",
  "payment_confirmation",
  "acknowledged",
  "closed",
];

let database: OpenDatabase;
let a: RunningServer;
let b: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase("postgres");
  if (database.location.kind !== "postgres") throw new Error("expected a PostgreSQL database");
  env = {
    DATABASE_URL: database.location.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `nx-multi-${process.pid}-${randomBytes(3).toString("hex")}:`,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    // Every account here signs up and in from 127.0.0.1: the per-address limits would refuse the hundred desks.
    RATE_LIMIT_SIGN_UP_IP: "10000/3600",
    RATE_LIMIT_SIGN_IN_IP: "10000/900",
  };
  [a, b] = await Promise.all([startNext(portA, env), startNext(portB, env)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.close();
});

/** A requester signed in on one instance, a processor on the other, registered at the shop. */
async function partiesOn(requesterOn: RunningServer, processorOn: RunningServer) {
  const requester = await signedInAccount(requesterOn.url, "requester");
  const processor = await signedInAccount(processorOn.url, "processor");
  await processor.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
  return { requester, processor };
}

function strictlyIncreasing(ids: string[]): boolean {
  return ids.every((id, i) => i === 0 || Number(id) > Number(ids[i - 1]));
}

describe("two instances sharing PostgreSQL and Redis", () => {
  it("runs the whole two-party flow split across the instances", async () => {
    const { requester, processor } = await partiesOn(a, b);
    const live = openEventStream<LiveListEvent>(b.url, "list.live", undefined, processor.cookie);
    try {
      await live.waitFor(1);
      // Submitted on A, pushed to the processor streaming from B.
      const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "SHAKE" });
      const added = await live.waitFor(2);
      expect(added[1]!.data).toMatchObject({ kind: "added", request: { id: request.id } });

      const session = openEventStream<SessionEvent>(a.url, "exchange.session", { requestId: request.id }, requester.cookie);
      const processorView = openEventStream<SessionEvent>(b.url, "exchange.session", { requestId: request.id }, processor.cookie);
      try {
        await session.waitFor(1);
        // Selected on B; the requester's stream on A hears it.
        const desk = await deskSelects(processor.api, request);
        await session.waitFor(2);
        expect((await live.waitFor(3))[2]!.data).toMatchObject({ kind: "removed", requestId: request.id, reason: "paired" });
        const channels = await agreeKeys(requester.api, processor.api, desk);

        await confirmSealed(requester.api, channels, request.id, bankAccount, requester.identification);
        await processorView.waitFor(6);
        await answerSealed(processor.api, channels, request.id, answer);
        await session.waitFor(7);
        await requester.api.exchange.acknowledge.mutate({ requestId: request.id });

        for (const stream of [session, processorView]) {
          const events = await stream.waitFor(9);
          expect(events.map((e) => e.data.type)).toEqual(wholeSession);
          expect(strictlyIncreasing(events.map((e) => e.id))).toBe(true);
        }
      } finally {
        session.close();
        processorView.close();
      }
    } finally {
      live.close();
    }
  });

  it("a client that loses instance A to SIGKILL mid-session resumes on B, losing and repeating nothing", { timeout: 120_000 }, async () => {
    const { requester, processor } = await partiesOn(a, b);
    const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "TAP" });
    // The relay plays the load balancer: the requester's stream goes to A until A dies.
    const balancer = await startFlakyProxy(a.port);
    const session = openEventStream<SessionEvent>(balancer.url, "exchange.session", { requestId: request.id }, requester.cookie);
    try {
      await session.waitFor(1);
      const desk = await deskSelects(processor.api, request);
      await session.waitFor(2);

      const killed = new Promise((resolve) => a.process.once("exit", resolve));
      balancer.retarget(b.port);
      a.process.kill("SIGKILL");
      await killed;

      // The session goes on, on B only; the requester's API calls go there too.
      const onB = client(b.url, requester.cookie);
      const channels = await agreeKeys(onB, processor.api, desk);
      await confirmSealed(onB, channels, request.id, bankAccount, requester.identification);
      await answerSealed(processor.api, channels, request.id, answer);
      await session.waitFor(7, 30_000);
      await onB.exchange.acknowledge.mutate({ requestId: request.id });
      const events = await session.waitFor(9, 30_000);

      expect(session.opens()).toBeGreaterThanOrEqual(2);
      expect(events.map((e) => e.data.type)).toEqual(wholeSession);
      expect(strictlyIncreasing(events.map((e) => e.id))).toBe(true);
      expect(events.map((e) => String(e.data.id))).toEqual(events.map((e) => e.id));
      // Nothing more arrives: no repeats trickling in late.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(session.events).toHaveLength(9);
    } finally {
      session.close();
      await balancer.close();
      // Bring A back for the tests that follow.
      a = await startNext(portA, env);
    }
  });

  it("100 concurrent selects spread over both instances give exactly one pairing", { timeout: 120_000 }, async () => {
    const requester = await signedInAccount(a.url, "requester");
    const processors = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const processor = await signedInAccount(i % 2 ? a.url : b.url, `processor${i}`);
        await processor.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
        return processor;
      }),
    );
    const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "SHAKE" });

    const attempts = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const processor = processors[i % processors.length]!;
        const api = client(i % 2 ? a.url : b.url, processor.cookie);
        const keys = await newDeskKeys(request.id);
        return { api, keys };
      }),
    ).then((prepared) =>
      prepared.map(({ api, keys }) =>
        api.exchange.select
          .mutate({ requestId: request.id, identificationHandle: request.identificationHandle, commitment: keys.commitment })
          .then(() => keys.commitment),
      ),
    );
    const results = await Promise.allSettled(attempts);

    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(TRPCClientError);
        expect((r.reason as TRPCClientError<never>).data).toMatchObject({ code: "CONFLICT", reason: "REQUEST_TAKEN" });
      }
    }
    const exchanges = await database.db.exchange.findMany({ where: { requestId: request.id } });
    expect(exchanges).toHaveLength(1);
    expect(await database.db.exchangeEvent.count({ where: { requestId: request.id, type: "paired" } })).toBe(1);
    expect(exchanges[0]!.commitment).toBe((won[0] as PromiseFulfilledResult<string>).value);
  });
});
