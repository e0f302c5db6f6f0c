/**
 * Sign-in flood against the built app (issue 10), part of `npm run bench`:
 * another signed-in user's `account.me` p50/p99 over HTTP, idle and while 200
 * concurrent wrong-password sign-ins hit a victim account, measured in the
 * same run on the same server (`next start` from the last `npm run build`,
 * on a throwaway embedded database, loopback only). The goal: the flood keeps
 * that p99 within 3× its idle p99. Idle and flood alternate over a few rounds
 * (BENCH_ABUSE_ROUNDS, default 3) and the median of the rounds' ratios is the figure.
 *
 * The per-address and per-account sign-in limits are raised, as the HTTP tests
 * raise them, so every guess reaches the password check and the hashing
 * semaphore (PASSWORD_HASH_CONCURRENCY) is what is measured, not the lockout.
 */
import { performance } from "node:perf_hooks";
import { signedInAccount, signInRequest, startServer } from "../e2e/http/support";
import { percentile } from "./nearby";

const PORT = Number(process.env.BENCH_ABUSE_PORT ?? 3259);
const GUESSES = 200;
const IDLE_SAMPLES = 200;
const GOAL_RATIO = 3;
const ROUNDS = Number(process.env.BENCH_ABUSE_ROUNDS ?? 3);

/** One `account.me` over HTTP with the user's cookie; its wall time in ms. */
async function timedMe(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/trpc/account.me`, { headers: { cookie } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`account.me answered ${response.status}: is the user still signed in?`);
  return performance.now() - started;
}

function summary(samples: number[]) {
  return { n: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  console.log(`abuse bench: starting the built app on port ${PORT} (run \`npm run build\` first if it has no build)…`);
  const server = await startServer(PORT, {
    RATE_LIMIT_SIGN_IN_IP: "100000/900",
    RATE_LIMIT_SIGN_IN_ACCOUNT: "100000/900",
    RATE_LIMIT_SIGN_UP_IP: "100/3600",
    // The bystander reads far more often than a screen would.
    RATE_LIMIT_READ: "1000000/60",
  });
  try {
    const victim = await signedInAccount(server.url, "victim");
    const user = await signedInAccount(server.url, "bystander");
    // Warm-up: the first calls compile routes and fill caches.
    for (let i = 0; i < 20; i++) await timedMe(server.url, user.cookie);

    // Idle and flood alternate, ROUNDS times: on a shared machine the background load drifts, and a
    // ratio taken within one round (idle just before its flood) is what the median is taken over.
    const rounds: { idle: ReturnType<typeof summary>; flood: ReturnType<typeof summary>; seconds: number; refused: number; reset: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const idle: number[] = [];
      for (let i = 0; i < IDLE_SAMPLES; i++) idle.push(await timedMe(server.url, user.cookie));

      const statuses: number[] = [];
      let done = 0;
      const started = performance.now();
      const flood = Promise.all(
        Array.from({ length: GUESSES }, async () => {
          try {
            const response = await signInRequest(server.url, victim.identification, "wrong password, surely");
            await response.arrayBuffer();
            statuses.push(response.status);
          } catch {
            // A connection the server reset under the flood: counted, not fatal.
            statuses.push(0);
          } finally {
            done++;
          }
        }),
      );
      const underFlood: number[] = [];
      while (done < GUESSES) underFlood.push(await timedMe(server.url, user.cookie));
      await flood;
      rounds.push({
        idle: summary(idle),
        flood: summary(underFlood),
        seconds: (performance.now() - started) / 1000,
        refused: statuses.filter((s) => s === 429).length,
        reset: statuses.filter((s) => s === 0).length,
      });
      console.log(`  round ${round} of ${ROUNDS} done`);
    }

    console.log(
      `\naccount.me of another user over HTTP, idle vs ${GUESSES} concurrent wrong-password sign-ins (PASSWORD_HASH_CONCURRENCY=${process.env.PASSWORD_HASH_CONCURRENCY ?? "default"})`,
    );
    console.table(
      rounds.map((r, i) => ({
        round: i + 1,
        "idle p50": fmt(r.idle.p50),
        "idle p99": fmt(r.idle.p99),
        "flood p50": fmt(r.flood.p50),
        "flood p99": fmt(r.flood.p99),
        "p99 ratio": `${(r.flood.p99 / r.idle.p99).toFixed(2)}×`,
        "flood s": r.seconds.toFixed(1),
        "429s": r.refused,
        resets: r.reset,
      })),
    );
    const ratio = percentile(
      rounds.map((r) => r.flood.p99 / r.idle.p99),
      50,
    );
    const p50Ratio = percentile(
      rounds.map((r) => r.flood.p50 / r.idle.p50),
      50,
    );
    console.log(`  median p99 ratio under flood / idle: ${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×) ${ratio <= GOAL_RATIO ? "met" : "NOT met"}`);
    console.log(`  median p50 ratio: ${p50Ratio.toFixed(2)}×`);
  } finally {
    await server.stop();
  }
}

await main();
