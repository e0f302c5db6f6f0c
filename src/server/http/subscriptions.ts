import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getErrorShape, getTRPCErrorFromUnknown, isTrackedEnvelope, sseHeaders } from "@trpc/server/unstable-core-do-not-import";
import { createCaller } from "../api/root";
import type { TRPCContext } from "../api/trpc";
import { trpcHandlerOptions } from "../api/handler-options";
import { streamOpened } from "../metrics/metrics";
import { shutdownSignal } from "../runtime";
import { inputFromJson, procedureAt, routerConfig } from "./router-wire";
import { WriteOrder } from "./write-order";

/**
 * The subscriptions (list.live, exchange.session) written as SSE straight to
 * node:http, in the wire format of tRPC's own producer (sseStreamProducer in
 * @trpc/server), which httpSubscriptionLink reads: `connected`, then
 * `id:`/`data:` events, `ping` when idle, and `return` or `serialized-error`
 * at the end. The procedure itself runs through the router's caller, with
 * every middleware (session, limits, metrics) as on any other path.
 *
 * Why not tRPC's adapter here: it builds a fetch Request and Response per
 * stream and pipes each through three web streams and two async-generator
 * wrappers; holding 10,000 list.live streams that way cost about 20× what a
 * bare node:http server spends per stream (bench/api-path.ts, part 1).
 * For the same reason a held stream is lean: one close listener, headers
 * written once from a shared set, no copy of the cookie it was opened with.
 */

const config = routerConfig;
const PING_MS = config.sse?.ping?.intervalMs ?? 10_000;

/** True when `path` names a subscription, which this module serves. */
export function isSubscription(path: string): boolean {
  return procedureAt(path)?._def.type === "subscription";
}

/** Open streams by their last write: one timer pings the idle ones, instead of a timer per stream. */
const streams = new WriteOrder<ServerResponse>();
let pinger: NodeJS.Timeout | undefined;
/**
 * Ping rounds are short and frequent: streams opened together fall due
 * together, and a round a second wrote to all of a second's streams at once
 * (about 200, with 1,000 streams opened within 5 s), which a push arriving then
 * waited behind. Each round reads only the due streams.
 */
const PING_ROUND_MS = 100;

function startPinger() {
  if (pinger) return;
  pinger = setInterval(() => {
    for (const res of streams.writtenBy(performance.now() - PING_MS)) ping(res);
  }, PING_ROUND_MS).unref();
  // A broken connection, unlike a clean end, makes the browser's EventSource reconnect (to this server once
  // restarted, or another instance) and resume from its last event id: on shutdown, open streams are cut.
  shutdownSignal().addEventListener("abort", () => {
    for (const res of [...streams.keys()]) res.destroy();
  });
}

function write(res: ServerResponse, chunk: string): boolean {
  streams.written(res, performance.now());
  return res.write(chunk);
}

const PING = "event: ping\ndata: \n\n";
/** The ping as one chunk of HTTP/1.1's chunked encoding, framed once. */
const PING_CHUNK = Buffer.from(`${Buffer.byteLength(PING).toString(16)}\r\n${PING}\r\n`, "latin1");

/**
 * Pings are most of what a held stream writes (one per stream every 10 s).
 * Through ServerResponse each is four corked writes (size, CRLF, data, CRLF)
 * and about 1.9 KB of garbage; at 10,000 streams that kept V8's young
 * generation at its largest (about 28 MiB resident) for as long as the streams
 * were held. Once the headers are out and nothing waits in the response's own
 * buffer, the same bytes go to the socket as one pre-framed write.
 */
function ping(res: ServerResponse): void {
  streams.written(res, performance.now());
  const socket = res.socket;
  const framedHere = res.chunkedEncoding && res.headersSent && !res.writableEnded && socket?.writable && res.writableLength === socket.writableLength;
  if (framedHere) socket.write(PING_CHUNK);
  else res.write(PING);
}

