// Property-based fuzzing of every procedure's input through the real router,
// signed in, on both databases: arbitrary values and near-valid mutations of a
// valid input. No call may end in INTERNAL_SERVER_ERROR, reject without a
// clear code and message, or hang.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import { newDeskKeys } from "~/shared/handover/parties";
import { createRateLimits, type LimitName, rateLimitConfig } from "../../rate-limit/limits";
import { databaseKinds } from "../../test/databases";
import { type Harness, openHarness } from "../../test/harness";
import { sampleBankRequest } from "../../test/samples";
import { appRouter } from "../root";

const shop = { latitude: 48.8566, longitude: 2.3522 };

/** Every procedure of the router, by its dotted path: a procedure added later is fuzzed (or fails the coverage test) without edits here. */
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

/** The codes a bad input may get: each a clear 4xx. */
const clientErrors = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "TOO_MANY_REQUESTS",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
]);

const CALL_TIMEOUT_MS = 5_000;
const RUNS = { pglite: 120, postgres: 25 } as const;

interface Fixture {
  requestId: string;
  identificationHandle: string;
  commitment: string;
  publicKey: string;
  nonce: string;
}

const sealed = (f: Fixture) => ({ v: 1, requestId: f.requestId, iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(40) });

/** A valid input per procedure: the seed the near-valid mutations start from. */
const validInputs: Record<string, (f: Fixture) => unknown> = {
  "account.signUp": () => ({ identification: "fuzz-user", displayName: "Fuzz", password: "correct horse battery", role: "DESK" }),
  "account.me": () => undefined,
  "request.submit": () => ({ ...sampleBankRequest, position: { ...shop, accuracyMeters: 10 }, deadlineSeconds: 600, trigger: "TAP" }),
  "request.cancel": (f) => ({ requestId: f.requestId }),
  "request.mine": () => undefined,
  "request.reach": (f) => ({ requestId: f.requestId }),
  "request.findDesk": () => ({ code: "7K3M-Q9TB" }),
  "processor.register": () => ({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] }),
  "processor.registration": () => undefined,
  "processor.deskCode": () => undefined,
  "processor.renewDeskCode": () => undefined,
  "list.byType": () => ({ type: "BANK_ACCOUNT" }),
  "list.live": () => undefined,
  "exchange.select": (f) => ({ requestId: f.requestId, identificationHandle: f.identificationHandle, commitment: f.commitment }),
  "exchange.mine": () => undefined,
  "exchange.sendKey": (f) => ({ requestId: f.requestId, publicKey: f.publicKey }),
  "exchange.revealKey": (f) => ({ requestId: f.requestId, publicKey: f.publicKey, nonce: f.nonce }),
  "exchange.confirm": (f) => ({ requestId: f.requestId, sealed: sealed(f) }),
  "exchange.refuse": (f) => ({ requestId: f.requestId }),
  "exchange.release": (f) => ({ requestId: f.requestId }),
  "exchange.sendPaymentConfirmation": (f) => ({ requestId: f.requestId, sealed: sealed(f) }),
  "exchange.acknowledge": (f) => ({ requestId: f.requestId }),
  "exchange.session": (f) => ({ requestId: f.requestId, lastEventId: "0" }),
};

/** Values that break parsers: out-of-range and non-finite numbers, number-like strings, control characters, long and deep values, wrong types. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    -1e9,
    1e308,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2_147_483_648,
    99_999_999_999,
    "NaN",
    "-1",
    "1e999",
    "2147483648",
    "99999999999",
    "0x10",
    "",
    " ",
    "\u0000",
    "\u0000\u0001\u001f\u007f",
    "\ud800",
    '\'; DROP TABLE "User"; --',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    null,
    undefined,
    true,
    [],
    {},
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ minLength: 1_000, maxLength: 20_000 }),
  fc.integer({ min: 10, max: 2_000 }).map((depth) => {
    let value: unknown = "leaf";
    for (let i = 0; i < depth; i++) value = { a: value, b: [value] };
    return value;
  }),
  fc.jsonValue({ maxDepth: 4 }),
);

/** A valid input with one part replaced, removed or added, or swapped for a hostile value outright. */
function nearValid(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== "object" || Array.isArray(valid)) return fc.oneof(hostile, fc.constant(valid));
  const record = valid as Record<string, unknown>;
  const keys = Object.keys(record);
  return fc.oneof(
    hostile,
    fc.record({ key: fc.constantFrom(...keys), value: hostile }).map(({ key, value }) => ({ ...record, [key]: value })),
    fc.constantFrom(...keys).chain((key) => nearValid(record[key]).map((value) => ({ ...record, [key]: value }))),
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))),
    fc.record({ key: fc.string({ maxLength: 12 }), value: hostile }).map(({ key, value }) => ({ ...record, [key]: value })),
  );
}

