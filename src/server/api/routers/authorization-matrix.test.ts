// The authorization matrix: every procedure of the router × every role ×
// every phase of a request's life, on both databases. Each cell asserts allow
// or the exact refusal, and that nothing in the answer (or in the first events
// of a stream) carries the requester's identification or a sealed message to
// a party that may not have it. A refused cell changes nothing: the phase's
// request and session log are compared before and after.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import { newDeskKeys, newPhoneKeys } from "~/shared/handover/parties";
import { createRateLimits, type LimitName, rateLimitConfig } from "../../rate-limit/limits";
import { databaseKinds } from "../../test/databases";
import { type AgreedChannels, agreeKeys, confirmWith, sealAnswer, selectWithKeys } from "../../test/handover";
import { type Harness, openHarness } from "../../test/harness";
import { sampleBankAccount, sampleBankRequest } from "../../test/samples";
import { appRouter } from "../root";

const shop = { latitude: 52.52, longitude: 13.405 };
/** Where the matrix's own extra submits go: out of every desk's radius, so they never show in a phase's lists. */
const elsewhere = { latitude: -41.29, longitude: 174.78 };

const roles = ["signedOut", "stranger", "requester", "pairedProcessor", "otherProcessor"] as const;
type Role = (typeof roles)[number];

const phases = [
  "open",
  "openByDeskCode",
  "awaitingRequesterKey",
  "awaitingProcessorKey",
  "awaitingConfirmation",
  "dataHandedOver",
  "paymentConfirmed",
  "acknowledged",
  "refused",
  "cancelled",
  "released",
] as const;
type Phase = (typeof phases)[number];

/** The phases in which the paired processor is a party to the session (before it, and after a release, it is a desk like any other). */
const PAIRED: readonly Phase[] = [
  "awaitingRequesterKey",
  "awaitingProcessorKey",
  "awaitingConfirmation",
  "dataHandedOver",
  "paymentConfirmed",
  "acknowledged",
  "refused",
];
const OPEN: readonly Phase[] = ["open", "openByDeskCode", "released"];
const BEFORE_HANDOVER: readonly Phase[] = ["awaitingRequesterKey", "awaitingProcessorKey", "awaitingConfirmation"];

/** What a cell must answer: allowed, or refused with a tRPC code and (for domain refusals) a reason. */
type Expected = { allow: true } | { allow: false; code: TRPCError["code"]; reason?: string };
const allow: Expected = { allow: true };
const deny = (code: TRPCError["code"], reason?: string): Expected => ({ allow: false, code, ...(reason ? { reason } : {}) });

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

/** A session step: the party and phases it belongs to, as the product defines them (not read from the state machine under test). */
const SESSION_STEPS: Record<string, { party: "requester" | "pairedProcessor"; phases: readonly Phase[] }> = {
  "exchange.sendKey": { party: "requester", phases: ["awaitingRequesterKey"] },
  "exchange.revealKey": { party: "pairedProcessor", phases: ["awaitingProcessorKey"] },
  "exchange.confirm": { party: "requester", phases: ["awaitingConfirmation"] },
  "exchange.refuse": { party: "requester", phases: BEFORE_HANDOVER },
  "exchange.release": { party: "pairedProcessor", phases: BEFORE_HANDOVER },
  "exchange.sendPaymentConfirmation": { party: "pairedProcessor", phases: ["dataHandedOver"] },
  "exchange.acknowledge": { party: "requester", phases: ["paymentConfirmed"] },
};

/** Is `role` a party to the request's session in `phase`? */
function isParty(role: Role, phase: Phase): boolean {
  return role === "requester" || (role === "pairedProcessor" && PAIRED.includes(phase));
}

/** A registered desk in range of the request (the roles that registered as processors). */
const isDesk = (role: Role) => role === "pairedProcessor" || role === "otherProcessor";

