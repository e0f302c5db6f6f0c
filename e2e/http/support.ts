import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import type { AppRouter } from "../../src/server/api/root";
import { type BusinessData, businessDataSchema, maskedPreview, type PaymentAnswer } from "../../src/shared/business-data";
import type { SessionEvent } from "../../src/shared/exchange/session-events";
import {
  type DeskKeys,
  deskChannel,
  newDeskKeys,
  newPhoneKeys,
  openHandover,
  phoneChannel,
  sealAnswer,
  sealHandover,
} from "../../src/shared/handover/parties";
import type { HandoverChannel } from "../../src/shared/handover/protocol";

/** The business data the HTTP and desk tests send: a valid German IBAN. */
export const bankAccount = {
  type: "BANK_ACCOUNT" as const,
  holderName: "Jane Smith",
  bankName: "West Bank",
  accountNumber: "DE89 3704 0044 0532 0130 00",
};

export interface RunningServer {
  url: string;
  /** The embedded database's folder, for a server startServer made. */
  dataDir?: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built app the way `npm start` does (migrations, then
 * `next start`), on its own port and a throwaway embedded database.
 */
export async function startServer(port: number, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "nearby-http-"));
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { ...(await serving(child, port, () => rmSync(dataDir, { recursive: true, force: true }))), dataDir };
}

/**
 * Runs the server (scripts/server.ts) itself, without the start script: for a
 * database the test migrated already, and so that SIGKILL hits the server and nothing else.
 */
export async function startNext(port: number, env: Record<string, string>, nodeArgs: string[] = []): Promise<RunningServer> {
  const args = [...nodeArgs, "--import", "./scripts/server-only-hook.mjs", "--import", "tsx", join("scripts", "server.ts"), "--port", String(port)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return serving(child, port, () => {});
}

/** Waits until `child` answers HTTP on `port`. */
async function serving(child: ChildProcess, port: number, cleanUp: () => void): Promise<RunningServer> {
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited with ${child.exitCode ?? child.signalCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/auth/csrf`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 90_000) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within 90 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    port,
    process: child,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      cleanUp();
    },
  };
}

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** One POST to one of next-auth's routes (callback/credentials, signout) with a fresh CSRF token, as its forms send it. */
export async function authPost(url: string, route: string, fields: Record<string, string>, headers: Record<string, string> = {}, cookie = "") {
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${url}/api/auth/${route}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
      cookie: [...cookiesFrom(csrf), ...(cookie ? [cookie] : [])].join("; "),
    },
    body: new URLSearchParams({ csrfToken, ...fields }),
  });
}

/** Signs in through next-auth's credentials endpoint, as the sign-in form does. */
export function signInRequest(url: string, identification: string, password: string, headers: Record<string, string> = {}) {
  return authPost(url, "callback/credentials", { identification, password }, headers);
}

/** The session cookie a sign-in answer sets, or undefined. */
export function sessionCookieOf(response: Response): string | undefined {
  return cookiesFrom(response).find((c) => c.includes("session-token="));
}

/** Signs up through the API and signs in through next-auth's credentials endpoint; returns the session cookie. */
export async function signedInAccount(url: string, name: string, displayName = name) {
  const identification = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  await client(url, "").account.signUp.mutate({ identification, displayName, password: "correct horse battery" });
  const signIn = await signInRequest(url, identification, "correct horse battery");
  const session = sessionCookieOf(signIn);
  if (!session) throw new Error(`sign-in failed: ${signIn.status}`);
  return { identification, cookie: session, api: client(url, session) };
}

export function client(url: string, cookie: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/api/trpc`, transformer: superjson, headers: () => (cookie ? { cookie } : {}) })],
  });
}

export interface ReceivedEvent<T = unknown> {
  id: string;
  data: T;
}

/**
 * A plain SSE client on a tRPC subscription, as a browser's EventSource
 * would hold it: it reconnects by itself after a drop, sending Last-Event-ID.
 */
export function openEventStream<T>(url: string, path: string, input: unknown, cookie: string) {
  const query = new URLSearchParams({ input: JSON.stringify(superjson.serialize(input)) });
  const events: ReceivedEvent<T>[] = [];
  const waiters: Array<() => void> = [];
  let opens = 0;
  const source = new EventSource(`${url}/api/trpc/${path}?${query}`, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, cookie } }),
  });
  source.addEventListener("open", () => opens++);
  source.addEventListener("message", (event) => {
    const parsed = JSON.parse(event.data as string) as Parameters<typeof superjson.deserialize>[0];
    events.push({ id: event.lastEventId, data: superjson.deserialize<T>(parsed) });
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    events,
    opens: () => opens,
    /** Waits until `count` events have arrived in all. */
    async waitFor(count: number, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} events within ${ms} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return events;
    },
    close: () => source.close(),
  };
}

/**
 * A TCP relay in front of the server whose connections the test can cut, like
 * a phone losing signal, and point at another instance, like a load balancer.
 */