function inputs(valid: unknown): fc.Arbitrary<unknown> {
  return valid === undefined
    ? fc.oneof(fc.constant(undefined), hostile)
    : fc.oneof({ weight: 3, arbitrary: nearValid(valid) }, fc.jsonValue(), hostile);
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/** Calls `path` with `input`; a subscription is read up to its first event. Fails on a hang. */
async function call(h: Harness, caller: "requester" | "processor", f: Fixtures, path: string, type: string, input: unknown): Promise<Outcome> {
  const abort = new AbortController();
  const actor = f[caller];
  let target: unknown = h.callerFor(actor, abort.signal);
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${path} did not answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
  });
  const run = async () => {
    const result = await (target as (input: unknown) => Promise<unknown>)(input);
    if (type === "subscription") await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().next();
  };
  try {
    await Promise.race([run(), hang]);
    return { ok: true };
  } catch (error) {
    if (error instanceof Error && error.message.includes("did not answer within")) throw error;
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

interface Fixtures extends Fixture {
  requester: Parameters<Harness["callerFor"]>[0];
  processor: Parameters<Harness["callerFor"]>[0];
}

/** Generous limits, so the inputs reach the handlers rather than the rate limiter. */
function generousLimits() {
  const config = rateLimitConfig(env());
  const wide = { points: 1_000_000, durationSeconds: 60 };
  const limits = Object.fromEntries(Object.keys(config.limits).map((name) => [name, wide])) as Record<LimitName, typeof wide>;
  return createRateLimits({ ...config, signInAccount: wide, signInIp: wide, limits });
}

describe("the fuzzed procedures", () => {
  it("have a valid input to mutate, each of them", () => {
    expect(procedures.map((p) => p.path).sort()).toEqual(Object.keys(validInputs).sort());
  });
});

describe.each(databaseKinds)("fuzzing every procedure's input on %s", (kind) => {
  let h: Harness;
  let f: Fixtures;
  beforeAll(async () => {
    h = await openHarness(kind, { limits: generousLimits() });
    const requester = await h.account("requester");
    const processor = await h.account("processor");
    await processor.caller.processor.register({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    const request = await requester.caller.request.submit({ ...sampleBankRequest, position: shop, trigger: "TAP" });
    const [listed] = await processor.caller.list.byType({ type: "BANK_ACCOUNT" });
    const keys = await newDeskKeys(request.id);
    f = {
      requester: requester.actor,
      processor: processor.actor,
      requestId: request.id,
      identificationHandle: listed!.identificationHandle,
      commitment: keys.commitment,
      publicKey: keys.publicKey,
      nonce: keys.nonce,
    };
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(procedures)("$path answers every input with a result or a clear client error", async ({ path, type }) => {
    const valid = validInputs[path]!(f);
    // Signing up hashes a password (scrypt, 32 MiB): fewer runs keep the file quick.
    const numRuns = path === "account.signUp" ? 30 : RUNS[kind];
    await fc.assert(
      fc.asyncProperty(inputs(valid), fc.constantFrom("requester" as const, "processor" as const), async (input, caller) => {
        const outcome = await call(h, caller, f, path, type, input);
        if (outcome.ok) return;
        const error = outcome.error;
        expect(error, `${path} threw a non-tRPC error: ${String(error)}`).toBeInstanceOf(TRPCError);
        const trpcError = error as TRPCError;
        expect(clientErrors, `${path} answered ${trpcError.code}: ${trpcError.message}`).toContain(trpcError.code);
        expect(trpcError.message.trim().length, `${path} answered ${trpcError.code} without a message`).toBeGreaterThan(0);
      }),
      { numRuns },
    );
  });
});
