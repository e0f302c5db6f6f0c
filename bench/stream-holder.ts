/**
 * A load-generator process for the stream benchmarks (bench/api-path.ts): it
 * opens SSE streams from its own source address (a 127.x of its own, so the
 * streams of several processes spread over addresses and file tables) and
 * holds them until told to close. Talks to its parent over IPC:
 *   in:  { open: { url, targets: [{ path, cookie }], localAddress, concurrency } } | { close: true }
 *   out: { progress: n } while opening, then { opened: n, failed: n, error? }
 */
import http from "node:http";

interface OpenCommand {
  url: string;
  targets: { path: string; cookie: string }[];
  localAddress: string;
  concurrency: number;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const held: http.ClientRequest[] = [];

/** Opens one stream; resolves once its first event (the snapshot) arrived. */
function open(url: string, target: { path: string; cookie: string }, localAddress: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${target.path}`, { agent, localAddress, headers: { cookie: target.cookie, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`the stream answered ${res.statusCode}`));
        return;
      }
      res.once("data", () => resolve());
      res.on("error", () => {});
    });
    req.on("error", reject);
    held.push(req);
  });
}

async function openAll(command: OpenCommand) {
  let next = 0;
  let opened = 0;
  let failed = 0;
  let error: string | undefined;
  await Promise.all(
    Array.from({ length: command.concurrency }, async () => {
      while (next < command.targets.length) {
        const target = command.targets[next++]!;
        try {
          await open(command.url, target, command.localAddress);
          opened++;
          if (opened % 500 === 0) process.send?.({ progress: opened });
        } catch (e) {
          failed++;
          error ??= e instanceof Error ? e.message : String(e);
        }
      }
    }),
  );
  process.send?.({ opened, failed, error });
}

process.on("message", (message: { open?: OpenCommand; close?: true }) => {
  if (message.open) void openAll(message.open);
  if (message.close) {
    for (const req of held) req.destroy();
    process.exit(0);
  }
});