/** Waits for the socket to drain when a slow client fell behind, so its events queue in the kernel, not here. */
function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** The id a reconnecting EventSource resumes from: its Last-Event-ID header, or the link's query parameter. */
function lastEventIdOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers["last-event-id"];
  const id = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("lastEventId") ?? url.searchParams.get("Last-Event-Id");
  return id && !/[\0\n\r]/.test(id) ? id : null;
}

function inputOf(url: URL, lastEventId: string | null): unknown {
  const raw = url.searchParams.get("input");
  let input: unknown;
  try {
    input = raw === null ? undefined : inputFromJson(raw);
  } catch (cause) {
    throw new TRPCError({ code: "PARSE_ERROR", message: "The input is not valid JSON.", cause });
  }
  if (!lastEventId) return input;
  // As tRPC's resolveResponse does: the resumed id joins the input, where the procedure's schema checks it.
  return typeof input === "object" && input !== null && !Array.isArray(input) ? { ...input, lastEventId } : (input ?? { lastEventId });
}

type Subscribe = (input: unknown) => Promise<AsyncIterable<unknown>>;

function procedureOf(caller: ReturnType<typeof createCaller>, path: string): Subscribe {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return target as Subscribe;
}

/**
 * The stream's request keeps no copy of the session cookie once the session
 * was read from it. Emptied, not deleted: a delete turns the headers object
 * into a dictionary, about 450 bytes more for as long as the stream is open.
 */
function forgetCookie(req: IncomingMessage): void {
  if (req.headers.cookie !== undefined) req.headers.cookie = "";
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === "cookie") req.rawHeaders[i + 1] = "";
}

/**
 * Serves the subscription at `path` as an event stream until it ends, fails,
 * or the client goes. `headers` are its security headers; the event-stream
 * ones are added here.
 */
export async function serveSubscription(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  createContext: () => Promise<TRPCContext>,
  headers: Readonly<Record<string, string>>,
) {
  if (shutdownSignal().aborted) return void res.destroy();
  const url = new URL(req.url ?? "/", "http://api");
  // The stream's one controller: aborted when the client goes, and by a sign-out (ctx.stream), after which the
  // stream still ends with `return`; `gone` tells the two apart.
  const ended = new AbortController();
  let gone = false;
  res.on("close", () => {
    gone = true;
    ended.abort();
    streams.forget(res);
  });
  res.writeHead(200, { ...headers, ...sseHeaders });
  startPinger();
  write(res, `event: connected\ndata: ${JSON.stringify(config.sse?.client ?? {})}\n\n`);

  let ctx: TRPCContext | undefined;
  let input: unknown;
  let closeCount: (() => void) | undefined;
  try {
    const lastEventId = lastEventIdOf(req, url);
    input = inputOf(url, lastEventId);
    ctx = await createContext();
    ctx.stream = ended;
    forgetCookie(req);
    const events = await procedureOf(createCaller(ctx, { signal: ended.signal }), path)(input);
    closeCount = streamOpened(path);
    let resumeFrom = lastEventId;
    for await (const value of events) {
      if (gone) break;
      const tracked = isTrackedEnvelope(value);
      const data = `data: ${JSON.stringify(config.transformer.output.serialize(tracked ? value[1] : value))}\n`;
      if (tracked) resumeFrom = value[0];
      // An untracked event after a tracked one keeps the client's resume point (tRPC's restore-id).
      const chunk = tracked
        ? `${data}id: ${value[0]}\n\n`
        : resumeFrom !== null
          ? `${data}id: \n\nevent: restore-id\ndata: \nid: ${resumeFrom}\n\n`
          : `${data}\n`;
      if (!write(res, chunk)) await drained(res, ended.signal);
    }
    if (!gone) write(res, "event: return\ndata: \n\n");
  } catch (cause) {
    if (gone) return;
    const error = getTRPCErrorFromUnknown(cause);
    trpcHandlerOptions().onError({ error, path });
    const shape = getErrorShape({ config, ctx, error, input, path, type: "subscription" });
    write(res, `event: serialized-error\ndata: ${JSON.stringify(config.transformer.output.serialize(shape))}\n\n`);
  } finally {
    closeCount?.();
    streams.forget(res);
    if (!res.destroyed) res.end();
  }
}
