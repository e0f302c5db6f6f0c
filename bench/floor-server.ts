/**
 * The floor of issue 11's benchmarks: a bare `node:http` server doing the
 * least the app's API path must do, run as its own process beside the app.
 *   GET  /sse?id=K   an SSE stream held open (a first event, then a ping every
 *                    10 s, as tRPC's), registered under K.
 *   POST /submit     reads a JSON body, runs the same `nx_submit_request`
 *                    through a `pg` pool of the app's size (20), answers JSON,
 *                    and writes an event to the stream named `notify`; with
 *                    REDIS_URL set it goes through Redis pub/sub instead, so
 *                    that two floor instances relay as two app instances do.
 * Env: PORT, DATABASE_URL (for /submit), REDIS_URL (optional).
 */
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { Redis } from "ioredis";
import pg from "pg";

const port = Number(process.env.PORT ?? 3270);
const pool = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 }) : null;
const channel = "nx-floor-push";
const publisher = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : null;
const subscriber = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : null;
const streams = new Map<string, http.ServerResponse>();

function push(target: string, data: string) {
  streams.get(target)?.write(`data: ${data}\n\n`);
}

if (subscriber) {
  await subscriber.subscribe(channel);
  subscriber.on("message", (_channel: string, message: string) => {
    const { target, data } = JSON.parse(message) as { target: string; data: string };
    push(target, data);
  });
}

interface SubmitBody {
  requesterId: string;
  identification: string;
  type: string;
  preview: string;
  latitude: number;
  longitude: number;
  notify?: string;
}

async function submit(body: SubmitBody) {
  if (!pool) throw new Error("no DATABASE_URL");
  const id = randomUUID();
  const now = new Date();
  const deadline = new Date(now.getTime() + 600_000);
  const submitted = JSON.stringify({ type: body.type, preview: body.preview, deadline: deadline.toISOString(), trigger: "TAP" });
  const { rows } = await pool.query<{ accepted: boolean }>(
    `SELECT * FROM "nx_submit_request"($1, $2, $3, $4, $5::"BusinessDataType", $6, $7::float8, $8::float8, $9::float8, $10::"SendTrigger", $11::timestamp(3), $12::timestamp(3), $13::int, $14::jsonb, $15)`,
    [
      id,
      body.requesterId,
      body.identification,
      randomBytes(18).toString("base64url"),
      body.type,
      body.preview,
      body.latitude,
      body.longitude,
      null,
      "TAP",
      deadline,
      now,
      5,
      submitted,
      null,
    ],
  );
  const data = JSON.stringify({
    kind: "added",
    request: { id, type: body.type, preview: body.preview, latitude: body.latitude, longitude: body.longitude },
  });
  if (body.notify) {
    if (publisher) await publisher.publish(channel, JSON.stringify({ target: body.notify, data }));
    else push(body.notify, data);
  }
  return { id, accepted: rows[0]?.accepted ?? false };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://floor");
  if (req.method === "GET" && url.pathname === "/sse") {
    const id = url.searchParams.get("id") ?? String(streams.size);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.write(`data: {"kind":"snapshot","requests":[]}\n\n`);
    streams.set(id, res);
    const ping = setInterval(() => res.write(": ping\n\n"), 10_000);
    req.on("close", () => {
      clearInterval(ping);
      streams.delete(id);
    });
    return;
  }
  if (req.method === "POST" && url.pathname === "/submit") {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      submit(JSON.parse(Buffer.concat(chunks).toString("utf8")) as SubmitBody).then(
        (result) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(result));
        },
        (error: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(error));
        },
      );
    });
    return;
  }
  res.writeHead(req.url === "/health" ? 200 : 404).end();
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`floor listening on ${port}`));

process.on("SIGTERM", () => {
  for (const res of streams.values()) res.end();
  server.close();
  void Promise.all([pool?.end(), publisher?.quit(), subscriber?.quit()]).finally(() => process.exit(0));
});