function expected(path: string, role: Role, phase: Phase): Expected {
  if (path === "account.signUp") return allow;
  if (role === "signedOut") return deny("UNAUTHORIZED");
  const step = SESSION_STEPS[path];
  if (step) {
    // Outsiders learn nothing, not even that the request exists.
    if (!isParty(role, phase)) return deny("NOT_FOUND", "SESSION_NOT_FOUND");
    if (OPEN.includes(phase) || phase === "cancelled") return deny("CONFLICT", "NOT_PAIRED");
    if (step.party !== role) return deny("CONFLICT", "WRONG_PARTY");
    return step.phases.includes(phase) ? allow : deny("CONFLICT", "WRONG_STATE");
  }
  switch (path) {
    case "account.me":
    case "request.mine":
    case "request.submit":
    case "processor.register":
    case "processor.registration":
    case "exchange.mine":
      return allow;
    case "request.findDesk":
      // A desk looking up its own code is told so: it cannot send itself a request.
      return role === "pairedProcessor" ? deny("BAD_REQUEST", "DESK_CODE_OWN") : allow;
    case "processor.deskCode":
    case "processor.renewDeskCode":
    case "list.byType":
    case "list.live":
      return isDesk(role) ? allow : deny("PRECONDITION_FAILED", "PROCESSOR_NOT_REGISTERED");
    case "request.reach":
      return role === "requester" ? allow : deny("NOT_FOUND", "REQUEST_NOT_FOUND");
    case "request.cancel":
      if (role !== "requester") return deny("NOT_FOUND", "REQUEST_NOT_FOUND");
      if (OPEN.includes(phase)) return allow;
      if (phase === "cancelled") return deny("CONFLICT", "REQUEST_CANCELLED");
      if (phase === "acknowledged") return deny("CONFLICT", "REQUEST_DONE");
      if (phase === "refused") return deny("CONFLICT", "REQUEST_CANCELLED");
      return deny("CONFLICT", "REQUEST_PAIRED");
    case "exchange.select":
      if (!isDesk(role)) return deny("PRECONDITION_FAILED", "PROCESSOR_NOT_REGISTERED");
      if (phase === "openByDeskCode") return role === "pairedProcessor" ? allow : deny("FORBIDDEN", "SENT_TO_ANOTHER_DESK");
      if (OPEN.includes(phase)) return allow;
      if (phase === "cancelled" || phase === "refused") return deny("CONFLICT", "REQUEST_CANCELLED");
      return deny("CONFLICT", "REQUEST_TAKEN");
    case "exchange.session":
      return isParty(role, phase) ? allow : deny("NOT_FOUND", "SESSION_NOT_FOUND");
    default:
      throw new Error(`${path} has no row in the authorization matrix: add what each role may do with it`);
  }
}

/** Procedures whose allowed call changes the phase: each allowed cell gets a scenario of its own. */
const CHANGES_THE_PHASE = new Set([...Object.keys(SESSION_STEPS), "request.cancel", "exchange.select"]);

type Caller = ReturnType<Harness["callerFor"]>;
type Account = Awaited<ReturnType<Harness["account"]>>;

interface Scenario {
  phase: Phase;
  requester: Account;
  request: { id: string; identificationHandle: string };
  /** The desk keys of the pairing (or of the pairing a select would make). */
  deskKeys: Awaited<ReturnType<typeof newDeskKeys>>;
  phoneKey: string;
  channels: AgreedChannels | null;
  /** Ciphertexts that only the parties may ever see. */
  secrets: { handover: string | null; answer: string | null };
}

/** Generous limits, so every cell reaches its procedure rather than the rate limiter. */
function generousLimits() {
  const config = rateLimitConfig(env());
  const wide = { points: 1_000_000, durationSeconds: 60 };
  const limits = Object.fromEntries(Object.keys(config.limits).map((name) => [name, wide])) as Record<LimitName, typeof wide>;
  return createRateLimits({ ...config, signInAccount: wide, signInIp: wide, limits });
}

