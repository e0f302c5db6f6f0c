/**
 * Submit throughput alone, through the real routers in this process (no HTTP):
 * `tsx --conditions=react-server bench/submit.ts [pglite|postgres] [count] [concurrency]`. Small enough
 * to run under `node --cpu-prof --conditions=react-server --import tsx bench/submit.ts` and see where
 * a submit's time goes (bench/profile-summary.ts reads the profile).
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createCaller } from "../src/server/api/root";
import type { TRPCContext } from "../src/server/api/trpc";
import { InProcessEventBus } from "../src/server/events/bus";
import { noRateLimits } from "../src/server/rate-limit/limits";
import type { OpenDatabase } from "../src/server/db/client";
import type { Actor, ServerDeps } from "../src/server/deps";
import { MAX_OPEN_REQUESTS_PER_REQUESTER } from "../src/server/requests/service";
import { openTestDatabase } from "../src/server/test/databases";
import { sampleBankRequest } from "../src/server/test/samples";

/** Submits `count` requests at `concurrency` through request.submit; returns submits per second. */
export async function submitThroughput(database: OpenDatabase, count: number, concurrency: number, tag = "t"): Promise<number> {
  const perRequester = MAX_OPEN_REQUESTS_PER_REQUESTER - 1;
  const actors: Actor[] = Array.from({ length: Math.ceil(count / perRequester) + concurrency }, (_, i) => ({
    userId: randomUUID(),
    identification: `b${tag}-${i}`,
  }));
  for (let i = 0; i < actors.length; i += 1000) {
    await database.db.user.createMany({
      data: actors
        .slice(i, i + 1000)
        .map((a) => ({ id: a.userId, identification: a.identification, username: a.identification, displayName: "Bench", passwordHash: "x" })),
    });
  }
  const bus = new InProcessEventBus();
  const deps: ServerDeps = { db: database.db, sql: database.sql, bus, now: () => new Date() };
  const shutdown = new AbortController();
  const caller = (actor: Actor) =>
    createCaller({
      ...deps,
      actor,
      shutdownSignal: shutdown.signal,
      limits: noRateLimits,
      clientAddress: "127.0.0.1",
      sessionVersion: 0,
    } satisfies TRPCContext);
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        // Worker-disjoint requesters (i % concurrency is this worker's), below the cap.
        const actor = actors[Math.floor(i / concurrency / perRequester) * concurrency + (i % concurrency)]!;
        const position = { latitude: 45.7 + (i % 100) / 1000, longitude: 4.8 + (i % 97) / 1000 };
        await caller(actor)
          .request.submit({ ...sampleBankRequest, position, trigger: "TAP" })
          .catch((e: unknown) => {
            if (failures++ === 0) console.error("first failure:", e);
          });
      }
    }),
  );
  const rate = ((count - failures) / (performance.now() - started)) * 1000;
  shutdown.abort();
  await bus.close();
  if (failures) console.error(`${failures} of ${count} submits failed`);
  return rate;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kind = (process.argv[2] ?? "postgres") as "pglite" | "postgres";
  const count = Number(process.argv[3] ?? 3000);
  const concurrency = Number(process.argv[4] ?? 32);
  process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/test";
  const database = await openTestDatabase(kind);
  try {
    await submitThroughput(database, Math.min(200, count), concurrency, "warm");
    const rate = await submitThroughput(database, count, concurrency);
    console.log(`${kind}: ${rate.toFixed(0)} submits/s (${count} at concurrency ${concurrency}, in-process through the routers)`);
  } finally {
    await database.close();
  }
}