export async function startFlakyProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let target = targetPort;
  const server = net.createServer((incoming) => {
    const outgoing = net.connect(target, "127.0.0.1");
    for (const s of [incoming, outgoing]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cutAll() {
      for (const s of sockets) s.destroy();
    },
    /** New connections go to `port` from now on. */
    retarget(port: number) {
      target = port;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- the handover protocol, as a Node client runs it (the same shared module as the phone and the desk) ----

type Api = ReturnType<typeof client>;

/** What a phone submits for `raw` business data: its type and the preview it computes; the data stays with the client. */
export function submitted(raw: unknown): { type: BusinessData["type"]; preview: string } {
  const data = businessDataSchema.parse(raw);
  return { type: data.type, preview: maskedPreview(data) };
}

/** The desk's select: a fresh key pair, and the commitment select carries. */
export async function deskSelects(desk: Api, request: { id: string; identificationHandle: string }): Promise<DeskKeys> {
  const keys = await newDeskKeys(request.id);
  await desk.exchange.select.mutate({ requestId: request.id, identificationHandle: request.identificationHandle, commitment: keys.commitment });
  return keys;
}

export interface Channels {
  phone: HandoverChannel;
  desk: HandoverChannel;
}

/** Both sides in one Node process: the phone sends its key, the desk reveals, each derives its channel. */
export async function agreeKeys(phone: Api, desk: Api, keys: DeskKeys): Promise<Channels> {
  const phoneKeys = await newPhoneKeys(keys.requestId);
  await phone.exchange.sendKey.mutate({ requestId: keys.requestId, publicKey: phoneKeys.publicKey });
  await desk.exchange.revealKey.mutate({ requestId: keys.requestId, publicKey: keys.publicKey, nonce: keys.nonce });
  return { phone: await phoneChannel(phoneKeys, keys.commitment, keys), desk: await deskChannel(keys, phoneKeys.publicKey) };
}

/** The phone confirms the code: the data sealed to the desk. */
export async function confirmSealed(phone: Api, channels: Channels, requestId: string, raw: unknown, identification: string) {
  const sealed = await sealHandover(channels.phone, businessDataSchema.parse(raw), identification);
  await phone.exchange.confirm.mutate({ requestId, sealed });
}

/** The desk answers: the payment confirmation sealed to the phone. */
export async function answerSealed(desk: Api, channels: Channels, requestId: string, answer: PaymentAnswer) {
  await desk.exchange.sendPaymentConfirmation.mutate({ requestId, sealed: await sealAnswer(channels.desk, answer) });
}

/** Waits (up to `ms` by default) for the first session event of a type on `stream`, seen already or still to come. */
function sessionEventWaiter(stream: ReturnType<typeof openEventStream<SessionEvent>>, defaultMs: number) {
  return async <T extends SessionEvent["type"]>(type: T, ms = defaultMs): Promise<Extract<SessionEvent, { type: T }>> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = stream.events.find((e) => e.data.type === type);
      if (found) return found.data as Extract<SessionEvent, { type: T }>;
      if (Date.now() > deadline) throw new Error(`no ${type} event within ${ms} ms`);
      await stream.waitFor(stream.events.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
    }
  };
}

/**
 * A desk driven over HTTP against a phone that runs the protocol by itself
 * (a browser): it selects by the handle its list gives, reveals its key once
 * the phone's has arrived, and opens what the phone seals.
 */
export async function apiDeskSelects(url: string, desk: { api: Api; cookie: string }, requestId: string) {
  const listed = (await desk.api.list.byType.query({ type: "BANK_ACCOUNT" })).find((r) => r.id === requestId);
  if (!listed) throw new Error(`request ${requestId} is not in the desk's list`);
  const keys = await deskSelects(desk.api, listed);
  const stream = openEventStream<SessionEvent>(url, "exchange.session", { requestId }, desk.cookie);
  const eventOf = sessionEventWaiter(stream, 15_000);
  let channel: HandoverChannel | null = null;
  return {
    keys,
    listed,
    /** Waits for the phone's key, reveals, and returns the code this desk derived. */
    async reveal(): Promise<string> {
      const requesterKey = (await eventOf("requester_key")).payload.publicKey;
      await desk.api.exchange.revealKey.mutate({ requestId, publicKey: keys.publicKey, nonce: keys.nonce });
      channel = await deskChannel(keys, requesterKey);
      return channel.code;
    },
    /** Waits for the sealed data and opens it. */
    async receive() {
      const sealed = (await eventOf("data_handed_over")).payload.sealed;
      if (!channel || !sealed) throw new Error("nothing to open");
      return openHandover(channel, sealed, listed.preview);
    },
    async answer(answer: PaymentAnswer) {
      if (!channel) throw new Error("keys not agreed");
      await desk.api.exchange.sendPaymentConfirmation.mutate({ requestId, sealed: await sealAnswer(channel, answer) });
    },
    close: () => stream.close(),
  };
}

/**
 * A phone driven over HTTP against a desk that runs the protocol by itself (a
 * browser): it sends its key once paired, checks the desk's reveal against the
 * commitment, and seals `raw` when told to confirm.
 */
export async function apiPhoneFollows(url: string, phone: { api: Api; cookie: string; identification: string }, requestId: string, raw: unknown) {
  const keys = await newPhoneKeys(requestId);
  const stream = openEventStream<SessionEvent>(url, "exchange.session", { requestId }, phone.cookie);
  const eventOf = sessionEventWaiter(stream, 20_000);
  // Under way at once, as a phone would: it sends its key as soon as it is paired.
  const channel = (async () => {
    const { commitment } = (await eventOf("paired", 60_000)).payload;
    await phone.api.exchange.sendKey.mutate({ requestId, publicKey: keys.publicKey });
    return phoneChannel(keys, commitment, (await eventOf("processor_key")).payload);
  })();
  channel.catch(() => undefined);
  const agreed = () => channel;
  return {
    /** Sends the key after the pairing, waits for the reveal, and returns the code this phone derived. */
    code: async () => (await agreed()).code,
    async confirm() {
      await phone.api.exchange.confirm.mutate({
        requestId,
        sealed: await sealHandover(await agreed(), businessDataSchema.parse(raw), phone.identification),
      });
    },
    close: () => stream.close(),
  };
}