const dummySealed = (requestId: string) => ({ v: 1 as const, requestId, iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(40) });

describe.each(databaseKinds)("the authorization matrix on %s", (kind) => {
  let h: Harness;
  let pairedProcessor: Account;
  let otherProcessor: Account;
  let signUps = 0;

  beforeAll(async () => {
    h = await openHarness(kind, { limits: generousLimits() });
    pairedProcessor = await h.account("paired-desk");
    otherProcessor = await h.account("other-desk");
    for (const desk of [pairedProcessor, otherProcessor]) {
      await desk.caller.processor.register({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT", "ORDER"] });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A fresh request by a fresh requester, brought to `phase` the way the screens would. */
  async function scenario(phase: Phase): Promise<Scenario> {
    const requester = await h.account("requester");
    const byCode = phase === "openByDeskCode";
    const deskCode = byCode ? (await pairedProcessor.caller.processor.deskCode()).code : undefined;
    const request = await requester.caller.request.submit({
      ...sampleBankRequest,
      ...(byCode ? { deskCode } : { position: shop }),
      trigger: "TAP",
    });
    const phoneKeys = await newPhoneKeys(request.id);
    const s: Scenario = {
      phase,
      requester,
      request,
      deskKeys: await newDeskKeys(request.id),
      phoneKey: phoneKeys.publicKey,
      channels: null,
      secrets: { handover: null, answer: null },
    };
    if (phase === "cancelled") await requester.caller.request.cancel({ requestId: request.id });
    if (OPEN.includes(phase) && phase !== "released") return s;
    if (phase === "cancelled") return s;

    s.deskKeys = await selectWithKeys(pairedProcessor.caller, request);
    if (phase === "released") {
      await pairedProcessor.caller.exchange.release({ requestId: request.id });
      s.deskKeys = await newDeskKeys(request.id);
      return s;
    }
    if (phase === "awaitingRequesterKey") return s;
    if (phase === "awaitingProcessorKey") {
      await requester.caller.exchange.sendKey({ requestId: request.id, publicKey: phoneKeys.publicKey });
      return s;
    }
    s.channels = await agreeKeys(requester.caller, pairedProcessor.caller, s.deskKeys);
    if (phase === "awaitingConfirmation") return s;
    if (phase === "refused") {
      await requester.caller.exchange.refuse({ requestId: request.id });
      return s;
    }
    await confirmWith(requester.caller, s.channels, request.id, sampleBankAccount, requester.identification);
    const handedOver = await h.deps.db.exchangeEvent.findFirst({ where: { requestId: request.id, type: "data_handed_over" } });
    s.secrets.handover = JSON.stringify(handedOver?.payload ?? null).match(/"ciphertext":"([^"]+)"/)?.[1] ?? null;
    if (phase === "dataHandedOver") return s;
    const sealed = await sealAnswer(s.channels.desk, { paymentReference: "PAY-MATRIX", amount: "9.99", currency: "EUR", payer: "Desk" });
    s.secrets.answer = sealed.ciphertext;
    await pairedProcessor.caller.exchange.sendPaymentConfirmation({ requestId: request.id, sealed });
    if (phase === "paymentConfirmed") return s;
    await requester.caller.exchange.acknowledge({ requestId: request.id });
    return s;
  }

  /** Each phase's shared scenario, and a stranger of its own (a stranger may register as a desk in a cell). */
  const shared = new Map<Phase, { scenario: Scenario; stranger: Account }>();
  async function sharedScenario(phase: Phase) {
    let entry = shared.get(phase);
    if (!entry) {
      entry = { scenario: await scenario(phase), stranger: await h.account("stranger") };
      shared.set(phase, entry);
    }
    return entry;
  }

  function callerOf(role: Role, s: Scenario, stranger: Account, signal: AbortSignal): Caller {
    const actor = {
      signedOut: null,
      stranger: stranger.actor,
      requester: s.requester.actor,
      pairedProcessor: pairedProcessor.actor,
      otherProcessor: otherProcessor.actor,
    }[role];
    return h.callerFor(actor, signal);
  }

  /** The input a screen would send for `path` in this scenario: valid, so only authorization and state decide. */
  async function inputFor(path: string, s: Scenario): Promise<unknown> {
    const requestId = s.request.id;
    switch (path) {
      case "account.signUp":
        return { identification: `matrix-${kind}-${++signUps}-${Date.now().toString(36)}`, displayName: "Matrix", password: "correct horse battery" };
      case "request.submit":
        return { ...sampleBankRequest, position: elsewhere, trigger: "TAP" };
      case "request.findDesk":
        return { code: (await pairedProcessor.caller.processor.deskCode()).code };
      case "processor.register":
        return { ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT", "ORDER"] };
      case "list.byType":
        return { type: "BANK_ACCOUNT" };
      case "exchange.select":
        return { requestId, identificationHandle: s.request.identificationHandle, commitment: s.deskKeys.commitment };
      case "exchange.sendKey":
        return { requestId, publicKey: s.phoneKey };
      case "exchange.revealKey":
        return { requestId, publicKey: s.deskKeys.publicKey, nonce: s.deskKeys.nonce };
      // The server cannot read a sealed message, only check its shape and request: a well-formed one stands for any.
      case "exchange.confirm":
      case "exchange.sendPaymentConfirmation":
        return { requestId, sealed: dummySealed(requestId) };
      case "request.cancel":
      case "request.reach":
      case "exchange.refuse":
      case "exchange.release":
      case "exchange.acknowledge":
        return { requestId };
      case "exchange.session":
        return { requestId, lastEventId: null };
      default:
        return undefined;
    }
  }

  type Outcome = { ok: true; seen: string } | { ok: false; error: TRPCError & { reason?: string } };

  /** Calls one cell; a stream is read until it ends or stays quiet for a moment, and everything it yielded is returned as text. */
  async function run(role: Role, path: string, type: string, s: Scenario, stranger: Account): Promise<Outcome> {
    const abort = new AbortController();
    let target: unknown = callerOf(role, s, stranger, abort.signal);
    for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
    try {
      const result = await (target as (input: unknown) => Promise<unknown>)(await inputFor(path, s));
      if (type !== "subscription") return { ok: true, seen: JSON.stringify(result ?? null) };
      const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const events: unknown[] = [];
      for (;;) {
        const next = await Promise.race([iterator.next(), new Promise<"quiet">((resolve) => setTimeout(() => resolve("quiet"), 150))]);
        if (next === "quiet" || next.done) break;
        events.push(next.value);
      }
      return { ok: true, seen: JSON.stringify(events) };
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      return { ok: false, error: Object.assign(error, { reason: (error.cause as { reason?: string } | undefined)?.reason }) };
    } finally {
      abort.abort();
    }
  }

  /** Nothing reaches a party that may not have it: the problems found, as sentences. */
  function leaks(role: Role, path: string, s: Scenario, seen: string): string[] {
    const problems: string[] = [];
    if (role !== "requester" && seen.includes(s.requester.identification)) problems.push("carried the requester's identification");
    // The sealed data and the sealed answer reach the two parties alone (the phone sees its own ciphertext relayed).
    if (s.secrets.handover && !isParty(role, s.phase) && seen.includes(s.secrets.handover)) problems.push("carried the sealed data");
    if (s.secrets.answer && !isParty(role, s.phase) && seen.includes(s.secrets.answer)) problems.push("carried the sealed answer");
    // Someone who is not a party never sees the request in their own lists of requests or exchanges, nor its session.
    if (!isParty(role, s.phase) && ["exchange.mine", "request.mine", "exchange.session"].includes(path) && seen.includes(s.request.id)) {
      problems.push("named the request");
    }
    if (s.phase === "openByDeskCode" && role === "otherProcessor" && path.startsWith("list.") && seen.includes(s.request.id)) {
      problems.push("listed a request sent to another desk");
    }
    return problems;
  }

  /** The cell's problems: a wrong answer, or a leak in what it answered. */
  function check(role: Role, path: string, s: Scenario, outcome: Outcome): string[] {
    const want = expected(path, role, s.phase);
    const got = outcome.ok ? "allowed" : `${outcome.error.code} ${outcome.error.reason ?? ""}`.trim();
    const wanted = want.allow ? "allowed" : `${want.code} ${want.reason ?? ""}`.trim();
    const where = `${path} as ${role} in ${s.phase}`;
    const problems: string[] = [];
    if (
      want.allow !== outcome.ok ||
      (!want.allow && !outcome.ok && (want.code !== outcome.error.code || (want.reason && want.reason !== outcome.error.reason)))
    ) {
      problems.push(`${where}: wanted ${wanted}, got ${got}${outcome.ok ? "" : ` (${outcome.error.message})`}`);
    }
    if (outcome.ok) problems.push(...leaks(role, path, s, outcome.seen).map((p) => `${where} ${p}`));
    // A refusal's message names no identification either.
    else if (role !== "requester" && outcome.error.message.includes(s.requester.identification))
      problems.push(`${where}: the refusal named the requester`);
    return problems;
  }

  /** What a refused call must not have changed. */
  async function stateOf(requestId: string) {
    const request = await h.deps.db.request.findUniqueOrThrow({ where: { id: requestId }, include: { exchange: true } });
    const events = await h.deps.db.exchangeEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, select: { id: true, type: true } });
    return { status: request.status, exchange: request.exchange?.state ?? null, processor: request.exchange?.processorId ?? null, events };
  }

  it("has a row for every procedure", () => {
    for (const { path } of procedures) for (const role of roles) expect(() => expected(path, role, "open")).not.toThrow();
  });

  it.each(phases)("holds in the phase %s", async (phase) => {
    const { scenario: s, stranger } = await sharedScenario(phase);
    const before = await stateOf(s.request.id);
    let cells = 0;
    const problems: string[] = [];
    // Calls that change the phase when allowed run on scenarios of their own; the rest share this phase's, and run before
    // the calls that change other state (a stranger registering as a desk, a requester's own extra submit).
    const later = ["processor.renewDeskCode", "request.submit", "account.signUp", "processor.register"];
    const rank = (path: string) => later.indexOf(path);
    const order = [...procedures].sort((a, b) => rank(a.path) - rank(b.path));
    for (const role of roles) {
      for (const { path, type } of order) {
        if (later.includes(path) && role === "stranger") continue;
        const ownScenario = CHANGES_THE_PHASE.has(path) && expected(path, role, phase).allow;
        const target = ownScenario ? await scenario(phase) : s;
        const outcome = await run(role, path, type, target, stranger);
        problems.push(...check(role, path, target, outcome));
        // The matrix's own extra submit must not pile up open requests on the shared accounts.
        if (path === "request.submit" && outcome.ok) {
          const { id } = JSON.parse(outcome.seen) as { id: string };
          await callerOf(role, s, stranger, new AbortController().signal).request.cancel({ requestId: id });
        }
        cells++;
      }
    }
    // The stranger's state-changing cells last: registering makes the stranger a desk.
    for (const path of later) {
      const type = procedures.find((p) => p.path === path)!.type;
      problems.push(...check("stranger", path, s, await run("stranger", path, type, s, stranger)));
      cells++;
    }
    expect(problems).toEqual([]);
    expect(await stateOf(s.request.id), `a refused call in ${phase} changed the request or its session`).toEqual(before);
    expect(cells).toBe(procedures.length * roles.length);
  });
});
